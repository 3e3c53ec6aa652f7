// The write path of the durable store: flushes append commits to the log, checkpoint steps write
// the changed partitions, deltas, the streams file, a new log and a new catalog. Opening and
// recovery are in recovery.cpp.
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
  notePending();
  maybeStep(db, record.size());
}

void DurableStore::notePending() {
  for (const auto& [key, bytes] : changes_.dirtyPartitions()) {
    pending_[key] += bytes;
    changedInLog_.insert(key);
  }
  changes_.dirtyPartitions().clear();
  for (auto& [key, entries] : changes_.entriesByPartition()) {
    PartitionEntries& logged = logged_[key];
    logged.records += entries.records;
    logged.count += entries.count;
  }
  changes_.entriesByPartition().clear();
}

namespace {

const Table* tableWithId(const Database& db, std::string_view tableId) {
  for (const auto& [name, table] : db.tables) {
    if (table->schema().tableId == tableId) return table.get();
  }
  return nullptr;
}

}  // namespace

std::uint64_t DurableStore::partitionBytes(const PartitionKey& key) const {
  const auto slots = partitions_.find(key.first);
  return slots == partitions_.end() ? 0 : slots->second[static_cast<std::size_t>(key.second)].bytes;
}

std::uint64_t DurableStore::effectiveLogBudget() const {
  std::uint64_t data = 0;
  for (const auto& [tableId, slots] : partitions_) {
    for (const PartitionSlot& slot : slots) data += slot.bytes;
  }
  return std::max(logBudget_, data / kDataPerLogBudget);
}

void DurableStore::maybeStep(Database& db, std::uint64_t flushBytes) {
  std::uint64_t logs = logBytes_;
  for (const OlderLog& log : olderLogs_) logs += log.bytes;
  if (logs <= effectiveLogBudget()) return;
  // A flush that brought more changes than a step writes lets the step write more, so that
  // checkpointing keeps up with writing.
  const StepPlan plan = chooseStep(db, std::max(stepBudget_, 4 * flushBytes));
  if (!plan.rewrite.empty() || !plan.deltaOut.empty() || plan.retire) step(db, &plan);
}

bool DurableStore::ripe(const PartitionKey& key, std::uint64_t pending) const {
  // Its changes weigh twice its file: rewriting it costs at most half a byte per byte of change
  // (each change is written once to the log and once to a delta before). Or it has so many
  // deltas that its first touch would read too many files.
  const auto slots = partitions_.find(key.first);
  const std::size_t deltas =
      slots == partitions_.end()
          ? 0
          : slots->second[static_cast<std::size_t>(key.second)].deltas.size();
  return pending >= kRipeFactor * partitionBytes(key) || deltas >= kMaxDeltas;
}

DurableStore::StepPlan DurableStore::chooseStep(Database& db, std::uint64_t budget) const {
  StepPlan plan;
  std::uint64_t bytes = 0;
  // The ripe ones, the most changed first (picked one by one: a step takes a few).
  while (bytes < budget) {
    const PartitionKey* most = nullptr;
    double mostWeight = 0;
    for (const auto& [key, pending] : pending_) {
      if (plan.rewrite.count(key) || !tableWithId(db, key.first) || !ripe(key, pending)) continue;
      const double weight =
          static_cast<double>(pending) / static_cast<double>(partitionBytes(key) + 1);
      if (!most || weight > mostWeight) {
        most = &key;
        mostWeight = weight;
      }
    }
    if (!most) break;
    plan.rewrite.insert(*most);
    bytes += std::max(partitionBytes(*most), pending_.at(*most));
  }
  // The logs are past their budget (maybeStep): the partitions that keep the oldest logs alive
  // move their logged changes to deltas, oldest log first, until the logs that go leave at most
  // half the budget (so that steps come in bursts, each worth its catalog), within a budget of
  // their own (half the log budget at least), so that rewrites do not hold the logs back.
  std::uint64_t logBytes = logBytes_;
  for (const OlderLog& log : olderLogs_) logBytes += log.bytes;
  const std::uint64_t logBudget = effectiveLogBudget();
  const std::uint64_t deltaBudget = std::max(budget, logBudget / 2);
  bytes = 0;
  // The older logs, oldest first, then the current one.
  for (std::size_t i = 0; i <= olderLogs_.size(); ++i) {
    if (logBytes <= logBudget / 2 || bytes >= deltaBudget) break;
    const bool current = i == olderLogs_.size();
    for (const PartitionKey& key : current ? changedInLog_ : olderLogs_[i].changed) {
      if (bytes >= deltaBudget) break;
      // (A table new since the last checkpoint is written whole.)
      if (!tableWithId(db, key.first) || !partitions_.count(key.first) || plan.rewrite.count(key) ||
          plan.deltaOut.count(key)) {
        continue;
      }
      const auto logged = logged_.find(key);
      plan.deltaOut.insert(key);
      bytes += logged == logged_.end() ? 0 : logged->second.records.size();
    }
    // Every partition it changed is out: it goes.
    if (bytes >= deltaBudget) break;
    logBytes -= current ? logBytes_ : olderLogs_[i].bytes;
    plan.retire |= !current;
  }
  return plan;
}

