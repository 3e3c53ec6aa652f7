#include "store/table.h"

#include <algorithm>

#include "model/item_codec.h"

namespace pd {

KeyAttributes keyAttributesOf(const TableSchema& schema) {
  KeyAttributes key;
  key.hash.push_back(schema.hashKey);
  if (schema.rangeKey) key.range.push_back(*schema.rangeKey);
  return key;
}

int partitionOf(std::string_view orderKey) {
  return orderKey.empty() ? 0 : static_cast<unsigned char>(orderKey[0]);
}

void Table::setUnloadedPartitions(PartitionLoader* loader, const PartitionSet& unloaded) {
  loader_ = loader;
  unloaded_ = loader ? unloaded : PartitionSet();
}

void Table::loadPartition(int partition) const {
  touch(partition);
  if (!unloaded_.test(static_cast<std::size_t>(partition))) return;
  loader_->loadPartition(schema_.tableId, partition);  // throws: stays unloaded
  unloaded_.reset(static_cast<std::size_t>(partition));
}

void Table::setStoredCounts(int partition, std::optional<StoredCounts> counts) {
  storedCounts_[static_cast<std::size_t>(partition)] = std::move(counts);
}

std::optional<ItemCounts> Table::describedCounts(const std::string* index) const {
  ItemCounts total;
  if (index) {
    const Index* found = findIndex(*index);
    if (!found) return std::nullopt;
    total = {found->loadedItemCount(), found->loadedSizeBytes()};
  } else {
    total = {items_.size(), sizeBytes_};
  }
  for (std::size_t p = 0; unloaded_.any() && p < unloaded_.size(); ++p) {
    if (!unloaded_.test(p)) continue;
    const std::optional<StoredCounts>& stored = storedCounts_[p];
    if (!stored) return std::nullopt;
    const ItemCounts* counts = &stored->table;
    if (index) {
      const auto it = stored->indexes.find(*index);
      if (it == stored->indexes.end()) return std::nullopt;
      counts = &it->second;
    }
    total.items += counts->items;
    total.bytes += counts->bytes;
  }
  return total;
}

void Table::loadAll() const {
  readWhole_ = loader_ != nullptr;
  for (int p = 0; unloaded_.any() && p < kPartitionsPerTable; ++p) loadPartition(p);
}

const Table::Records& Table::records(const std::string* lower, const std::string* upper) const {
  const int first = lower ? partitionOf(*lower) : 0;
  const int last = upper ? partitionOf(*upper) : kPartitionsPerTable - 1;
  if (first != last && loader_) readWhole_ = true;  // a Scan
  // Loaded or not, each partition read counts as touched.
  for (int p = first; loader_ && p <= last; ++p) loadPartition(p);
  return items_;
}

void Table::unloadPartition(int partition, StoredCounts counts) {
  auto it = items_.lower_bound(KeyProbe(std::string(1, static_cast<char>(partition))));
  while (it != items_.end() && partitionOf(it->key()) == partition) {
    const std::string key(it->key());
    ++it;
    remove(key, nullptr);  // keeps the sizes, the counts and every index in step
  }
  unloaded_.set(static_cast<std::size_t>(partition));
  storedCounts_[static_cast<std::size_t>(partition)] = std::move(counts);
}

const ItemRecord* Table::find(std::string_view key) const {
  loadPartition(partitionOf(key));
  const auto it = items_.find(KeyProbe(key));
  return it == items_.end() ? nullptr : &*it;
}

std::optional<ItemRecord> Table::store(std::string_view key, std::string_view encoded,
                                       std::uint32_t size, const Item* item,
                                       std::vector<IndexTouch>* touches) {
  sizeBytes_ += size;
  ItemCounts& counts = counts_[static_cast<std::size_t>(partitionOf(key))];
  counts.bytes += size;
  const KeyProbe probe(key);
  const auto it = items_.lower_bound(probe);
  std::optional<ItemRecord> old;
  if (it == items_.end() || items_.key_comp()(probe, *it)) {
    items_.emplace_hint(it, key, encoded, size);
    ++counts.items;
  } else {
    // Replacing keeps the tree as it is: the old value is copied out and overwritten in place.
    old.emplace(it->key(), it->encoded(), it->size());
    sizeBytes_ -= old->size();
    counts.bytes -= old->size();
    it->replaceValue(encoded, size);
  }
  updateIndexes(key, old, encoded, item, touches);
  return old;
}

std::optional<ItemRecord> Table::remove(std::string_view key, std::vector<IndexTouch>* touches) {
  const auto it = items_.find(KeyProbe(key));
  if (it == items_.end()) {
    if (touches) touches->clear();
    return std::nullopt;
  }
  std::optional<ItemRecord> old(std::move(items_.extract(it).value()));
  sizeBytes_ -= old->size();
  ItemCounts& counts = counts_[static_cast<std::size_t>(partitionOf(key))];
  --counts.items;
  counts.bytes -= old->size();
  updateIndexes(key, old, {}, nullptr, touches);
  return old;
}

std::optional<ItemRecord> Table::put(std::string_view key, std::string_view encoded,
                                     std::uint32_t size, const Item* item) {
  loadPartition(partitionOf(key));
  std::optional<ItemRecord> old = store(key, encoded, size, item, &touches_);
  tell({schema_.tableId, key, old ? std::optional<std::string_view>(old->encoded()) : std::nullopt,
        encoded, size, false});
  return old;
}

std::optional<ItemRecord> Table::erase(std::string_view key, WriteOrigin origin) {
  loadPartition(partitionOf(key));
  std::optional<ItemRecord> old = remove(key, &touches_);
  if (!old) return old;
  tell({schema_.tableId, key, old->encoded(), std::nullopt, 0, origin == WriteOrigin::TimeToLive});
  return old;
}

void Table::tell(const ItemChange& change) {
  if (sink_) sink_->itemChanged(change);
  if (stream_) stream_->itemChanged(change);
}

void Table::restore(std::string_view key, std::string_view encoded, std::uint32_t size) {
  store(key, encoded, size, nullptr, nullptr);  // the last write's touches stay
}

void Table::restoreErase(std::string_view key) {
  remove(key, nullptr);
}

void Table::updateIndexes(std::string_view key, const std::optional<ItemRecord>& old,
                          std::string_view encoded, const Item* item,
                          std::vector<IndexTouch>* touches) {
  if (touches) touches->clear();
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
    if (touch.index && touches) touches->push_back(touch);
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
  // Back-filled from the loaded items: each partition loaded later adds its own entries.
  auto index = std::make_unique<Index>(std::move(schema), this);
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
