#include "api/reads/index_read.h"

#include "api/items/key_rules.h"
#include "model/errors.h"
#include "store/index.h"
#include "store/primary_key.h"

namespace pd {
namespace {

using expr::KeyOp;

[[noreturn]] void badStartKey(const std::string& detail = {}) {
  throw validationError("The provided starting key is invalid" +
                        (detail.empty() ? "" : ": " + detail));
}

void checkStartKeyPiece(const Item& startKey, const KeyElement& key) {
  const auto it = startKey.find(key.name);
  if (it == startKey.end()) badStartKey();
  if (it->second.type != key.type) {
    throw validationError("The provided key element does not match the schema");
  }
}

// Keys at or after every entry whose key starts with `prefix`.
std::string after(const std::string& prefix) {
  return prefixEnd(prefix).value_or(prefix + '\xFF');
}

}  // namespace

const Index* findReadIndex(const Table& table, const ReadRequest& read, bool startKeyMeansBad) {
  if (!read.indexName) return nullptr;
  const Index* index = table.findIndex(*read.indexName);
  if (!index) {
    if (startKeyMeansBad) badStartKey();
    throw validationError("The table does not have the specified index: " + *read.indexName);
  }
  const IndexSchema& schema = index->schema();
  if (schema.global && read.consistentRead) {
    throw validationError("Consistent reads are not supported on global secondary indexes");
  }
  const bool allAttributes = read.select && *read.select == "ALL_ATTRIBUTES";
  if (schema.global && allAttributes && schema.projection != ProjectionType::All) {
    throw validationError(
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index " +
        schema.name + " because its projection type is not ALL");
  }
  return index;
}

bool fetchesFromTable(const Index& index, const ReadRequest& read) {
  return !index.schema().global && read.select && *read.select == "ALL_ATTRIBUTES" &&
         index.schema().projection != ProjectionType::All;
}

std::string indexStartKey(const TableSchema& table, const IndexSchema& index,
                          const Item& startKey) {
  std::vector<std::string> names = keyNames(table);
  const std::vector<const KeyElement*> indexKeys = index.key.all();
  for (const KeyElement* key : indexKeys) {
    if (std::find(names.begin(), names.end(), key->name) == names.end()) {
      names.push_back(key->name);
    }
  }
  if (startKey.size() != names.size()) badStartKey();
  for (const KeyElement* key : indexKeys) checkStartKeyPiece(startKey, *key);
  std::string tableKey;
  try {
    tableKey = orderKeyOfKey(table, keyOf(table, startKey));
  } catch (const std::out_of_range&) {
    badStartKey();
  } catch (const DynamoError& error) {
    badStartKey(error.message);
  }
  return indexKeyPrefix(index.key, startKey) + tableKey;
}

KeyRange indexQueryRange(const QueryKey& key) {
  std::string partition = indexPartitionKey(key.hash);
  // Equalities on the leading sort-key attributes narrow the prefix every entry starts with.
  for (std::size_t i = 0; i + 1 < key.range.size(); ++i) {
    partition += escapedSortKey(key.range[i]->values[0], true);
  }
  KeyRange range = prefixRange(partition);
  if (key.range.empty()) return range;
  const expr::KeyConditionPart& part = *key.range.back();
  // Every entry of sort key v starts with partition + escaped(v) + terminator.
  const std::string value = partition + escapedSortKey(part.values[0], true);
  switch (part.op) {
    case KeyOp::Eq:
      return prefixRange(value);
    case KeyOp::Lt:
      return {range.lower, KeyBound{value, false}};
    case KeyOp::Le:
      return {range.lower, KeyBound{after(value), false}};
    case KeyOp::Gt:
      return {KeyBound{after(value), true}, range.upper};
    case KeyOp::Ge:
      return {KeyBound{value, true}, range.upper};
    case KeyOp::BeginsWith:
      return prefixRange(partition + escapedSortKey(part.values[0], false));
    case KeyOp::Between: {
      const std::string high = partition + escapedSortKey(part.values[1], true);
      return {KeyBound{value, true}, KeyBound{after(high), false}};
    }
  }
  return range;
}

}  // namespace pd
