// A table: its schema and its items, kept as compact encoded blobs in primary-key order.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/attribute_value.h"
#include "store/change_sink.h"
#include "store/index.h"
#include "store/item_record.h"
#include "store/key_schema.h"
#include "store/partition_loader.h"
#include "store/stream.h"

namespace pd {

enum class BillingMode { Provisioned, PayPerRequest };

// Who made a write: a request, or DynamoDB itself deleting an item whose TTL expired.
enum class WriteOrigin { User, TimeToLive };

struct TableSchema {
  std::string name;
  std::string arn;
  std::string tableId;
  double creationDateTime = 0;  // epoch seconds
  KeyElement hashKey;
  std::optional<KeyElement> rangeKey;
  std::vector<AttributeDefinition> attributeDefinitions;  // in request order
  BillingMode billingMode = BillingMode::Provisioned;
  double lastUpdateToPayPerRequestDateTime = 0;  // 0 until the table was first on-demand
  ProvisionedThroughput throughput;
  bool deletionProtectionEnabled = false;
  // The attribute holding each item's expiry time while TTL is enabled. DescribeTable does not
  // show it; DescribeTimeToLive does.
  std::optional<std::string> ttlAttribute;
  // The table's most recent stream; DescribeTable still shows it after the stream is disabled.
  std::string latestStreamArn, latestStreamLabel;
  // TagResource and CreateTable's Tags: (key, value) in the order first set.
  std::vector<std::pair<std::string, std::string>> tags;
  // UpdateContinuousBackups: when point-in-time recovery was enabled (epoch seconds; 0 while
  // disabled) and its recovery period. A flag that is described, not a backup system.
  double pointInTimeRecoverySince = 0;
  int recoveryPeriodInDays = 35;
};

// The table's key as KeyAttributes: one partition-key attribute, at most one sort-key one.
KeyAttributes keyAttributesOf(const TableSchema& schema);

class Table {
 public:
  using Records = std::set<ItemRecord, RecordOrder>;

  // `sink`, when given, hears of every item write (durable storage listens there); the table's
  // stream hears of them too.
  explicit Table(TableSchema schema, ChangeSink* sink = nullptr)
      : schema_(std::move(schema)), sink_(sink) {}
  // Its indexes point back at it.
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  const TableSchema& schema() const { return schema_; }
  TableSchema& schema() { return schema_; }

  const ItemRecord* find(std::string_view key) const;
  // put and erase keep every index in step with the items (the one place every write path goes
  // through); lastIndexTouches() then tells which indexes the write changed.
  // Inserts or replaces the item stored under `key`; returns the previous one, if any. `item`
  // is `encoded` decoded, when the caller has it: the indexes then take it as it was handed
  // instead of decoding it again.
  std::optional<ItemRecord> put(std::string_view key, std::string_view encoded, std::uint32_t size,
                                const Item* item = nullptr);
  std::optional<ItemRecord> erase(std::string_view key, WriteOrigin origin = WriteOrigin::User);
  // The same, for items read back from storage: nothing is told to the sink or the stream, and
  // no partition is loaded.
  void restore(std::string_view key, std::string_view encoded, std::uint32_t size);
  void restoreErase(std::string_view key);