std::map<std::string, PartitionSlots> DurableStore::writePartitions(
    Database& db, std::uint64_t generation, const std::set<PartitionKey>& rewrite) {
  std::map<std::string, PartitionSlots> partitions;
  for (const auto& [tableName, table] : db.tables) {
    const std::string& tableId = table->schema().tableId;
    const auto previous = partitions_.find(tableId);
    PartitionSlots& slots = partitions[tableId];
    if (previous != partitions_.end()) slots = previous->second;
    for (int p = 0; p < kPartitionsPerTable; ++p) {
      // A loaded partition's counts as they are now (with its changes in the logs); one not
      // loaded keeps those of the checkpoint that last had it loaded.
      std::optional<StoredCounts> counts = slots[static_cast<std::size_t>(p)].counts;
      if (table->partitionLoaded(p)) {
        counts.emplace();
        counts->table = table->loadedCounts(p);
        for (const auto& index : table->indexes()) {
          counts->indexes[index->schema().name] = index->loadedCounts(p);
        }
      }
      slots[static_cast<std::size_t>(p)].counts = counts;
      const PartitionKey key{tableId, p};
      const bool write = previous == partitions_.end() || rewrite.count(key) > 0;
      if (!write) continue;
      // Only what is loaded: the caller loaded every partition it rewrites.
      const Table::Records& items = table->loadedRecords();
      std::string probe(4, '\0');
      probe[0] = static_cast<char>(p);
      std::string file;
      std::uint64_t count = 0;
      for (auto it = items.lower_bound(std::string_view(probe));
           it != items.end() && partitionOf(it->key()) == p; ++it) {
        if (file.empty()) file = fileHeader(magic::kPartition);
        std::string payload;
        PayloadWriter(payload)
            .byte(file_entry::kItem)
            .bytes(it->key())
            .bytes(it->encoded())
            .varint(it->size());
        appendRecord(file, payload);
        ++count;
      }
      PartitionSlot& slot = slots[static_cast<std::size_t>(p)];
      slot = PartitionSlot();  // its deltas, if any, are in the file now
      slot.asOf = generation;
      slot.counts = std::move(counts);
      if (!count) continue;  // an empty partition has no file
      appendEndRecord(file, count);
      slot.file = partitionFile(tableId, p, generation);
      slot.bytes = file.size();
      env_.write(slot.file, file);
    }
  }
  return partitions;
}

