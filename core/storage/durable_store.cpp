// The write path of the durable store: flushes append commits to the log, checkpoints write
// the changed partitions, the streams file, a new log and a new catalog. Opening and recovery
// are in recovery.cpp.
#include "storage/durable_store.h"

#include <algorithm>
#include <set>

#include "storage/catalog.h"
#include "storage/change_log.h"
#include "storage/payload.h"
#include "storage/record_file.h"
#include "storage/store_files.h"
#include "storage/stream_records.h"

namespace pd {

using nlohmann::json;

// --- writing ---------------------------------------------------------------------------------

void DurableStore::guard() {
  if (failed_) {
    throw StorageError("an earlier write to storage failed; the database must be reopened");
  }
}

void DurableStore::catalogChanged(Database& db) {
  std::string catalog = catalogJson(db).dump();
  if (catalog == lastCatalog_) return;
  changes_.catalog(catalog);
  lastCatalog_ = std::move(catalog);
}

void DurableStore::appendNewStreamRecords(Database& db) {
  for (const auto& stream : db.streams) {
    std::uint64_t& below = streamFlushedBelow_[stream->info().arn];
    const auto& records = stream->records();  // in sequence order
    auto it =
        std::lower_bound(records.begin(), records.end(), below,
                         [](const StreamRecord& r, std::uint64_t s) { return r.sequence < s; });
    for (; it != records.end(); ++it) {
      writeStreamRecord(changes_.entries(), stream->info().arn, *it);
    }
    below = stream->nextSequence();
  }
}

void DurableStore::markStreamsStored(Database& db) {
  for (const auto& stream : db.streams) {
    streamFlushedBelow_[stream->info().arn] = stream->nextSequence();
  }
}

void DurableStore::flush(Database& db) {
  guard();
  appendNewStreamRecords(db);
  std::string& entries = changes_.entries();
  if (entries.empty()) return;
  if (startNewLog_) {  // no log to append to (yet, or after damage): the changes go in a checkpoint
    ++commit_;
    checkpoint(db);
    return;
  }
  std::string payload;
  PayloadWriter(payload).varint(++commit_);
  payload += entries;
  entries.clear();
  std::string record;
  appendRecord(record, payload);
  try {
    env_.append(logFile_, record);
    env_.sync();
  } catch (...) {
    failed_ = true;
    throw;
  }
  logBytes_ += record.size();
  std::uint64_t dataBytes = 0;
  // What is loaded: partitions still on disk are not counted (nor rewritten by a checkpoint).
  for (const auto& [name, table] : db.tables) dataBytes += table->loadedSizeBytes();
  if (logBytes_ > std::max(logBudget_, dataBytes / 2)) checkpoint(db);
}

std::map<std::string, DurableStore::PartitionFiles> DurableStore::writePartitions(
    Database& db, std::uint64_t generation) {
  const auto& dirty = changes_.dirtyPartitions();
  std::map<std::string, PartitionFiles> partitions;
  for (const auto& [tableName, table] : db.tables) {
    const std::string& tableId = table->schema().tableId;
    const auto previous = partitions_.find(tableId);
    PartitionFiles& names = partitions[tableId];
    std::array<bool, kPartitionsPerTable> rewrite{};
    for (int p = 0; p < kPartitionsPerTable; ++p) {
      rewrite[p] = previous == partitions_.end() || dirty.count({tableId, p});
      if (!rewrite[p]) names[p] = previous->second[p];
    }
    std::array<std::string, kPartitionsPerTable> contents;
    std::array<std::uint64_t, kPartitionsPerTable> counts{};
    for (const ItemRecord& item : table->loadedRecords()) {  // the rewritten ones are loaded
      const int p = partitionOf(item.key());
      if (!rewrite[p]) continue;
      std::string& file = contents[p];
      if (file.empty()) file = fileHeader(magic::kPartition);
      std::string payload;
      PayloadWriter(payload)
          .byte(file_entry::kItem)
          .bytes(item.key())
          .bytes(item.encoded())
          .varint(item.size());
      appendRecord(file, payload);
      ++counts[p];
    }
    for (int p = 0; p < kPartitionsPerTable; ++p) {
      if (!rewrite[p] || contents[p].empty()) continue;  // an empty partition has no file
      appendEndRecord(contents[p], counts[p]);
      names[p] = partitionFile(tableId, p, generation);
      env_.write(names[p], contents[p]);
    }
  }
  return partitions;
}

std::string DurableStore::writeStreams(Database& db, std::uint64_t generation) {
  std::string streams = fileHeader(magic::kStreams);
  std::uint64_t count = 0;
  for (const auto& stream : db.streams) {
    for (const StreamRecord& record : stream->records()) {
      std::string payload;
      writeStreamRecord(payload, stream->info().arn, record);
      appendRecord(streams, payload);
      ++count;
    }
  }
  if (!count) return "";
  appendEndRecord(streams, count);
  const std::string name = numberedFile("streams", generation);
  env_.write(name, streams);
  return name;
}

void DurableStore::checkpoint(Database& db) {
  guard();
  // A partition the log changed may still be on disk (its changes wait in overlays_): it is
  // rewritten, so it loads first. Before anything is cleared, so that a failed read loses nothing.
  for (const auto& [tableId, partition] : changes_.dirtyPartitions()) {
    for (const auto& [name, table] : db.tables) {
      if (table->schema().tableId == tableId) table->loadPartition(partition);
    }
  }
  markStreamsStored(db);       // the streams file this writes holds every record
  changes_.entries().clear();  // and the partitions every item change
  const std::uint64_t generation = ++generation_;
  std::map<std::string, PartitionFiles> partitions;
  std::string catalogFile, logFile, streamsFile;
  try {
    partitions = writePartitions(db, generation);
    streamsFile = writeStreams(db, generation);

    logFile = numberedFile("log", generation);
    json catalog = catalogJson(db);
    lastCatalog_ = catalog.dump();
    catalog["generation"] = generation;
    catalog["commit"] = commit_;
    catalog["log"] = logFile;
    catalog["streamsFile"] = streamsFile;
    json files = json::object();
    for (const auto& [tableId, names] : partitions) {
      files[tableId] = std::vector<std::string>(names.begin(), names.end());
    }
    catalog["partitions"] = files;
    const std::string catalogText = catalog.dump();

    // The log starts with a copy of the catalog, so that a damaged catalog file can be rebuilt.
    std::string copy;
    PayloadWriter(copy).varint(commit_).byte(log_entry::kCheckpointCatalog).bytes(catalogText);
    std::string log = fileHeader(magic::kLog);
    appendRecord(log, copy);
    env_.write(logFile, log);
    logBytes_ = log.size();

    std::string catalogBytes = fileHeader(magic::kCatalog);
    appendRecord(catalogBytes, catalogText);
    catalogFile = numberedFile("catalog", generation);
    env_.write(catalogFile, catalogBytes);
    env_.sync();

    // The new catalog is durable; only now may the files it replaced go.
    std::set<std::string> live = {catalogFile, logFile, streamsFile};
    for (const auto& [tableId, names] : partitions) live.insert(names.begin(), names.end());
    std::vector<std::string> old = {catalogFile_, logFile_, streamsFile_};
    for (const auto& [tableId, names] : partitions_)
      old.insert(old.end(), names.begin(), names.end());
    for (const std::string& name : old) {
      if (!name.empty() && !live.count(name)) env_.remove(name);
    }
    env_.sync();
  } catch (...) {
    failed_ = true;
    throw;
  }
  catalogFile_ = catalogFile;
  logFile_ = logFile;
  streamsFile_ = streamsFile;
  partitions_ = std::move(partitions);
  changes_.dirtyPartitions().clear();
  startNewLog_ = false;
}

}  // namespace pd
