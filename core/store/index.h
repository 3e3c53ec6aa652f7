// A secondary index: its schema and its entries, one per table item that carries every one of
// the index's key attributes (indexes are sparse). Entries are kept in index order: the index
// partition key's hash and bytes, the index sort key attributes left to right, then the table's
// order key, which makes each entry unique even when many items share the index key.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/attribute_value.h"
#include "store/item_record.h"
#include "store/key_schema.h"
#include "store/partition_loader.h"

namespace pd {

class Table;

enum class ProjectionType { All, KeysOnly, Include };

// The wire name: "ALL", "KEYS_ONLY" or "INCLUDE".
const char* projectionTypeName(ProjectionType type);

struct IndexSchema {
  std::string name;
  std::string arn;
  bool global = true;
  KeyAttributes key;
  ProjectionType projection = ProjectionType::All;
  std::vector<std::string> nonKeyAttributes;  // INCLUDE only, in request order
  ProvisionedThroughput throughput;           // GSIs only
};

// The entry bytes of an index sort key: escaped (0x00 -> 0x00 0xFF) and terminated by 0x00 0x00,
// so that the table key appended after it cannot change the order of two sort keys, while a
// prefix of a value still escapes to a prefix of the value's bytes (for begins_with).
std::string escapedSortKey(const AttributeValue& value, bool terminated);

// The partition part of an entry key, one value per partition-key attribute: a hash of them all,
// then each value length-prefixed (for one attribute, the bytes of the table's orderKey).
std::string indexPartitionKey(const std::vector<const AttributeValue*>& values);

// The order key of the entry of `item` (which holds every key attribute), before the table order
// key is appended: the partition part, then each sort-key value escaped and terminated.
std::string indexKeyPrefix(const KeyAttributes& key, const Item& item);

// What one table write did to one index, for the consumed capacity of the write.
struct IndexTouch {
  const IndexSchema* index = nullptr;
  std::optional<std::uint32_t> removedSize;  // the old entry's size, when one was removed
  std::optional<std::uint32_t> addedSize;    // the new entry's size, when one was added
  bool keyChanged = false;                   // the entry moved (not updated in place)
};

class Index {
 public:
  using Records = std::set<ItemRecord, RecordOrder>;

  // `table`, when given, is the table it indexes: reading the entries first loads the table's
  // partitions still on disk (each adds its own entries as it loads).
  explicit Index(IndexSchema schema, const Table* table = nullptr)
      : schema_(std::move(schema)), table_(table) {}

  const IndexSchema& schema() const { return schema_; }
  IndexSchema& schema() { return schema_; }

  // Replaces the entry of the table item under `tableKey` (either item may be absent). Returns
  // what changed, with a null index when nothing did.
  IndexTouch replace(const KeyElement& tableHash, const KeyElement* tableRange,
                     std::string_view tableKey, const Item* oldItem, const Item* newItem);

  const Records& records() const;
  std::size_t itemCount() const { return records().size(); }
  // Without loading: the entries of the loaded partitions, all of them and those of one.
  std::size_t loadedItemCount() const { return entries_.size(); }
  std::uint64_t loadedSizeBytes() const { return sizeBytes_; }
  const ItemCounts& loadedCounts(int partition) const {
    return counts_[static_cast<std::size_t>(partition)];
  }
  std::uint64_t sizeBytes() const {
    records();
    return sizeBytes_;
  }

 private:
  struct Entry {
    std::string key;
    std::string encoded;
    std::uint32_t size = 0;
  };
  std::optional<Entry> entryOf(const KeyElement& tableHash, const KeyElement* tableRange,
                               std::string_view tableKey, const Item& item) const;

  IndexSchema schema_;
  const Table* table_;
  Records entries_;
  std::uint64_t sizeBytes_ = 0;
  std::array<ItemCounts, kPartitionsPerTable> counts_{};  // entries per table partition
};

}  // namespace pd