void DurableStore::writeDeltas(Database& db, std::map<std::string, PartitionSlots>& partitions,
                               const std::set<PartitionKey>& deltaOut, std::uint64_t generation) {
  for (const PartitionKey& key : deltaOut) {
    const auto logged = logged_.find(key);
    const auto slots = partitions.find(key.first);
    if (logged == logged_.end() || !logged->second.count || slots == partitions.end()) continue;
    std::string file = deltaImage(logged->second);
    const std::string name = deltaFile(key.first, key.second, generation);
    env_.write(name, file);
    PartitionSlot& slot = slots->second[static_cast<std::size_t>(key.second)];
    slot.deltas.push_back(generation);
    slot.deltaSizes.push_back(file.size());
    // A partition not loaded has no change but the logs' it had at open, which wait for it in
    // overlays_: they are this delta, so its first touch this session takes them from there,
    // rather than read back a file the host may still be writing.
    const Table* table = tableWithId(db, key.first);
    if (table && !table->partitionLoaded(key.second)) sessionDeltas_.insert(name);
    // One a memory budget unloaded has these changes nowhere else once logged_ lets them go.
    const auto unloaded = unloaded_.find(key);
    if (unloaded != unloaded_.end()) {
      unloaded->second.records += logged->second.records;
      unloaded->second.count += logged->second.count;
    }
  }
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

std::string DurableStore::writeCounts(const std::map<std::string, PartitionSlots>& partitions,
                                      std::uint64_t generation) {
  std::string file = fileHeader(magic::kCounts);
  appendRecord(file, writePartitionCounts(partitions).dump());
  const std::string name = numberedFile("counts", generation);
  env_.write(name, file);
  return name;
}

void DurableStore::checkpoint(Database& db) {
  notePending();
  step(db, nullptr);
}

std::set<std::string> DurableStore::liveFiles() const {
  std::set<std::string> live = {catalogFile_, logFile_, streamsFile_, countsFile_};
  for (const OlderLog& log : olderLogs_) live.insert(log.name);
  for (const auto& [tableId, slots] : partitions_) {
    for (std::size_t p = 0; p < slots.size(); ++p) {
      live.insert(slots[p].file);
      for (const std::uint64_t generation : slots[p].deltas) {
        live.insert(deltaFile(tableId, static_cast<int>(p), generation));
      }
    }
  }
  live.erase("");
  return live;
}

void DurableStore::step(Database& db, const StepPlan* plan) {
  guard();
  const StepPlan whole;  // a whole checkpoint writes no delta
  const std::set<PartitionKey>& deltaOut = plan ? plan->deltaOut : whole.deltaOut;
  std::set<PartitionKey> rewritten;
  if (plan) rewritten = plan->rewrite;
  // Every partition with changes for a whole checkpoint; a table new since the last checkpoint
  // is written whole in any case.
  for (const auto& [key, bytes] : pending_) {
    if (!plan || !partitions_.count(key.first)) rewritten.insert(key);
  }
  // A partition rewritten may still be on disk (its changes wait in overlays_ and deltas): it
  // loads first, before anything is cleared, so that a failed read loses nothing. A whole
  // checkpoint needs every one; a step leaves out those that cannot load now (a host that reads
  // asynchronously may not have fetched a partition that writes made due meanwhile): they stay
  // pending, and their logs stay, until a later step.
  for (auto it = rewritten.begin(); it != rewritten.end();) {
    const Table* table = tableWithId(db, it->first);
    try {
      if (table) table->loadPartition(it->second);
      ++it;
    } catch (const StorageError&) {
      if (!plan) throw;
      it = rewritten.erase(it);
    }
  }
  if (plan && !plan->retire && rewritten.empty() && deltaOut.empty()) return;
  markStreamsStored(db);       // the streams file this writes holds every record
  changes_.entries().clear();  // and the partitions (or deltas) every item change
  changes_.dirtyPartitions().clear();
  changes_.entriesByPartition().clear();
  const std::uint64_t generation = ++generation_;
  // The current log joins the older ones; a log goes once every partition it changed is
  // rewritten or has a delta (or its table is deleted).
  std::vector<OlderLog> older = olderLogs_;
  if (!logFile_.empty()) {
    older.push_back({logFile_, *generationOf(logFile_), logBytes_, changedInLog_});
  }
  std::vector<OlderLog> kept;
  for (OlderLog& log : older) {
    for (auto it = log.changed.begin(); it != log.changed.end();) {
      const bool gone = rewritten.count(*it) || deltaOut.count(*it) || !tableWithId(db, it->first);
      it = gone ? log.changed.erase(it) : std::next(it);
    }
    if (!log.changed.empty()) kept.push_back(std::move(log));
  }
  std::map<std::string, PartitionSlots> partitions;
  std::string catalogFile, logFile, streamsFile;
  try {
    partitions = writePartitions(db, generation, rewritten);
    writeDeltas(db, partitions, deltaOut, generation);
    streamsFile = writeStreams(db, generation);
    std::string countsFile = countsFile_;
    const ItemCounts total = totalCounts(partitions);
    const auto moved = [](std::uint64_t now, std::uint64_t then) {
      return (now > then ? now - then : then - now) * kCountsEvery > then;
    };
    // A whole checkpoint (after damage, or a first one) has every changed partition loaded:
    // its counts are exact, and it writes them.
    const bool writeCountsFile =
        !plan || countsFile.empty() || generation >= countsAsOf_ + kCountsEvery ||
        moved(total.items, countsTotal_.items) || moved(total.bytes, countsTotal_.bytes);
    if (writeCountsFile) countsFile = writeCounts(partitions, generation);

    logFile = numberedFile("log", generation);
    json catalog = catalogJson(db);
    lastCatalog_ = catalog.dump();
    catalog["generation"] = generation;
    catalog["commit"] = commit_;
    catalog["log"] = logFile;
    json logs = json::array();
    for (const OlderLog& log : kept) logs.push_back(log.name);
    catalog["logs"] = std::move(logs);
    catalog["streamsFile"] = streamsFile;
    catalog["countsFile"] = countsFile;
    writePartitionSlots(catalog, partitions);
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
    const std::set<std::string> old = liveFiles();
    catalogFile_ = catalogFile;
    logFile_ = logFile;
    streamsFile_ = streamsFile;
    countsFile_ = countsFile;
    countsAsOf_ = *generationOf(countsFile);
    if (writeCountsFile) countsTotal_ = total;
    partitions_ = std::move(partitions);
    olderLogs_ = std::move(kept);
    const std::set<std::string> live = liveFiles();
    for (const std::string& name : old) {
      if (!live.count(name)) env_.remove(name);
    }
    env_.sync();
  } catch (...) {
    failed_ = true;
    throw;
  }
  changedInLog_.clear();
  for (auto it = pending_.begin(); it != pending_.end();) {
    const bool gone = rewritten.count(it->first) || !tableWithId(db, it->first.first);
    it = gone ? pending_.erase(it) : std::next(it);
  }
  // What was rewritten or moved to deltas is no longer wanted from the logs.
  for (auto it = logged_.begin(); it != logged_.end();) {
    const bool gone = rewritten.count(it->first) || deltaOut.count(it->first) ||
                      !tableWithId(db, it->first.first);
    it = gone ? logged_.erase(it) : std::next(it);
  }
  for (auto it = preloaded_.begin(); it != preloaded_.end();) {
    it = tableWithId(db, it->first) ? std::next(it) : preloaded_.erase(it);
  }
  for (auto it = unloaded_.begin(); it != unloaded_.end();) {
    it = tableWithId(db, it->first.first) ? std::next(it) : unloaded_.erase(it);
  }
  startNewLog_ = false;
}

}  // namespace pd
