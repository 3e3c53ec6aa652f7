// A memory budget for a stored database: once the tables hold more item bytes than the budget,
// the partitions touched least recently are unloaded, to be loaded again on their next touch
// from what is stored (their file and deltas) and what this store keeps of their changes since
// (the logs' entries, and the deltas written while they are unloaded).
#include "storage/durable_store.h"
#include "storage/store_files.h"

namespace pd {

std::uint64_t DurableStore::loadedBytes() const {
  std::uint64_t bytes = 0;
  if (!db_) return bytes;
  for (const auto& [name, table] : db_->tables) bytes += table->loadedSizeBytes();
  return bytes;
}

// Whether loading the partition again gives back exactly what it holds now.
bool DurableStore::canUnload(const PartitionKey& key) {
  const auto slots = partitions_.find(key.first);
  if (slots == partitions_.end()) return false;  // a table new since the last checkpoint
  const PartitionSlot& slot = slots->second[static_cast<std::size_t>(key.second)];
  // A file of format 1 or 2 holds other partitions too.
  if (!slot.file.empty() && slot.file != partitionFile(key.first, key.second, slot.asOf)) {
    return false;
  }
  if (preloaded_.count(key) || overlays_.count(key)) return false;
  // Changes not flushed yet are in memory only. (Flushed ones are in logged_, which loading
  // applies; a checkpoint step that rewrites the partition has it fetched and loaded first.)
  if (changes_.dirtyPartitions().count(key)) return false;
  return true;
}

std::size_t DurableStore::trimToBudget(std::uint64_t keepFrom) {
  if (!db_ || memoryBudget_ == 0 || failed_ || startNewLog_) return 0;
  std::uint64_t loaded = loadedBytes();
  if (loaded <= memoryBudget_) return 0;
  struct Candidate {
    std::uint64_t touched;
    Table* table;
    int partition;
  };
  std::vector<Candidate> candidates;
  for (const auto& [name, table] : db_->tables) {
    if (!partitions_.count(table->schema().tableId)) continue;
    if (!table->hasLoader()) {
      // A table created this session counts its touches from now on: its partitions are
      // touched now (a waiting request may need them), and unloaded from the next trim on.
      table->setUnloadedPartitions(this, table->unloadedPartitions());
      for (int p = 0; p < kPartitionsPerTable; ++p) table->touch(p);
      continue;
    }
    if (table->readWhole()) continue;
    for (int p = 0; p < kPartitionsPerTable; ++p) {
      if (table->partitionLoaded(p) && table->loadedCounts(p).items > 0 &&
          table->lastTouch(p) < keepFrom) {
        candidates.push_back({table->lastTouch(p), table.get(), p});
      }
    }
  }
  // The least recently touched first (picked one at a time: a table has 256 partitions).
  std::size_t unloaded = 0;
  while (loaded > memoryBudget_) {
    Candidate* oldest = nullptr;
    for (Candidate& candidate : candidates) {
      if (candidate.table && (!oldest || candidate.touched < oldest->touched)) oldest = &candidate;
    }
    if (!oldest) break;
    Table& table = *oldest->table;
    const int partition = oldest->partition;
    oldest->table = nullptr;
    const PartitionKey key{table.schema().tableId, partition};
    if (!canUnload(key)) continue;
    StoredCounts counts{table.loadedCounts(partition), {}};
    for (const auto& index : table.indexes()) {
      counts.indexes[index->schema().name] = index->loadedCounts(partition);
    }
    loaded -= counts.table.bytes;
    table.unloadPartition(partition, std::move(counts));
    // Deltas written before its first touch this session were not read then (their changes
    // came with the logs read at open, which are not held once applied): stored by now, they
    // are read when it loads again.
    const PartitionSlot& slot = partitions_.at(key.first)[static_cast<std::size_t>(partition)];
    for (const std::uint64_t generation : slot.deltas) {
      sessionDeltas_.erase(deltaFile(key.first, partition, generation));
    }
    unloaded_[key] = {};
    ++unloaded;
  }
  return unloaded;
}

}  // namespace pd
