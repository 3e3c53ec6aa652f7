// The TableDescription object of CreateTable, DescribeTable, UpdateTable and DeleteTable.
#pragma once

#include "model/json_writer.h"
#include "store/table.h"

namespace pd {

void writeTableDescription(JsonWriter& out, const Table& table, const char* status);

}  // namespace pd
