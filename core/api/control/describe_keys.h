// PocketDynamo_DescribeKeys, ours: a table's key schema and its indexes' keys and projections,
// in DescribeTable's shape but without the counts and sizes, which would load every partition of
// a stored table. What PartiQL (api/partiql) plans its statements with.
#pragma once

#include <string>

#include "api/wire/wire_types.h"
#include "store/database.h"

namespace pd {

std::string describeKeys(Database& db, const Json& request);

}  // namespace pd