  // Partitions whose items are still on disk (bit p for partition p): each is loaded through
  // `loader` on its first touch. Every accessor below loads what it reads: find, put and erase
  // the key's partition; records, itemCount, sizeBytes and an index's entries all of them.
  using PartitionSet = std::bitset<kPartitionsPerTable>;
  void setUnloadedPartitions(PartitionLoader* loader, const PartitionSet& unloaded);
  const PartitionSet& unloadedPartitions() const { return unloaded_; }
  bool hasLoader() const { return loader_ != nullptr; }
  bool partitionLoaded(int partition) const {
    return !unloaded_.test(static_cast<std::size_t>(partition));
  }
  void loadPartition(int partition) const;
  void loadAll() const;
  // Drops partition `partition`'s items (and their index entries) from memory, to be loaded
  // through the table's loader on its next touch; `counts` is what it holds, for DescribeTable
  // meanwhile. The loader must be able to give back exactly what is dropped (durable storage
  // checks that).
  void unloadPartition(int partition, StoredCounts counts);
  // Counts partition `partition` as touched now (without loading it): a request about to run.
  void touch(int partition) const {
    if (loader_) touched_[static_cast<std::size_t>(partition)] = ++loader_->touches;
  }
  // When partition `partition` was last touched (PartitionLoader::touches; 0: not since open).
  std::uint64_t lastTouch(int partition) const {
    return touched_[static_cast<std::size_t>(partition)];
  }
  // Whether a request read across partitions (a Scan, an index read): the table then stays
  // loaded, so that the next page does not load it all again.
  bool readWhole() const { return readWhole_; }
  // What partition `partition` holds as of the last checkpoint, for while it is not loaded.
  void setStoredCounts(int partition, std::optional<StoredCounts> counts);
  // The items (or an index's entries, by name) as DescribeTable shows them, without loading: the
  // loaded partitions as they are, the others as of the last checkpoint (their changes since
  // count once they load; DynamoDB itself updates these about every six hours). Nullopt when a
  // partition not loaded has no stored counts (a catalog written before they were kept).
  std::optional<ItemCounts> describedCounts(const std::string* index = nullptr) const;
  // What the loaded part of partition `partition` holds (the table's items).
  const ItemCounts& loadedCounts(int partition) const {
    return counts_[static_cast<std::size_t>(partition)];
  }

  // The enabled stream that put and erase append their changes to (null when there is none).
  const std::shared_ptr<Stream>& stream() const { return stream_; }
  void setStream(std::shared_ptr<Stream> stream) { stream_ = std::move(stream); }

  // Items in order-key order, for queries and scans.
  const Records& records() const {
    loadAll();
    return items_;
  }
  // The same, with only the partitions of the keys from `lower` to `upper` loaded (an absent
  // bound is open): a Query reads one partition.
  const Records& records(const std::string* lower, const std::string* upper) const;
  // Only what is loaded, without loading (storage writes the partitions it loaded).
  const Records& loadedRecords() const { return items_; }

  // Local indexes first, then global ones, each in the order they were created.
  const std::vector<std::unique_ptr<Index>>& indexes() const { return indexes_; }
  const Index* findIndex(const std::string& name) const;
  // Adds an index and back-fills it from the items already stored.
  void addIndex(IndexSchema schema);
  void removeIndex(const std::string& name);
  IndexSchema* findIndexSchema(const std::string& name);
  const std::vector<IndexTouch>& lastIndexTouches() const { return touches_; }

  std::size_t itemCount() const {
    loadAll();
    return items_.size();
  }
  std::uint64_t sizeBytes() const {
    loadAll();
    return sizeBytes_;
  }
  std::size_t loadedItemCount() const { return items_.size(); }
  std::uint64_t loadedSizeBytes() const { return sizeBytes_; }

 private:
  TableSchema schema_;
  // `touches`, when given, receives what the write did to each index (lastIndexTouches).
  std::optional<ItemRecord> store(std::string_view key, std::string_view encoded,
                                  std::uint32_t size, const Item* item,
                                  std::vector<IndexTouch>* touches);
  std::optional<ItemRecord> remove(std::string_view key, std::vector<IndexTouch>* touches);
  void updateIndexes(std::string_view key, const std::optional<ItemRecord>& old,
                     std::string_view encoded, const Item* item, std::vector<IndexTouch>* touches);
  void tell(const ItemChange& change);

  Records items_;
  std::uint64_t sizeBytes_ = 0;
  std::vector<std::unique_ptr<Index>> indexes_;
  std::vector<IndexTouch> touches_;
  std::shared_ptr<Stream> stream_;
  ChangeSink* sink_;
  PartitionLoader* loader_ = nullptr;
  // Loading changes what is in memory, not what the table holds: the loaded state is mutable, so
  // that const reads load what they read.
  mutable PartitionSet unloaded_;
  mutable std::array<std::uint64_t, kPartitionsPerTable> touched_{};
  mutable bool readWhole_ = false;
  std::array<ItemCounts, kPartitionsPerTable> counts_{};  // loaded items per partition
  std::array<std::optional<StoredCounts>, kPartitionsPerTable> storedCounts_;
};

}  // namespace pd
