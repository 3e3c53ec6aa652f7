#include "api/items/key_rules.h"

#include "model/errors.h"
#include "model/limits.h"
#include "store/primary_key.h"

namespace pd {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

const char* const kAreNotValid = "One or more parameter values are not valid.";
const char* const kWereInvalid = "One or more parameter values were invalid:";

// PutItem says "are not valid." where GetItem and DeleteItem say "were invalid:".
void checkNotEmpty(const KeyElement& element, const AttributeValue& value, const char* prefix) {
  if (!value.scalar.empty()) return;
  const char* what = value.type == AttrType::B ? "binary" : "string";
  throw validationError(std::string(prefix) +
                        " The AttributeValue for a key attribute cannot contain an empty " + what +
                        " value. Key: " + element.name);
}

void checkKeySizes(const AttributeValue& hash, const AttributeValue* range) {
  if (hash.scalar.size() > limits::kMaxPartitionKeyBytes) {
    throw validationError(kInvalid +
                          "Size of hashkey has exceeded the maximum size limit of2048 bytes");
  }
  if (range && range->scalar.size() > limits::kMaxSortKeyBytes) {
    throw validationError(
        kInvalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  }
}

const AttributeValue& itemKeyValue(const KeyElement& element, const Item& item) {
  const auto it = item.find(element.name);
  if (it == item.end()) {
    throw validationError(kInvalid + "Missing the key " + element.name + " in the item");
  }
  if (it->second.type != element.type) {
    throw validationError(kInvalid + "Type mismatch for key " + element.name + " expected: " +
                          typeName(element.type) + " actual: " + typeName(it->second.type));
  }
  checkNotEmpty(element, it->second, kAreNotValid);
  return it->second;
}

const AttributeValue& keyValue(const KeyElement& element, const Item& key, const char* prefix) {
  const auto it = key.find(element.name);
  if (it == key.end() || it->second.type != element.type) {
    throw validationError("The provided key element does not match the schema");
  }
  checkNotEmpty(element, it->second, prefix);
  return it->second;
}

}  // namespace

std::string orderKeyOfItem(const TableSchema& schema, const Item& item) {
  const AttributeValue& hash = itemKeyValue(schema.hashKey, item);
  const AttributeValue* range = schema.rangeKey ? &itemKeyValue(*schema.rangeKey, item) : nullptr;
  checkKeySizes(hash, range);
  return orderKey(hash, range);
}

std::string orderKeyOfKey(const TableSchema& schema, const Item& key, EmptyKeyWording wording) {
  const std::size_t expected = schema.rangeKey ? 2 : 1;
  if (key.size() != expected) {
    throw validationError("The provided key element does not match the schema");
  }
  const char* prefix = wording == EmptyKeyWording::AreNotValid ? kAreNotValid : kWereInvalid;
  const AttributeValue& hash = keyValue(schema.hashKey, key, prefix);
  const AttributeValue* range =
      schema.rangeKey ? &keyValue(*schema.rangeKey, key, prefix) : nullptr;
  checkKeySizes(hash, range);
  return orderKey(hash, range);
}

std::string orderKeyOfWriteRequestItem(const TableSchema& schema, const Item& item) {
  const AttributeValue& hash = keyValue(schema.hashKey, item, kAreNotValid);
  const AttributeValue* range =
      schema.rangeKey ? &keyValue(*schema.rangeKey, item, kAreNotValid) : nullptr;
  checkKeySizes(hash, range);
  return orderKey(hash, range);
}

void checkKeyValuesNotEmpty(const TableSchema& schema, const Item& itemOrKey) {
  for (const KeyElement* element :
       {&schema.hashKey, schema.rangeKey ? &*schema.rangeKey : nullptr}) {
    if (!element) continue;
    const auto it = itemOrKey.find(element->name);
    if (it != itemOrKey.end() && it->second.type == element->type) {
      checkNotEmpty(*element, it->second, kAreNotValid);
    }
  }
}

std::vector<std::string> keyNames(const TableSchema& schema) {
  std::vector<std::string> names{schema.hashKey.name};
  if (schema.rangeKey) names.push_back(schema.rangeKey->name);
  return names;
}

Item keyOf(const TableSchema& schema, const Item& item) {
  Item key;
  key.emplace(schema.hashKey.name, item.at(schema.hashKey.name));
  if (schema.rangeKey) key.emplace(schema.rangeKey->name, item.at(schema.rangeKey->name));
  return key;
}

}  // namespace pd
