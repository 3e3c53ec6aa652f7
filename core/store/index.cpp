#include "store/index.h"

#include "model/decimal.h"
#include "model/item_codec.h"
#include "model/item_size.h"
#include "store/primary_key.h"
#include "store/table.h"

namespace pd {

const Index::Records& Index::records() const {
  if (table_) table_->loadAll();
  return entries_;
}

const char* projectionTypeName(ProjectionType type) {
  switch (type) {
    case ProjectionType::All:
      return "ALL";
    case ProjectionType::KeysOnly:
      return "KEYS_ONLY";
    case ProjectionType::Include:
      return "INCLUDE";
  }
  return "ALL";
}

namespace {

bool hasKeyValue(const Item& item, const KeyElement& key) {
  const auto it = item.find(key.name);
  return it != item.end() && it->second.type == key.type;
}

void copyAttribute(const Item& from, const std::string& name, Item& to) {
  const auto it = from.find(name);
  if (it != from.end()) to.insert(*it);
}

}  // namespace

std::string escapedSortKey(const AttributeValue& value, bool terminated) {
  const std::string bytes =
      value.type == AttrType::N ? Decimal::parse(value.scalar).orderKey() : value.scalar;
  std::string out;
  out.reserve(bytes.size() + 2);
  for (const char c : bytes) {
    out += c;
    if (c == '\0') out += '\xFF';
  }
  if (terminated) out.append(2, '\0');
  return out;
}

std::string indexPartitionKey(const std::vector<const AttributeValue*>& values) {
  if (values.size() == 1) return orderKey(*values[0], nullptr);
  std::uint32_t hash = 0;
  for (const AttributeValue* value : values) hash = hash * 16777619u ^ partitionHash(*value);
  std::string key;
  for (int shift = 24; shift >= 0; shift -= 8) key += static_cast<char>((hash >> shift) & 0xFF);
  for (const AttributeValue* value : values) {
    // Length-prefixed, so that no partition's bytes are a prefix of another's.
    key += static_cast<char>(value->scalar.size() >> 8 & 0xFF);
    key += static_cast<char>(value->scalar.size() & 0xFF);
    key += value->scalar;
  }
  return key;
}

std::string indexKeyPrefix(const KeyAttributes& key, const Item& item) {
  std::vector<const AttributeValue*> hash;
  for (const auto& element : key.hash) hash.push_back(&item.at(element.name));
  std::string out = indexPartitionKey(hash);
  for (const auto& element : key.range) out += escapedSortKey(item.at(element.name), true);
  return out;
}

std::optional<Index::Entry> Index::entryOf(const KeyElement& tableHash,
                                           const KeyElement* tableRange, std::string_view tableKey,
                                           const Item& item) const {
  // Sparse: an item without one of the index key attributes (or with a value of another type,
  // which the write paths refuse before storing) has no entry.
  const std::vector<KeyElement>* const roles[] = {&schema_.key.hash, &schema_.key.range};
  for (const auto* keys : roles) {
    for (const KeyElement& key : *keys) {
      if (!hasKeyValue(item, key)) return std::nullopt;
    }
  }
  Entry entry;
  entry.key = indexKeyPrefix(schema_.key, item);
  entry.key += tableKey;
  if (schema_.projection == ProjectionType::All) {
    entry.encoded = encodeItem(item);
    entry.size = static_cast<std::uint32_t>(itemSize(item));
    return entry;
  }
  Item projected;
  copyAttribute(item, tableHash.name, projected);
  if (tableRange) copyAttribute(item, tableRange->name, projected);
  for (const auto* keys : roles) {
    for (const KeyElement& key : *keys) copyAttribute(item, key.name, projected);
  }
  for (const auto& name : schema_.nonKeyAttributes) copyAttribute(item, name, projected);
  entry.encoded = encodeItem(projected);
  entry.size = static_cast<std::uint32_t>(itemSize(projected));
  return entry;
}

IndexTouch Index::replace(const KeyElement& tableHash, const KeyElement* tableRange,
                          std::string_view tableKey, const Item* oldItem, const Item* newItem) {
  std::optional<Entry> before, after;
  if (oldItem) before = entryOf(tableHash, tableRange, tableKey, *oldItem);
  if (newItem) after = entryOf(tableHash, tableRange, tableKey, *newItem);
  IndexTouch touch;
  if (!before && !after) return touch;
  // An entry whose bytes did not change costs no index write.
  if (before && after && before->key == after->key && before->encoded == after->encoded) {
    return touch;
  }
  touch.index = &schema_;
  ItemCounts& counts = counts_[static_cast<std::size_t>(partitionOf(tableKey))];
  if (before) {
    const auto it = entries_.find(before->key);
    if (it != entries_.end()) {
      sizeBytes_ -= it->size();
      --counts.items;
      counts.bytes -= it->size();
      entries_.erase(it);
    }
    touch.removedSize = before->size;
  }
  if (after) {
    entries_.emplace(after->key, after->encoded, after->size);
    sizeBytes_ += after->size;
    ++counts.items;
    counts.bytes += after->size;
    touch.addedSize = after->size;
  }
  touch.keyChanged = before && after && before->key != after->key;
  return touch;
}

}  // namespace pd
