#include "api/reads/query_keys.h"

#include <algorithm>

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

const AttributeValue& matchHash(const KeyElement& element,
                                const std::vector<KeyConditionPart>& parts) {
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

// The sort-key attributes from the left while each has a condition. `matched` conditions were
// taken by the partition key.
std::vector<const KeyConditionPart*> matchRange(const std::vector<KeyElement>& elements,
                                                const std::vector<KeyConditionPart>& parts,
                                                std::size_t matched) {
  std::vector<const KeyConditionPart*> used;
  for (const auto& element : elements) {
    const KeyConditionPart* part = partFor(parts, element.name);
    if (!part) break;
    checkPartType(*part, element);
    used.push_back(part);
  }
  // Conditions left over name another attribute or skip one: the first sort-key attribute
  // without a condition is missing (there is one: parts never outnumber the key attributes).
  if (matched + used.size() < parts.size()) {
    fail("Query condition missed key schema element: " + elements[used.size()].name);
  }
  // Only the last sort-key attribute used may be compared otherwise (wording UNCONFIRMED).
  for (std::size_t i = 0; i + 1 < used.size(); ++i) {
    if (used[i]->op != KeyOp::Eq) fail("Query key condition not supported");
  }
  return used;
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

QueryKey matchQueryKey(const KeyAttributes& keys, const std::vector<KeyConditionPart>& parts,
                       const std::optional<Item>& startKey) {
  const std::size_t keyCount = keys.hash.size() + keys.range.size();
  if (parts.size() > std::max<std::size_t>(2, keyCount)) {
    fail("Conditions can be of length 1 or 2 only");
  }
  if (startKey && startKey->size() != keyCount) fail("The provided starting key is invalid");
  QueryKey key;
  for (const auto& element : keys.hash) {
    checkStartKeyPiece(startKey, element, true);
    if (key.hash.empty() && keys.range.empty() && parts.size() > keys.hash.size()) {
      fail("Query key condition not supported");
    }
    key.hash.push_back(&matchHash(element, parts));
  }
  for (const auto& element : keys.range) checkStartKeyPiece(startKey, element, false);
  key.range = matchRange(keys.range, parts, key.hash.size());
  return key;
}

std::string checkStartKeyInQuery(const KeyAttributes& keys, const QueryKey& key,
                                 const Item& startKey) {
  bool samePartition = true;
  for (std::size_t i = 0; i < keys.hash.size(); ++i) {
    samePartition =
        samePartition && expr::valuesEqual(startKey.at(keys.hash[i].name), *key.hash[i]);
  }
  if (key.range.empty()) {
    if (!samePartition) {
      fail("The provided starting key is outside query boundaries based on provided conditions");
    }
  } else {
    for (const KeyConditionPart* part : key.range) {
      if (!satisfies(*part, startKey.at(part->attribute))) {
        fail("The provided starting key does not match the range key predicate");
      }
    }
    if (!samePartition) fail("The query can return at most one row and cannot be restarted");
  }
  const AttributeValue* range = keys.range.empty() ? nullptr : &startKey.at(keys.range[0].name);
  return orderKey(startKey.at(keys.hash[0].name), range);
}

void checkFilterAvoidsKeys(const std::vector<expr::DocumentPath>& paths,
                           const KeyAttributes& keys) {
  for (const KeyElement* key : keys.all()) {
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
  const std::string partition = orderKey(*key.hash[0], nullptr);
  KeyRange range = prefixRange(partition);
  if (key.range.empty()) return range;
  const KeyConditionPart& part = *key.range[0];
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
