#include "api/items/index_keys.h"

#include "model/errors.h"
#include "model/limits.h"

namespace pd {
namespace {

// Index keys have the table's key size limits (the wording for an index is UNCONFIRMED).
void checkKeySize(const AttributeValue& value, bool isHash) {
  if (value.type == AttrType::N) return;
  if (isHash && value.scalar.size() > limits::kMaxPartitionKeyBytes) {
    throw validationError(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of2048 bytes");
  }
  if (!isHash && value.scalar.size() > limits::kMaxSortKeyBytes) {
    throw validationError(
        "One or more parameter values were invalid: Aggregated size of all range keys has "
        "exceeded the size limit of 1024 bytes");
  }
}

void checkKey(const IndexSchema& index, const KeyElement& key, bool isHash, const Item& item) {
  const auto it = item.find(key.name);
  if (it == item.end()) return;  // sparse: the item is simply not in the index
  const AttributeValue& value = it->second;
  if (value.type != key.type) {
    throw validationError(
        "One or more parameter values were invalid: Type mismatch for Index Key " + key.name +
        " Expected: " + typeName(key.type) + " Actual: " + typeName(value.type) +
        " IndexName: " + index.name);
  }
  if (value.scalar.empty() && value.type != AttrType::N) {
    throw validationError(
        std::string("One or more parameter values are not valid. A value specified for a "
                    "secondary index key is not supported. The AttributeValue for a key "
                    "attribute cannot contain an empty ") +
        (value.type == AttrType::B ? "binary" : "string") + " value. IndexName: " + index.name +
        ", IndexKey: " + key.name);
  }
  checkKeySize(value, isHash);
}

}  // namespace

void checkIndexKeys(const Table& table, const Item& item) {
  for (const auto& index : table.indexes()) {
    const IndexSchema& schema = index->schema();
    for (const auto& key : schema.key.hash) checkKey(schema, key, true, item);
    for (const auto& key : schema.key.range) checkKey(schema, key, false, item);
  }
}

}  // namespace pd
