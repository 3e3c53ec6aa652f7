// Which stored file holds which partition not loaded yet, for hosts that fetch files
// asynchronously before a request (or a flush) touches them, and load the rest in the background.
#include "storage/durable_store.h"

#include <algorithm>

namespace pd {

std::string DurableStore::unloadedFile(const Table& table, int partition) const {
  if (table.partitionLoaded(partition)) return "";
  const auto files = partitions_.find(table.schema().tableId);
  return files == partitions_.end() ? "" : files->second[partition];
}

// Whether the next flush may checkpoint (flush() decides after appending): it has something to
// write, and no log yet, or stream records (whose size is not known before they are written), or
// its item changes take the log over the budget. Errs on the side of yes.
bool DurableStore::flushMayCheckpoint() {
  bool newRecords = false;
  for (const auto& stream : db_->streams) {
    const auto& records = stream->records();  // in sequence order
    const auto below = streamFlushedBelow_.find(stream->info().arn);
    const std::uint64_t flushedBelow = below == streamFlushedBelow_.end() ? 0 : below->second;
    newRecords |= !records.empty() && records.back().sequence >= flushedBelow;
  }
  const std::uint64_t pending = changes_.entries().size();
  if (!newRecords && pending == 0) return false;
  if (startNewLog_ || newRecords) return true;
  std::uint64_t dataBytes = 0;
  for (const auto& [name, table] : db_->tables) dataBytes += table->loadedSizeBytes();
  constexpr std::uint64_t kRecordOverhead = 64;  // the record's header and the commit number
  return logBytes_ + pending + kRecordOverhead > std::max(logBudget_, dataBytes / 2);
}

std::vector<std::string> DurableStore::unloadedFiles(bool checkpointOnly) {
  std::vector<std::string> names;
  if (!db_ || (checkpointOnly && !flushMayCheckpoint())) return names;
  const auto& dirty = changes_.dirtyPartitions();
  for (const auto& [tableName, table] : db_->tables) {
    for (int p = 0; table->unloadedPartitions() && p < kPartitionsPerTable; ++p) {
      if (checkpointOnly && !dirty.count({table->schema().tableId, p})) continue;
      std::string name = unloadedFile(*table, p);
      if (!name.empty()) names.push_back(std::move(name));
    }
  }
  return names;
}

bool DurableStore::loadFile(const std::string& name) {
  if (!db_) return false;
  for (const auto& [tableName, table] : db_->tables) {
    for (int p = 0; table->unloadedPartitions() && p < kPartitionsPerTable; ++p) {
      if (unloadedFile(*table, p) != name) continue;
      table->loadPartition(p);
      return true;
    }
  }
  return false;
}

}  // namespace pd
