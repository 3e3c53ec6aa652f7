#include "store/table.h"

#include <algorithm>

#include "model/item_codec.h"

namespace pd {

const ItemRecord* Table::find(std::string_view key) const {
  const auto it = items_.find(key);
  return it == items_.end() ? nullptr : &*it;
}

std::optional<ItemRecord> Table::store(std::string_view key, std::string_view encoded,
                                       std::uint32_t size, const Item* item) {
  sizeBytes_ += size;
  const auto it = items_.lower_bound(key);
  std::optional<ItemRecord> old;
  if (it == items_.end() || items_.key_comp()(key, *it)) {
    items_.emplace_hint(it, key, encoded, size);
  } else {
    // Replacing keeps the tree as it is: the old value is copied out and overwritten in place.
    old.emplace(it->key(), it->encoded(), it->size());
    sizeBytes_ -= old->size();
    it->replaceValue(encoded, size);
  }
  updateIndexes(key, old, encoded, item);
  return old;
}

std::optional<ItemRecord> Table::remove(std::string_view key) {
  const auto it = items_.find(key);
  if (it == items_.end()) {
    touches_.clear();
    return std::nullopt;
  }
  std::optional<ItemRecord> old(std::move(items_.extract(it).value()));
  sizeBytes_ -= old->size();
  updateIndexes(key, old, {}, nullptr);
  return old;
}

std::optional<ItemRecord> Table::put(std::string_view key, std::string_view encoded,
                                     std::uint32_t size, const Item* item) {
  std::optional<ItemRecord> old = store(key, encoded, size, item);
  tell({schema_.tableId, key, old ? std::optional<std::string_view>(old->encoded()) : std::nullopt,
        encoded, size, false});
  return old;
}

std::optional<ItemRecord> Table::erase(std::string_view key, WriteOrigin origin) {
  std::optional<ItemRecord> old = remove(key);
  if (!old) return old;
  tell({schema_.tableId, key, old->encoded(), std::nullopt, 0, origin == WriteOrigin::TimeToLive});
  return old;
}

void Table::tell(const ItemChange& change) {
  if (sink_) sink_->itemChanged(change);
  if (stream_) stream_->itemChanged(change);
}

void Table::restore(std::string_view key, std::string_view encoded, std::uint32_t size) {
  store(key, encoded, size, nullptr);
}

void Table::restoreErase(std::string_view key) {
  remove(key);
}

void Table::updateIndexes(std::string_view key, const std::optional<ItemRecord>& old,
                          std::string_view encoded, const Item* item) {
  touches_.clear();
  if (indexes_.empty()) return;  // no decoding at all for tables without indexes
  const std::optional<Item> oldItem =
      old ? std::optional<Item>(decodeItem(old->encoded())) : std::nullopt;
  // The new item as the caller handed it; decoded only when it came from storage.
  std::optional<Item> decoded;
  if (!item && !encoded.empty()) item = &decoded.emplace(decodeItem(encoded));
  const KeyElement* range = schema_.rangeKey ? &*schema_.rangeKey : nullptr;
  for (const auto& index : indexes_) {
    const IndexTouch touch =
        index->replace(schema_.hashKey, range, key, oldItem ? &*oldItem : nullptr, item);
    if (touch.index) touches_.push_back(touch);
  }
}

const Index* Table::findIndex(const std::string& name) const {
  for (const auto& index : indexes_) {
    if (index->schema().name == name) return index.get();
  }
  return nullptr;
}

IndexSchema* Table::findIndexSchema(const std::string& name) {
  for (const auto& index : indexes_) {
    if (index->schema().name == name) return &index->schema();
  }
  return nullptr;
}

void Table::addIndex(IndexSchema schema) {
  auto index = std::make_unique<Index>(std::move(schema));
  const KeyElement* range = schema_.rangeKey ? &*schema_.rangeKey : nullptr;
  for (const ItemRecord& record : items_) {
    const Item item = decodeItem(record.encoded());
    index->replace(schema_.hashKey, range, record.key(), nullptr, &item);
  }
  indexes_.push_back(std::move(index));
}

void Table::removeIndex(const std::string& name) {
  touches_.clear();  // they may point at the index's schema
  indexes_.erase(std::remove_if(indexes_.begin(), indexes_.end(),
                                [&](const auto& index) { return index->schema().name == name; }),
                 indexes_.end());
}

}  // namespace pd
