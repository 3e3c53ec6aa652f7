#include "api/batch/batch_request_items.h"

#include "api/wire/wire_types.h"
#include "model/errors.h"

namespace pd {

const char* const kKeysAndAttributesType = "com.amazonaws.dynamodb.v20120810.KeysAndAttributes";
const char* const kWriteRequestsType =
    "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>";

std::string javaListText(const Json& list) {
  std::string out;
  for (const auto& element : list) out += (out.empty() ? "" : ", ") + element.dump();
  return "[" + out + "]";
}

const Json* readRequestItems(const Fields& request, Constraints& constraints,
                             const char* valueType) {
  const Json* items = request.get("RequestItems");
  if (!items) {
    constraints.required(false, "requestItems");
    return nullptr;
  }
  expectMap(*items, valueType);
  for (const auto& entry : items->items()) {
    if (isValidTableName(entry.key())) continue;
    // DynamoDB lists the three rules of a table name whichever one failed.
    constraints.fail("'" + items->dump() + "'", "requestItems",
                     "Map keys must satisfy constraint: [Member must have length less than or "
                     "equal to 255, Member must have length greater than or equal to 3, Member "
                     "must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]");
    break;
  }
  return items;
}

void checkRequestItemsNotEmpty(const Json* requestItems, const char* operation) {
  if (requestItems && requestItems->empty()) {
    throw validationError(std::string("The requestItems parameter is required for ") + operation);
  }
}

void checkWriteListLengths(const Json& requestItems, Constraints& constraints, std::size_t min,
                           std::size_t max) {
  bool outside = false;
  std::string text;  // the map as Java prints it: {name=[...], ...}
  for (const auto& [name, list] : requestItems.items()) {
    const std::size_t size = list.is_array() ? list.size() : 0;
    outside = outside || size < min || size > max;
    text += (text.empty() ? "" : ", ") + name + "=" + (list.is_array() ? javaListText(list) : "");
  }
  if (!outside) return;
  constraints.fail("'{" + text + "}'", "requestItems",
                   "Map value must satisfy constraint: [Member must have length less than or "
                   "equal to " +
                       std::to_string(max) + ", Member must have length greater than or equal to " +
                       std::to_string(min) + "]");
}

}  // namespace pd
