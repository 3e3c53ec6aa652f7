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

std::string indexKeyPrefix(const AttributeValue& hash, const AttributeValue* range) {
  std::string key = orderKey(hash, nullptr);
  if (range) key += escapedSortKey(*range, true);
  return key;
}

std::optional<Index::Entry> Index::entryOf(const KeyElement& tableHash,
                                           const KeyElement* tableRange, std::string_view tableKey,
                                           const Item& item) const {
  // Sparse: an item without the index key (or with a value of another type, which the write
  // paths refuse before storing) has no entry.
  if (!hasKeyValue(item, schema_.hashKey)) return std::nullopt;
  if (schema_.rangeKey && !hasKeyValue(item, *schema_.rangeKey)) return std::nullopt;
  const AttributeValue& hash = item.at(schema_.hashKey.name);
  const AttributeValue* range = schema_.rangeKey ? &item.at(schema_.rangeKey->name) : nullptr;
  Entry entry;
  entry.key = indexKeyPrefix(hash, range);
  entry.key += tableKey;
  if (schema_.projection == ProjectionType::All) {
    entry.encoded = encodeItem(item);
    entry.size = static_cast<std::uint32_t>(itemSize(item));
    return entry;
  }
  Item projected;
  copyAttribute(item, tableHash.name, projected);
  if (tableRange) copyAttribute(item, tableRange->name, projected);
  copyAttribute(item, schema_.hashKey.name, projected);
  if (schema_.rangeKey) copyAttribute(item, schema_.rangeKey->name, projected);
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
