// A fast path for the most common request: a PutItem with only TableName and an Item of S, N,
// BOOL, NULL, M and L values in plain ASCII JSON. It reads the body straight into an item,
// without building a JSON tree, and then runs the same steps as PutItem (item size, key rules,
// store). Anything else, and any request that would fail, is left to the general path (which
// gives DynamoDB's error), so both paths answer every request they both take identically.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"

namespace pd {

// The response, or nullopt when the general path must handle the request.
std::optional<std::string> tryFastPutItem(Database& db, std::string_view body);

}  // namespace pd
