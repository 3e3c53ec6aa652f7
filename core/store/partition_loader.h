// A table's items are grouped into partitions by a hash of the partition key. A stored table
// opens with its partitions still on disk: the store declares this loader, which durable storage
// implements, and a table calls it the first time a partition is touched (a key in it read or
// written, or a read of the whole table or of an index), so that the store knows no storage.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace pd {

// Items are grouped into this many partitions per table by the first byte of their order key,
// which is a hash of the partition key (store/primary_key.h). Small partitions keep what a
// checkpoint rewrites and what a first touch loads small (storage format 3; formats 1 and 2
// stored 16 per table, by the high four bits).
constexpr int kPartitionsPerTable = 256;
int partitionOf(std::string_view orderKey);

// Items (or index entries) and their DynamoDB sizes, in one partition or in all.
struct ItemCounts {
  std::uint64_t items = 0, bytes = 0;
};
// What a partition not loaded holds as of the last checkpoint that saw it loaded: its items and
// each index's entries of them (by index name). DescribeTable counts with these, not loading.
struct StoredCounts {
  ItemCounts table;
  std::map<std::string, ItemCounts> indexes;
};

class PartitionLoader {
 public:
  virtual ~PartitionLoader() = default;
  // Brings partition `partition` of table `tableId` into the table (through Table::restore).
  // Throws to leave it unloaded: the next touch tries again, and loading twice is harmless.
  virtual void loadPartition(const std::string& tableId, int partition) = 0;

  // Counts every touch of a partition, so that the tables can say which they touched least
  // recently (what a memory budget unloads first).
  std::uint64_t touches = 0;
};

}  // namespace pd
