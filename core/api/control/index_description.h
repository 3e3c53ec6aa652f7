// The LocalSecondaryIndexes and GlobalSecondaryIndexes members of a TableDescription.
#pragma once

#include "model/json_writer.h"
#include "store/table.h"

namespace pd {

// The ProvisionedThroughput member of a table or a global secondary index.
void writeThroughput(JsonWriter& out, const ProvisionedThroughput& throughput);

// Writes both members (each only when the table has such indexes).
void writeIndexDescriptions(JsonWriter& out, const Table& table);

}  // namespace pd
