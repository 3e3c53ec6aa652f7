// Which stored file holds which partition not loaded yet, for hosts that fetch files
// asynchronously before a request (or a flush) touches them, and load the rest in the background.
#include "storage/durable_store.h"

#include <algorithm>
#include <map>
#include <set>

#include "storage/stream_records.h"

namespace pd {

std::string DurableStore::unloadedFile(const Table& table, int partition) const {
  if (table.partitionLoaded(partition)) return "";
  const auto files = partitions_.find(table.schema().tableId);
  return files == partitions_.end() ? "" : files->second[static_cast<std::size_t>(partition)].file;
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
  // be and every candidate taken (a step takes the heaviest of them up to its budget).
  constexpr std::uint64_t kRecordOverhead = 64;  // the record's header and the commit number
  std::uint64_t logs = logBytes_ + appended + kRecordOverhead, data = 0;
  for (const OlderLog& log : olderLogs_) logs += log.bytes;
  if (logs <= logBudget_) return keys;
  for (const auto& [tableId, slots] : partitions_) {
    for (const PartitionSlot& slot : slots) data += slot.bytes;
  }
  const bool forcing = logs > logBudget_ + data;
  std::set<PartitionKey> oldest = olderLogs_.empty() ? changedInLog_ : olderLogs_.front().changed;
  if (olderLogs_.empty()) {
    for (const auto& entry : changes_.dirtyPartitions()) oldest.insert(entry.first);
  }
  for (const auto& [key, bytes] : pending) {
    if (bytes >= partitionBytes(key) || (forcing && oldest.count(key))) keys.insert(key);
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
      std::string name = unloadedFile(*table, p);
      // A file of format 1 or 2 holds 16 partitions: named once.
      if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(std::move(name));
      }
    }
  }
  return names;
}

std::map<std::string, std::uint64_t> DurableStore::partitionFileSizes() const {
  std::map<std::string, std::uint64_t> sizes;
  for (const auto& [tableId, slots] : partitions_) {
    for (const PartitionSlot& slot : slots) {
      if (!slot.file.empty() && slot.bytes > 0) sizes[slot.file] = slot.bytes;
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
      if (unloadedFile(*table, p) != name) continue;
      table->loadPartition(p);
      loaded = true;
    }
  }
  return loaded;
}

}  // namespace pd
