#include "api/reads/query_keys.h"

#include "expr/value_compare.h"
#include "model/decimal.h"
#include "model/errors.h"
#include "model/limits.h"
#include "store/primary_key.h"

namespace pd {
namespace {

using expr::KeyConditionPart;
using expr::KeyOp;

[[noreturn]] void fail(const std::string& message) {
  throw validationError(message);
}

const KeyConditionPart* partFor(const std::vector<KeyConditionPart>& parts,
                                const std::string& name) {
  for (const auto& part : parts) {
    if (part.attribute == name) return &part;
  }
  return nullptr;
}

// One attribute of the start key: present (the count was checked before), of the key's type,
// within the key size limits.
void checkStartKeyPiece(const std::optional<Item>& startKey, const KeyElement& element,
                        bool isHash) {
  if (!startKey) return;
  const auto it = startKey->find(element.name);
  if (it == startKey->end()) fail("The provided starting key is invalid");
  if (it->second.type != element.type) fail("The provided key element does not match the schema");
  const std::size_t size = it->second.scalar.size();
  if (isHash && size > limits::kMaxPartitionKeyBytes) {
    fail(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of2048 bytes");
  }
  if (!isHash && size > limits::kMaxSortKeyBytes) {
    fail(
        "One or more parameter values were invalid: Aggregated size of all range keys has "
        "exceeded the size limit of 1024 bytes");
  }
}

void checkPartType(const KeyConditionPart& part, const KeyElement& element) {
  for (const auto& value : part.values) {
    if (value.type != element.type) {
      fail(
          "One or more parameter values were invalid: Condition parameter type does not match "
          "schema type");
    }
  }
}

const AttributeValue& matchHash(const TableSchema& schema,
                                const std::vector<KeyConditionPart>& parts) {
  const KeyElement& element = schema.hashKey;
  if (!schema.rangeKey && parts.size() > 1) fail("Query key condition not supported");
  const KeyConditionPart* part = partFor(parts, element.name);
  if (!part) fail("Query condition missed key schema element: " + element.name);
  checkPartType(*part, element);
  if (part->op != KeyOp::Eq) fail("Query key condition not supported");
  const AttributeValue& value = part->values.front();
  if (value.scalar.empty()) {
    fail(std::string("One or more parameter values are not valid. The AttributeValue for a key "
                     "attribute cannot contain an empty ") +
         (value.type == AttrType::B ? "binary" : "string") + " value. Key: " + element.name);
  }
  return value;
}

const KeyConditionPart* matchRange(const KeyElement& element,
                                   const std::vector<KeyConditionPart>& parts) {
  const KeyConditionPart* part = partFor(parts, element.name);
  if (!part) {
    if (parts.size() > 1) fail("Query condition missed key schema element: " + element.name);
    return nullptr;
  }
  checkPartType(*part, element);
  return part;
}

bool beginsWith(const AttributeValue& value, const AttributeValue& prefix) {
  return value.scalar.compare(0, prefix.scalar.size(), prefix.scalar) == 0;
}

bool satisfies(const KeyConditionPart& part, const AttributeValue& value) {
  if (part.op == KeyOp::BeginsWith) return beginsWith(value, part.values[0]);
  const int low = expr::compareOrdered(value, part.values[0]).value_or(0);
  switch (part.op) {
    case KeyOp::Eq:
      return low == 0;
    case KeyOp::Lt:
      return low < 0;
    case KeyOp::Le:
      return low <= 0;
    case KeyOp::Gt:
      return low > 0;
    case KeyOp::Ge:
      return low >= 0;
    default:
      return low >= 0 && expr::compareOrdered(value, part.values[1]).value_or(0) <= 0;
  }
}

// The sort-key bytes of a value, as primary_key.cpp appends them.
std::string sortBytes(const AttributeValue& value) {
  return value.type == AttrType::N ? Decimal::parse(value.scalar).orderKey() : value.scalar;
}

}  // namespace

QueryKey matchQueryKey(const TableSchema& schema, const std::vector<KeyConditionPart>& parts,
                       const std::optional<Item>& startKey) {
  const std::size_t keyCount = schema.rangeKey ? 2 : 1;
  if (startKey && startKey->size() != keyCount) fail("The provided starting key is invalid");
  QueryKey key;
  checkStartKeyPiece(startKey, schema.hashKey, true);
  key.hash = &matchHash(schema, parts);
  if (schema.rangeKey) {
    checkStartKeyPiece(startKey, *schema.rangeKey, false);
    key.range = matchRange(*schema.rangeKey, parts);
  }
  return key;
}

std::string checkStartKeyInQuery(const TableSchema& schema, const QueryKey& key,
                                 const Item& startKey) {
  const AttributeValue& hash = startKey.at(schema.hashKey.name);
  const bool samePartition = expr::valuesEqual(hash, *key.hash);
  const AttributeValue* range = schema.rangeKey ? &startKey.at(schema.rangeKey->name) : nullptr;
  if (!key.range) {
    if (!samePartition) {
      fail("The provided starting key is outside query boundaries based on provided conditions");
    }
  } else {
    if (!satisfies(*key.range, *range)) {
      fail("The provided starting key does not match the range key predicate");
    }
    if (!samePartition) fail("The query can return at most one row and cannot be restarted");
  }
  return orderKey(hash, range);
}

void checkFilterAvoidsKeys(const std::vector<expr::DocumentPath>& paths,
                           const TableSchema& schema) {
  std::vector<const KeyElement*> keys{&schema.hashKey};
  if (schema.rangeKey) keys.push_back(&*schema.rangeKey);
  for (const KeyElement* key : keys) {
    for (const auto& path : paths) {
      if (path[0].name == key->name) {
        fail(
            "Filter Expression can only contain non-primary key attributes: Primary key "
            "attribute: " +
            key->name);
      }
    }
  }
}

KeyRange queryRange(const QueryKey& key) {
  const std::string partition = orderKey(*key.hash, nullptr);
  KeyRange range = prefixRange(partition);
  if (!key.range) return range;
  const KeyConditionPart& part = *key.range;
  const std::string value = partition + sortBytes(part.values[0]);
  switch (part.op) {
    case KeyOp::Eq:
      return {KeyBound{value, true}, KeyBound{value, true}};
    case KeyOp::Lt:
      return {range.lower, KeyBound{value, false}};
    case KeyOp::Le:
      return {range.lower, KeyBound{value, true}};
    case KeyOp::Gt:
      return {KeyBound{value, false}, range.upper};
    case KeyOp::Ge:
      return {KeyBound{value, true}, range.upper};
    case KeyOp::BeginsWith:
      return prefixRange(value);
    case KeyOp::Between:
      return {KeyBound{value, true}, KeyBound{partition + sortBytes(part.values[1]), true}};
  }
  return range;
}

}  // namespace pd
