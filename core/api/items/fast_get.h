// A fast path for the most common read: a GetItem with only TableName, a Key of S and N values
// in plain ASCII JSON, and perhaps ConsistentRead. It reads the body straight into a key, without
// building a JSON tree, and then runs the same steps as GetItem (key rules, lookup, the item
// written from its stored bytes). Anything else, and any request that would fail, is left to the
// general path (which gives DynamoDB's error), so both paths answer every request they both take
// identically (tests/core/fast_get_test.cpp and the engine fuzzer hold them to it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"

namespace pd {

// The response, or nullopt when the general path must handle the request.
std::optional<std::string> tryFastGetItem(Database& db, std::string_view body);

}  // namespace pd
