// Opening a durable store: choosing the generation to load (rebuilding a damaged or missing
// catalog from the copy its log starts with), salvaging the intact records of damaged files, and
// replaying the log. Nothing here writes: what recovery wants written waits for the next flush,
// and only files that are accounted for (replaced by a loaded generation, or left by a checkpoint
// that never completed) are removed.
#include <algorithm>
#include <set>

#include "storage/catalog.h"
#include "storage/change_log.h"
#include "storage/durable_store.h"
#include "storage/partition_slots.h"
#include "storage/payload.h"
#include "storage/record_file.h"
#include "storage/store_files.h"
#include "storage/stream_records.h"

namespace pd {
namespace {

using nlohmann::json;

Table* tableWithId(Database& db, std::string_view tableId) {
  for (auto& [name, table] : db.tables) {
    if (table->schema().tableId == tableId) return table.get();
  }
  return nullptr;
}

Stream* streamWithArn(Database& db, std::string_view arn) {
  for (auto& stream : db.streams) {
    if (stream->info().arn == arn) return stream.get();
  }
  return nullptr;
}

json parseJson(std::string_view text) {
  json parsed = json::parse(text.begin(), text.end(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) throw StorageError("not a JSON object");
  return parsed;
}

// The files a catalog names, checked: all ours, none with a path.
struct CatalogFiles {
  std::string log, streams, counts;
  std::vector<std::string> olderLogs;  // format 3: older logs still needed, oldest first
  std::map<std::string, PartitionSlots> partitions;
};

CatalogFiles filesOf(const json& catalog) {
  try {
    CatalogFiles files;
    files.log = catalog.at("log").get<std::string>();
    files.streams = catalog.at("streamsFile").get<std::string>();
    files.counts = catalog.value("countsFile", std::string());
    if (catalog.contains("logs"))
      files.olderLogs = catalog.at("logs").get<std::vector<std::string>>();
    files.partitions = readPartitionSlots(catalog);
    std::vector<std::string> all = files.olderLogs;
    all.push_back(files.log);
    if (!files.streams.empty()) all.push_back(files.streams);
    if (!files.counts.empty()) {
      if (!numberedGeneration(files.counts, "counts-")) throw StorageError("bad counts file name");
      all.push_back(files.counts);
    }
    const auto logGeneration = numberedGeneration(files.log, "log-");
    for (const std::string& log : files.olderLogs) {
      const auto generation = numberedGeneration(log, "log-");
      if (!generation || !logGeneration || *generation >= *logGeneration) {
        throw StorageError("bad older log " + log);
      }
    }
    for (const std::string& file : all) {
      if (!isStoreFile(file) || file.find('/') != std::string::npos) {
        throw StorageError("bad file name " + file);
      }
    }
    return files;
  } catch (const json::exception& error) {
    throw StorageError(error.what());
  }
}

// The catalog copy a checkpoint writes as the first commit of its log (format version 2 on).
struct LogStart {
  bool exists = false;
  std::optional<json> catalog;
  std::string problem;        // why there is no usable copy
  bool commitsAfter = false;  // commits follow the copy: the checkpoint had completed
};

LogStart readLogStart(Env& env, const std::string& name) {
  LogStart start;
  const std::optional<std::string> bytes = env.read(name);
  if (!bytes) {
    start.problem = "is missing";
    return start;
  }
  start.exists = true;
  const RecordScan scan = salvageRecords(*bytes, magic::kLog);
  if (scan.headerBad()) {
    start.problem = "is unreadable (" + scan.problem + ")";
    return start;
  }
  std::size_t copies = 0;
  for (const std::string_view record : scan.records) {
    try {
      PayloadReader in(record);
      in.varint();
      if (in.byte() == log_entry::kCheckpointCatalog) {
        json catalog = parseJson(in.bytes());
        if (in.atEnd() && copies++ == 0 && record.data() == scan.records.front().data()) {
          start.catalog = std::move(catalog);
          continue;
        }
      }
    } catch (const StorageError&) {  // not a catalog copy: an ordinary commit
    }
    start.commitsAfter = true;
  }
  if (!start.catalog) {
    start.problem = scan.version < 2 ? "has no catalog copy (format version 1)"
                                     : "does not start with an intact catalog copy";
  }
  return start;
}

}  // namespace

StorageReport DurableStore::open(Database& db) {
  StorageReport report;
  db.changeSink = &changes_;  // tables created from the catalog tell their changes here
  db_ = &db;
  std::vector<std::uint64_t> leftovers;
  try {
    if (chooseGeneration(db, report, leftovers)) {
      loadCounts(report);
      deferPartitions(db);
      loadStreams(db, report);
      replayLogs(db, report);
    }
    removeReplaced(leftovers);
  } catch (...) {
    for (const auto& [name, table] : db.tables) table->setUnloadedPartitions(nullptr, {});
    throw;
  }
  for (const auto& stream : db.streams) stream->trim();
  markStreamsStored(db);
  changes_.entries().clear();
  changes_.setRecording(true);
  lastCatalog_ = catalogJson(db).dump();
  keepProblems(db, report);
  // The log's changes to a table deleted later are not applied: nothing will load them.
  for (auto it = overlays_.begin(); it != overlays_.end();) {
    it = tableWithId(db, it->first.first) ? std::next(it) : overlays_.erase(it);
  }
  for (auto it = pending_.begin(); it != pending_.end();) {
    it = tableWithId(db, it->first.first) ? std::next(it) : pending_.erase(it);
  }
  for (const auto& [name, table] : db.tables) report.items += table->loadedItemCount();
  report.tables = db.tables.size();
  report.commit = commit_;
  report.unacknowledged = db.recoveryProblems;
  return report;
}

bool DurableStore::chooseGeneration(Database& db, StorageReport& report,
                                    std::vector<std::uint64_t>& leftovers) {
  const std::vector<std::string> names = env_.list();
  std::set<std::uint64_t, std::greater<>> generations;  // with a catalog or a log, newest first
  for (const std::string& name : names) {
    const auto generation = generationOf(name);
    if (!generation) continue;
    generation_ = std::max(generation_, *generation);  // never reuse a name
    if (numberedGeneration(name, "catalog-") || numberedGeneration(name, "log-")) {
      generations.insert(*generation);
    }
  }
  for (const std::uint64_t generation : generations) {
    if (tryGeneration(db, report, generation, names, leftovers.empty())) return true;
    leftovers.push_back(generation);
  }
  // Nothing loadable: an empty database only when there is no file of ours at all. Anything else
  // (even what looks like a checkpoint that never completed) stays untouched.
  for (const std::string& name : names) {
    // A counts file holds no item: one left by a first checkpoint that never completed is not data.
    if (!generationOf(name) || name.rfind("counts-", 0) == 0) continue;
    throw StorageError("no catalog can be read or rebuilt, yet " + name +
                       " holds data; no file was changed (" +
                       (report.problems.empty() ? std::string("no catalog or log file found")
                                                : report.problems.back()) +
                       ")");
  }
  leftovers.clear();
  return false;
}

// Loads generation `generation` from its catalog or, when that is damaged or missing, from the
// copy at the start of its log: every backend writes a log only once the files it names are
// whole, so a named file that is missing or damaged is damage, salvaged and reported. False when
// it is the leftover of a checkpoint whose log was never written whole (no catalog file, and no
// commit in its log); the caller may discard it only when an older generation loads.
bool DurableStore::tryGeneration(Database& db, StorageReport& report, std::uint64_t generation,
                                 const std::vector<std::string>& names, bool newest) {
  const std::string catalogName = numberedFile("catalog", generation);
  const std::string logName = numberedFile("log", generation);
  const bool catalogThere = std::find(names.begin(), names.end(), catalogName) != names.end();
  std::string catalogProblem = "is missing";
  if (catalogThere) {
    try {
      const std::optional<std::string> bytes = env_.read(catalogName);
      if (!bytes) throw StorageError("missing");
      const RecordScan scan = scanRecords(*bytes, magic::kCatalog);
      if (!scan.problem.empty()) throw StorageError(scan.problem);
      if (scan.records.size() != 1) throw StorageError("expected one record");
      useCatalog(db, parseJson(scan.records[0]), logName);
      return true;
    } catch (const StorageError& error) {
      catalogProblem = std::string("is unreadable (") + error.what() + ")";
    }
  }
  const LogStart start = readLogStart(env_, logName);
  const bool completed = catalogThere || start.commitsAfter;
  // Below a newer generation, a log without its catalog is most likely an older log that a later
  // checkpoint kept (and whose catalog it replaced): its copy names files since rewritten, so it
  // is never rebuilt from.
  if (start.catalog && !newest) {
    if (completed) {
      throw StorageError(catalogName + " " + catalogProblem +
                         ", and the newer generation that may have replaced it cannot be loaded; "
                         "no file was changed");
    }
    return false;
  }
  if (start.catalog) {
    try {
      useCatalog(db, *start.catalog, logName);
      report.problems.push_back(catalogName + " " + catalogProblem + ": rebuilt from the copy in " +
                                logName);
      startNewLog_ = true;  // write the catalog again
      return true;
    } catch (const StorageError& error) {
      report.problems.push_back(logName + ": its catalog copy is unusable (" + error.what() + ")");
      if (completed) {
        throw StorageError(catalogName + " " + catalogProblem + " and " + logName +
                           "'s catalog copy is unusable (" + error.what() +
                           "); no file was changed");
      }
      return false;
    }
  }
  if (completed) {
    throw StorageError(catalogName + " " + catalogProblem + ", and it cannot be rebuilt: " +
                       logName + " " + start.problem + "; no file was changed");
  }
  return false;
}

void DurableStore::useCatalog(Database& db, const json& catalog, const std::string& logName) {
  CatalogFiles files = filesOf(catalog);
  if (files.log != logName) throw StorageError("names the log " + files.log);
  try {
    // Everything is read before applyCatalog changes the database, so a bad catalog changes
    // nothing and a rebuild from the log's copy starts clean.
    const auto generation = catalog.at("generation").get<std::uint64_t>();
    const auto commit = catalog.value("commit", std::uint64_t{0});
    applyCatalog(db, catalog);
    generation_ = std::max(generation_, generation);
    commit_ = commit;
    // Catalogs written before commit numbers were kept have none: the log's first commit is then
    // whatever it is, and gaps are looked for after it.
    commitGapsKnown_ = catalog.contains("commit");
  } catch (const json::exception& error) {
    throw StorageError(error.what());
  }
  partitions_ = std::move(files.partitions);
  olderLogs_.clear();
  for (const std::string& log : files.olderLogs) {
    olderLogs_.push_back({log, *generationOf(log), 0, {}});
  }
  logFile_ = files.log;
  streamsFile_ = files.streams;
  countsFile_ = files.counts;
  countsAsOf_ = countsFile_.empty() ? 0 : *generationOf(countsFile_);
  // Named even when damaged or missing: the next checkpoint replaces it.
  catalogFile_ = numberedFile("catalog", *generationOf(logFile_));
  startNewLog_ = false;
}

// Partition files are read on first touch: each table learns which of its partitions are still
// on disk. The log's changes to those wait in overlays_ (replayLog) until they load.
void DurableStore::deferPartitions(Database& db) {
  for (const auto& [tableId, slots] : partitions_) {
    Table* table = tableWithId(db, tableId);
    if (!table) continue;
    Table::PartitionSet unloaded;
    for (std::size_t p = 0; p < slots.size(); ++p) {
      unloaded[p] = slots[p].stored();
      if (unloaded[p]) table->setStoredCounts(static_cast<int>(p), slots[p].counts);
      // Its deltas are changes its file lacks: they weigh toward rewriting it.
      for (const std::uint64_t size : slots[p].deltaSizes) {
        pending_[{tableId, static_cast<int>(p)}] += size;
      }
    }
    table->setUnloadedPartitions(this, unloaded);
  }
}

void DurableStore::loadPartition(const std::string& tableId, int partition) {
  Table* table = db_ ? tableWithId(*db_, tableId) : nullptr;
  if (!table) return;
  // Read already with the file of format 1 or 2 it shares with others.
  if (preloaded_.erase({tableId, partition})) return;
  const auto slots = partitions_.find(tableId);
  // The partitions the file holds: one, or 16 for a file of format 1 or 2.
  std::set<int> loading = {partition};
  std::string file;
  if (slots != partitions_.end()) {
    file = slots->second[static_cast<std::size_t>(partition)].file;
    for (int p = 0; !file.empty() && p < kPartitionsPerTable; ++p) {
      if (slots->second[static_cast<std::size_t>(p)].file == file) loading.insert(p);
    }
  }
  // Every file is read before anything is applied: a read that fails (the Env throws) leaves
  // the partitions unloaded, to be read again on their next touch. The file's items come first,
  // then each partition's deltas, oldest first, then the logs' changes.
  struct Stored {
    std::string name;
    std::optional<std::string> bytes;
    std::set<int> partitions;
  };
  std::vector<Stored> stored;
  if (!file.empty()) stored.push_back({file, env_.read(file), loading});
  for (const int p : slots == partitions_.end() ? std::set<int>() : loading) {
    for (const std::uint64_t generation : slots->second[static_cast<std::size_t>(p)].deltas) {
      std::string name = deltaFile(tableId, p, generation);
      if (sessionDeltas_.count(name)) continue;  // its changes wait in overlays_
      std::optional<std::string> bytes = env_.read(name);
      stored.push_back({std::move(name), std::move(bytes), {}});
      stored.back().partitions.insert(p);
    }
  }
  // A partition a memory budget unloaded: then the deltas written since, and its logged changes.
  const auto held = unloaded_.find({tableId, partition});
  if (held != unloaded_.end()) {
    const std::string name = deltaFile(tableId, partition, generation_);
    const auto logged = logged_.find(held->first);
    for (const PartitionEntries* entries :
         {&held->second, logged == logged_.end() ? nullptr : &logged->second}) {
      if (entries && entries->count) stored.push_back({name, deltaImage(*entries), loading});
    }
  }
  std::vector<std::string> problems;
  for (const Stored& next : stored) {
    const std::set<int> holding =
        salvagePartition(*table, next.name, next.bytes, next.partitions, problems);
    // A partition the shared file holds no item of is empty as of the file's generation: it
    // stops naming the file, so that the file goes once its other partitions are rewritten.
    for (const int p : next.name == file && loading.size() > 1 ? loading : std::set<int>()) {
      PartitionSlot& slot = slots->second[static_cast<std::size_t>(p)];
      if (problems.empty() && !holding.count(p)) slot.file.clear();
    }
  }
  for (const int p : loading) {
    const auto overlay = overlays_.find({tableId, p});
    if (overlay != overlays_.end()) {
      for (const PendingEntries& pending : overlay->second) {
        for (const std::string_view entry : pending.entries) applyItemEntry(*table, entry);
      }
      overlays_.erase(overlay);  // and with it this partition's hold on the logs' bytes
    }
    if (p != partition) preloaded_.insert({tableId, p});
  }
  if (held != unloaded_.end()) unloaded_.erase(held);
  // A partition a memory budget unloaded finds the same damage each time it loads: said (and
  // kept with the database, where the app may have acknowledged it since) once.
  StorageReport found;
  for (const std::string& problem : problems) {
    if (std::find(problemsSinceOpen_.begin(), problemsSinceOpen_.end(), problem) ==
        problemsSinceOpen_.end()) {
      found.problems.push_back(problem);
      problemsSinceOpen_.push_back(problem);
    }
  }
  // Kept with the database like the problems open finds (logged with the next flush).
  if (!found.problems.empty()) keepProblems(*db_, found);
}

std::size_t DurableStore::loadAll() {
  std::size_t items = 0;
  if (!db_) return items;
  for (const auto& [name, table] : db_->tables) items += table->itemCount();
  return items;
}

// Loads every intact record of a partition file or a delta (its bytes, none when missing) that
// belongs to one of `partitions` (a file of format 1 or 2 holds 16 partitions, some of which may
// have been rewritten since): a partition file's items, or a delta's puts and deletes in order.
// A damaged record costs only itself. Returns the partitions it found items of.
std::set<int> DurableStore::salvagePartition(Table& table, const std::string& name,
                                             const std::optional<std::string>& bytes,
                                             const std::set<int>& partitions,
                                             std::vector<std::string>& problems) {
  const bool delta = name.rfind("delta-", 0) == 0;
  const std::string lostAll = delta ? "; its changes are lost" : "; its items are not loaded";
  std::set<int> holding;
  if (!bytes) {
    problems.push_back(name + " is missing" + lostAll);
    return holding;
  }
  const SalvagedEntries salvaged =
      salvageEntries(*bytes, delta ? magic::kDelta : magic::kPartition);
  if (salvaged.unreadable) {
    problems.push_back(name + " is unreadable (" + salvaged.damage + ")" + lostAll);
    return holding;
  }
  std::size_t loaded = 0, bad = 0;
  for (const std::string_view record : salvaged.entries) {
    try {
      PayloadReader in(record);
      const std::uint8_t tag = in.byte();
      const bool put = tag == (delta ? log_entry::kPut : file_entry::kItem);
      if (!put && !(delta && tag == log_entry::kErase)) throw StorageError("bad record");
      const std::string_view key = in.bytes();
      const std::string_view encoded = put ? in.bytes() : std::string_view();
      const auto size = put ? static_cast<std::uint32_t>(in.varint()) : 0;
      if (!in.atEnd()) throw StorageError("bad record");
      if (partitions.count(partitionOf(key))) {
        if (put) {
          table.restore(key, encoded, size);
        } else {
          table.restoreErase(key);
        }
        holding.insert(partitionOf(key));
      }
      ++loaded;
    } catch (const std::exception&) {  // a checksum-valid record that does not decode
      ++bad;
    }
  }
  if (salvaged.damage.empty() && bad == 0) return holding;
  const std::string what = delta ? " changes" : " items";
  std::string lost = "some of its" + what + " are lost";
  if (salvaged.expected && *salvaged.expected >= loaded) {
    lost = std::to_string(*salvaged.expected - loaded) + " of its" + what + " are lost";
  }
  problems.push_back(
      name + " is damaged (" +
      (salvaged.damage.empty() ? std::to_string(bad) + " records do not decode" : salvaged.damage) +
      "): " + std::to_string(loaded) + what + (delta ? " applied, " : " loaded, ") + lost);
  return holding;
}

// The partitions' counts, for DescribeTable without loading. A damaged or missing counts file
// loses no item: the counts stay unknown (DescribeTable then loads) and it is reported.
void DurableStore::loadCounts(StorageReport& report) {
  if (countsFile_.empty()) return;
  const std::optional<std::string> bytes = env_.read(countsFile_);
  if (!bytes) {
    report.problems.push_back(countsFile_ + " is missing; DescribeTable loads the partitions");
    return;
  }
  try {
    const RecordScan scan = scanRecords(*bytes, magic::kCounts);
    if (!scan.problem.empty()) throw StorageError(scan.problem);
    if (scan.records.size() != 1) throw StorageError("expected one record");
    readPartitionCounts(parseJson(scan.records[0]), partitions_);
    countsTotal_ = totalCounts(partitions_);
  } catch (const StorageError& error) {
    for (auto& [tableId, slots] : partitions_) {
      for (PartitionSlot& slot : slots) slot.counts.reset();
    }
    report.problems.push_back(countsFile_ + " is damaged (" + error.what() +
                              "); DescribeTable loads the partitions");
  }
}

void DurableStore::loadStreams(Database& db, StorageReport& report) {
  if (streamsFile_.empty()) return;
  const std::optional<std::string> bytes = env_.read(streamsFile_);
  if (!bytes) {
    report.problems.push_back(streamsFile_ + " is missing; its stream records are not loaded");
    return;
  }
  const SalvagedEntries salvaged = salvageEntries(*bytes, magic::kStreams);
  std::size_t loaded = 0;
  for (const std::string_view payload : salvaged.entries) {
    try {
      PayloadReader in(payload);
      if (in.byte() != log_entry::kStreamRecord) throw StorageError("bad stream record");
      StreamRecord record;
      const std::string arn = readStreamRecord(in, record);
      if (Stream* stream = streamWithArn(db, arn)) stream->restore(std::move(record));
      ++loaded;
    } catch (const std::exception&) {
      if (salvaged.damage.empty()) {
        report.problems.push_back(streamsFile_ + " has a record that does not decode");
      }
    }
  }
  if (!salvaged.damage.empty()) {
    report.problems.push_back(streamsFile_ + " is damaged (" + salvaged.damage +
                              "): " + std::to_string(loaded) + " stream records loaded");
  }
}

// Replays the older logs the catalog names (only the item changes their partitions' files lack),
// then the current log.
void DurableStore::replayLogs(Database& db, StorageReport& report) {
  for (OlderLog& log : olderLogs_) {
    replayChanged_ = &log.changed;
    log.bytes = replayLog(db, report, log.name, log.generation, false);
  }
  replayChanged_ = &changedInLog_;
  logBytes_ = replayLog(db, report, logFile_, *generationOf(logFile_), true);
  replayChanged_ = nullptr;
}

// Applies a log's commits in order. Damaged bytes in the middle cost the commits there (the
// commits after them carry whole items, so they still apply); a damaged tail is dropped.
// Either way the next flush writes a checkpoint rather than append after damage.
std::uint64_t DurableStore::replayLog(Database& db, StorageReport& report, const std::string& name,
                                      std::uint64_t generation, bool current) {
  // Kept while a partition not loaded yet still has changes in it (overlays_ hold views).
  const std::shared_ptr<const std::string> bytes = env_.readShared(name);
  if (!bytes) {
    report.problems.push_back(name + " is missing" +
                              (current ? "" : "; the changes in it are lost"));
    startNewLog_ = true;
    return 0;
  }
  const RecordScan scan = salvageRecords(*bytes, magic::kLog);
  if (scan.headerBad()) {
    report.problems.push_back(name + " is unreadable (" + scan.problem + "); the changes " +
                              (current ? "since the last checkpoint" : "in it") + " are lost");
    startNewLog_ = true;
    return 0;
  }
  replayBuffer_ = bytes;
  // Commits are numbered one after another: the current log's from the catalog's, an older
  // log's from its first (its catalog copy).
  std::uint64_t last = current ? commit_ : 0;
  bool known = current && commitGapsKnown_;
  std::size_t number = 0;
  for (const std::string_view record : scan.records) {
    ++number;
    noteMissingCommits(record, last, known, name, report);
    try {
      replayRecord(db, record, generation, current);
    } catch (const std::exception& error) {
      report.problems.push_back(name + ": record " + std::to_string(number) +
                                " cannot be applied (" + error.what() + "); it is dropped");
      startNewLog_ = true;
    }
  }
  for (const SkippedBytes& skipped : scan.skipped) {
    const bool tail = &skipped == &scan.skipped.back() && scan.endsInDamage(bytes->size());
    report.problems.push_back(name + ": " + skipped.why + " at offset " +
                              std::to_string(skipped.offset) + "; " +
                              (tail ? "the torn tail (" : "the damaged bytes (") +
                              std::to_string(skipped.length) + " bytes) are dropped");
    startNewLog_ = true;
  }
  replayBuffer_.reset();
  return bytes->size();
}

// Commits within one log are numbered one after another: a gap means whole commits went missing
// (a stored chunk lost, not just damaged), which the framing cannot see.
void DurableStore::noteMissingCommits(std::string_view payload, std::uint64_t& last, bool& known,
                                      const std::string& logName, StorageReport& report) {
  std::uint64_t number = 0;
  try {
    number = PayloadReader(payload).varint();
  } catch (const StorageError&) {
    return;  // replay reports the record itself
  }
  const bool gap = known && number > last + 1;
  known = true;
  if (gap) {
    report.problems.push_back(logName + ": commits " + std::to_string(last + 1) + " to " +
                              std::to_string(number - 1) + " are missing; their changes are lost");
    startNewLog_ = true;
  }
  last = std::max(last, number);
}

bool DurableStore::changeApplies(const std::string& tableId, int partition,
                                 std::uint64_t generation, std::uint64_t bytes) {
  const auto slots = partitions_.find(tableId);
  if (slots != partitions_.end() &&
      generation < slots->second[static_cast<std::size_t>(partition)].coveredTo()) {
    return false;  // the partition's file or a delta was written after this log: it holds the
                   // change
  }
  pending_[{tableId, partition}] += bytes;
  if (replayChanged_) replayChanged_->insert({tableId, partition});
  return true;
}

void DurableStore::replayRecord(Database& db, std::string_view payload, std::uint64_t generation,
                                bool current) {
  // Checked whole before anything is applied, so a record is applied all or nothing.
  PayloadReader check(payload);
  check.varint();
  while (!check.atEnd()) {
    const std::uint8_t tag = check.byte();
    if (tag == log_entry::kCatalog) {
      // Applied to a scratch database, so that one that does not apply fails here, before the
      // commit's other entries change anything.
      const json catalog = parseJson(check.bytes());
      if (!current) continue;
      Database scratch;
      scratch.now = db.now;
      applyCatalog(scratch, catalog);
    } else if (tag == log_entry::kCheckpointCatalog) {
      parseJson(check.bytes());
    } else if (tag == log_entry::kPut) {
      for (int field = 0; field < 3; ++field) check.bytes();
      check.varint();
    } else if (tag == log_entry::kErase) {
      check.bytes();
      check.bytes();
    } else if (tag == log_entry::kStreamRecord) {
      StreamRecord record;
      readStreamRecord(check, record);
    } else if (tag == log_entry::kClientToken) {
      for (int field = 0; field < 3; ++field) check.bytes();
      check.number();
    } else {
      throw StorageError("unknown log entry");
    }
  }
  PayloadReader in(payload);
  commit_ = std::max(commit_, in.varint());
  // An older log adds only item changes: the catalog, the streams file and the client tokens
  // the current catalog holds are newer than anything else in it.
  while (!in.atEnd()) {
    const std::size_t start = in.position();
    const std::uint8_t tag = in.byte();
    if (tag == log_entry::kCheckpointCatalog) {
      in.bytes();  // the catalog this log was opened with: already applied
    } else if (tag == log_entry::kCatalog) {
      const std::string_view catalog = in.bytes();
      if (current) applyCatalog(db, parseJson(catalog));
    } else if (tag == log_entry::kPut || tag == log_entry::kErase) {
      const std::string tableId(in.bytes());
      const std::string_view key = in.bytes();
      if (tag == log_entry::kPut) {  // the item stays undecoded until its partition loads
        in.bytes();
        in.varint();
      }
      const std::string_view entry = payload.substr(start, in.position() - start);
      Table* table = tableWithId(db, tableId);  // none when the table was deleted later
      const int partition = partitionOf(key);
      if (!table || !changeApplies(tableId, partition, generation, entry.size())) continue;
      logged_[{tableId, partition}].add(entry);  // what a delta of the partition would hold
      if (table->partitionLoaded(partition)) {
        applyItemEntry(*table, entry);
        continue;
      }
      // A partition still on disk takes the change when it loads.
      Overlay& overlay = overlays_[{tableId, partition}];
      if (overlay.empty() || overlay.back().log != replayBuffer_) {
        overlay.push_back({replayBuffer_, {}});
      }
      overlay.back().entries.push_back(entry);
    } else if (tag == log_entry::kStreamRecord) {
      StreamRecord record;
      const std::string arn = readStreamRecord(in, record);
      if (!current) continue;
      if (Stream* stream = streamWithArn(db, arn)) stream->restore(std::move(record));
    } else {
      const std::string token(in.bytes());
      const std::string_view request = in.bytes(), response = in.bytes();
      const double time = in.number();
      if (!current) continue;
      ClientTokenRecord& record = db.clientTokens[token];
      record.request = std::string(request);
      record.response = std::string(response);
      record.time = time;
      db.clientTokenTimes.emplace_back(record.time, token);
    }
  }
}

// Applies one put or delete entry of a log (checked when its commit was replayed).
void DurableStore::applyItemEntry(Table& table, std::string_view entry) {
  PayloadReader in(entry);
  const std::uint8_t tag = in.byte();
  in.bytes();  // the table id
  const std::string_view key = in.bytes();
  if (tag == log_entry::kPut) {
    const std::string_view encoded = in.bytes();
    table.restore(key, encoded, static_cast<std::uint32_t>(in.varint()));
  } else {
    table.restoreErase(key);
  }
  ++logEntriesApplied_;
}

// Keeps this open's problems with the database (logged with the next flush) until acknowledged.
void DurableStore::keepProblems(Database& db, const StorageReport& report) {
  for (const std::string& problem : report.problems) {
    const bool known =
        std::any_of(db.recoveryProblems.begin(), db.recoveryProblems.end(),
                    [&](const RecoveryProblem& kept) { return kept.text == problem; });
    if (!known) db.recoveryProblems.push_back({db.now ? db.now() : 0.0, problem});
  }
  catalogChanged(db);
}

// Removes the files the loaded generation replaced (older ones it does not name) and those of
// checkpoints that never completed (`leftovers`, newer than it). Nothing else is touched.
void DurableStore::removeReplaced(const std::vector<std::uint64_t>& leftovers) {
  std::set<std::string> live;
  if (!logFile_.empty()) live = liveFiles();
  const std::uint64_t loaded = logFile_.empty() ? 0 : *generationOf(logFile_);
  for (const std::string& name : env_.list()) {
    const auto generation = generationOf(name);
    if (!generation || live.count(name)) continue;
    const bool replaced = !logFile_.empty() && *generation < loaded;
    const bool leftover =
        std::find(leftovers.begin(), leftovers.end(), *generation) != leftovers.end();
    if (replaced || leftover) env_.remove(name);
  }
}

}  // namespace pd
