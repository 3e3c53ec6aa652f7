// Which stored file holds which partition not loaded yet, for hosts that fetch files
// asynchronously before a request (or a flush) touches them, and load the rest in the background.
#include "storage/durable_store.h"

#include <algorithm>
#include <map>
#include <set>

#include "storage/store_files.h"
#include "storage/stream_records.h"

namespace pd {

std::vector<std::string> DurableStore::unloadedFiles(const Table& table, int partition) const {
  std::vector<std::string> names;
  if (table.partitionLoaded(partition)) return names;
  const std::string& tableId = table.schema().tableId;
  const auto slots = partitions_.find(tableId);
  if (slots == partitions_.end()) return names;
  const PartitionSlot& own = slots->second[static_cast<std::size_t>(partition)];
  if (!own.file.empty()) names.push_back(own.file);
  // A file of format 1 or 2 loads the 16 partitions it holds, and their deltas with them.
  const bool shared = !own.file.empty() && own.file != partitionFile(tableId, partition, own.asOf);
  for (int p = shared ? 0 : partition; p < (shared ? kPartitionsPerTable : partition + 1); ++p) {
    const PartitionSlot& slot = slots->second[static_cast<std::size_t>(p)];
    if (p != partition && slot.file != own.file) continue;
    for (const std::uint64_t generation : slot.deltas) {
      std::string name = deltaFile(tableId, p, generation);
      if (!sessionDeltas_.count(name)) names.push_back(std::move(name));
    }
  }
  return names;
}

std::set<DurableStore::PartitionKey> DurableStore::partitionsNextFlushMayRewrite() {
  std::set<PartitionKey> keys;
  // The bytes the next commit will append: the changes so far and the stream records not yet
  // written (encoded here as flush() will), plus the record's framing.
  std::string streamEntries;
  for (const auto& stream : db_->streams) {
    const auto below = streamFlushedBelow_.find(stream->info().arn);
    const std::uint64_t flushedBelow = below == streamFlushedBelow_.end() ? 0 : below->second;
    for (const StreamRecord& record : stream->records()) {
      if (record.sequence >= flushedBelow)
        writeStreamRecord(streamEntries, stream->info().arn, record);
    }
  }
  const std::uint64_t appended = changes_.entries().size() + streamEntries.size();
  if (appended == 0) return keys;
  std::map<PartitionKey, std::uint64_t> pending = pending_;
  for (const auto& [key, bytes] : changes_.dirtyPartitions()) pending[key] += bytes;
  if (startNewLog_) {  // the flush is a whole checkpoint: every partition with changes
    for (const auto& entry : pending) keys.insert(entry.first);
    return keys;
  }
  // As maybeStep() and chooseStep() decide, with the logs counted at least as large as they will
  // be and every ripe partition taken (a step takes the heaviest of them up to its budget; the
  // partitions it gives deltas are not read).
  constexpr std::uint64_t kRecordOverhead = 64;  // the record's header and the commit number
  std::uint64_t logs = logBytes_ + appended + kRecordOverhead;
  for (const OlderLog& log : olderLogs_) logs += log.bytes;
  if (logs <= effectiveLogBudget()) return keys;
  for (const auto& [key, bytes] : pending) {
    if (ripe(key, bytes)) keys.insert(key);
  }
  return keys;
}

std::vector<std::string> DurableStore::unloadedFiles(bool checkpointOnly) {
  std::vector<std::string> names;
  if (!db_) return names;
  const std::set<PartitionKey> rewrite =
      checkpointOnly ? partitionsNextFlushMayRewrite() : std::set<PartitionKey>{};
  if (checkpointOnly && rewrite.empty()) return names;
  for (const auto& [tableName, table] : db_->tables) {
    for (int p = 0; table->unloadedPartitions().any() && p < kPartitionsPerTable; ++p) {
      if (checkpointOnly && !rewrite.count({table->schema().tableId, p})) continue;
      // A file of format 1 or 2 holds 16 partitions: named once.
      for (std::string& name : unloadedFiles(*table, p)) {
        if (std::find(names.begin(), names.end(), name) == names.end()) {
          names.push_back(std::move(name));
        }
      }
    }
  }
  return names;
}

std::map<std::string, std::uint64_t> DurableStore::partitionFileSizes() const {
  std::map<std::string, std::uint64_t> sizes;
  for (const auto& [tableId, slots] : partitions_) {
    for (std::size_t p = 0; p < slots.size(); ++p) {
      const PartitionSlot& slot = slots[p];
      if (!slot.file.empty() && slot.bytes > 0) sizes[slot.file] = slot.bytes;
      for (std::size_t i = 0; i < slot.deltas.size(); ++i) {
        sizes[deltaFile(tableId, static_cast<int>(p), slot.deltas[i])] = slot.deltaSizes[i];
      }
    }
  }
  return sizes;
}

bool DurableStore::loadFile(const std::string& name) {
  if (!db_) return false;
  bool loaded = false;
  for (const auto& [tableName, table] : db_->tables) {
    // Every partition the file holds (16 for a file of format 1 or 2, read once).
    for (int p = 0; table->unloadedPartitions().any() && p < kPartitionsPerTable; ++p) {
      const std::vector<std::string> files = unloadedFiles(*table, p);
      if (std::find(files.begin(), files.end(), name) == files.end()) continue;
      table->loadPartition(p);
      loaded = true;
    }
  }
  return loaded;
}

}  // namespace pd
