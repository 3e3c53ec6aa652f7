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
  std::string log, streams;
  std::map<std::string, std::array<std::string, kPartitionsPerTable>> partitions;
  std::vector<std::string> all;
};

CatalogFiles filesOf(const json& catalog) {
  try {
    CatalogFiles files;
    files.log = catalog.at("log").get<std::string>();
    files.streams = catalog.at("streamsFile").get<std::string>();
    files.all = {files.log};
    if (!files.streams.empty()) files.all.push_back(files.streams);
    for (const auto& [tableId, names] : catalog.at("partitions").items()) {
      const auto list = names.get<std::vector<std::string>>();
      auto& slots = files.partitions[tableId];
      if (list.size() != slots.size()) throw StorageError("bad partition list");
      std::copy(list.begin(), list.end(), slots.begin());
      for (const std::string& file : list) {
        if (!file.empty()) files.all.push_back(file);
      }
    }
    for (const std::string& file : files.all) {
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
      deferPartitions(db);
      loadStreams(db, report);
      replayLog(db, report);
    }
    removeReplaced(leftovers);
  } catch (...) {
    for (const auto& [name, table] : db.tables) table->setUnloadedPartitions(nullptr, 0);
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
    if (tryGeneration(db, report, generation, names)) return true;
    leftovers.push_back(generation);
  }
  // Nothing loadable: an empty database only when there is no file of ours at all. Anything else
  // (even what looks like a checkpoint that never completed) stays untouched.
  for (const std::string& name : names) {
    if (!generationOf(name)) continue;
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
                                 const std::vector<std::string>& names) {
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
  logFile_ = files.log;
  streamsFile_ = files.streams;
  // Named even when damaged or missing: the next checkpoint replaces it.
  catalogFile_ = numberedFile("catalog", *generationOf(logFile_));
  startNewLog_ = false;
}

// Partition files are read on first touch: each table learns which of its partitions are still
// on disk. The log's changes to those wait in overlays_ (replayLog) until they load.
void DurableStore::deferPartitions(Database& db) {
  for (const auto& [tableId, files] : partitions_) {
    Table* table = tableWithId(db, tableId);
    if (!table) continue;
    std::uint32_t unloaded = 0;
    for (int p = 0; p < kPartitionsPerTable; ++p) {
      if (!files[p].empty()) unloaded |= 1u << p;
    }
    table->setUnloadedPartitions(this, unloaded);
  }
}

void DurableStore::loadPartition(const std::string& tableId, int partition) {
  Table* table = db_ ? tableWithId(*db_, tableId) : nullptr;
  if (!table) return;
  const auto files = partitions_.find(tableId);
  std::vector<std::string> problems;
  if (files != partitions_.end() && !files->second[partition].empty()) {
    salvagePartition(*table, files->second[partition], problems);
  }
  // The log's changes come after the checkpoint's items.
  const auto overlay = overlays_.find({tableId, partition});
  if (overlay != overlays_.end()) {
    for (const auto& [key, item] : overlay->second) {
      if (item) {
        table->restore(key, item->encoded, item->size);
      } else {
        table->restoreErase(key);
      }
    }
    overlays_.erase(overlay);
  }
  if (problems.empty()) return;
  // Kept with the database like the problems open finds (logged with the next flush).
  StorageReport found;
  found.problems = problems;
  keepProblems(*db_, found);
  problemsSinceOpen_.insert(problemsSinceOpen_.end(), problems.begin(), problems.end());
}

std::size_t DurableStore::loadAll() {
  std::size_t items = 0;
  if (!db_) return items;
  for (const auto& [name, table] : db_->tables) items += table->itemCount();
  return items;
}

// Loads every intact item of a partition file; a damaged record costs only itself. Throws
// StorageError when the Env cannot read it (nothing is loaded then).
void DurableStore::salvagePartition(Table& table, const std::string& name,
                                    std::vector<std::string>& problems) {
  const std::optional<std::string> bytes = env_.read(name);
  if (!bytes) {
    problems.push_back(name + " is missing; its items are not loaded");
    return;
  }
  const SalvagedEntries salvaged = salvageEntries(*bytes, magic::kPartition);
  if (salvaged.unreadable) {
    problems.push_back(name + " is unreadable (" + salvaged.damage + "); its items are not loaded");
    return;
  }
  std::size_t loaded = 0, bad = 0;
  for (const std::string_view record : salvaged.entries) {
    try {
      PayloadReader in(record);
      if (in.byte() != file_entry::kItem) throw StorageError("bad item record");
      const std::string_view key = in.bytes(), encoded = in.bytes();
      const auto size = static_cast<std::uint32_t>(in.varint());
      if (!in.atEnd()) throw StorageError("bad item record");
      table.restore(key, encoded, size);
      ++loaded;
    } catch (const std::exception&) {  // a checksum-valid record that does not decode
      ++bad;
    }
  }
  if (salvaged.damage.empty() && bad == 0) return;
  std::string lost = "some of its items are lost";
  if (salvaged.expected && *salvaged.expected >= loaded) {
    lost = std::to_string(*salvaged.expected - loaded) + " of its items are lost";
  }
  problems.push_back(
      name + " is damaged (" +
      (salvaged.damage.empty() ? std::to_string(bad) + " records do not decode" : salvaged.damage) +
      "): " + std::to_string(loaded) + " items loaded, " + lost);
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

// Applies the log's commits in order. Damaged bytes in the middle cost the commits there (the
// commits after them carry whole items, so they still apply); a damaged tail is dropped.
// Either way the next flush starts a new log rather than append after damage.
void DurableStore::replayLog(Database& db, StorageReport& report) {
  const std::optional<std::string> bytes = env_.read(logFile_);
  if (!bytes) {
    report.problems.push_back(logFile_ + " is missing");
    startNewLog_ = true;
    return;
  }
  const RecordScan scan = salvageRecords(*bytes, magic::kLog);
  if (scan.headerBad()) {
    report.problems.push_back(logFile_ + " is unreadable (" + scan.problem +
                              "); the changes since the last checkpoint are lost");
    startNewLog_ = true;
    return;
  }
  std::size_t number = 0;
  for (const std::string_view record : scan.records) {
    ++number;
    noteMissingCommits(record, report);
    try {
      replayRecord(db, record);
    } catch (const std::exception& error) {
      report.problems.push_back(logFile_ + ": record " + std::to_string(number) +
                                " cannot be applied (" + error.what() + "); it is dropped");
      startNewLog_ = true;
    }
    logBytes_ += record.size() + 8;
  }
  logBytes_ += kFileHeaderSize;
  for (const SkippedBytes& skipped : scan.skipped) {
    const bool tail = &skipped == &scan.skipped.back() && scan.endsInDamage(bytes->size());
    report.problems.push_back(logFile_ + ": " + skipped.why + " at offset " +
                              std::to_string(skipped.offset) + "; " +
                              (tail ? "the torn tail (" : "the damaged bytes (") +
                              std::to_string(skipped.length) + " bytes) are dropped");
    startNewLog_ = true;
  }
}

// Commits within one log are numbered one after another, from the catalog's: a gap means whole
// commits went missing (a stored chunk lost, not just damaged), which the framing cannot see.
void DurableStore::noteMissingCommits(std::string_view payload, StorageReport& report) {
  std::uint64_t number = 0;
  try {
    number = PayloadReader(payload).varint();
  } catch (const StorageError&) {
    return;  // replay reports the record itself
  }
  const bool gap = commitGapsKnown_ && number > commit_ + 1;
  commitGapsKnown_ = true;
  if (gap) {
    report.problems.push_back(logFile_ + ": commits " + std::to_string(commit_ + 1) + " to " +
                              std::to_string(number - 1) + " are missing; their changes are lost");
    startNewLog_ = true;
  }
}

void DurableStore::replayRecord(Database& db, std::string_view payload) {
  // Checked whole before anything is applied, so a record is applied all or nothing.
  PayloadReader check(payload);
  check.varint();
  while (!check.atEnd()) {
    const std::uint8_t tag = check.byte();
    if (tag == log_entry::kCatalog) {
      // Applied to a scratch database, so that one that does not apply fails here, before the
      // commit's other entries change anything.
      Database scratch;
      scratch.now = db.now;
      applyCatalog(scratch, parseJson(check.bytes()));
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
  while (!in.atEnd()) {
    const std::uint8_t tag = in.byte();
    if (tag == log_entry::kCheckpointCatalog) {
      in.bytes();  // the catalog this log was opened with: already applied
    } else if (tag == log_entry::kCatalog) {
      applyCatalog(db, parseJson(in.bytes()));
    } else if (tag == log_entry::kPut || tag == log_entry::kErase) {
      const std::string_view tableId = in.bytes(), key = in.bytes();
      Table* table = tableWithId(db, tableId);  // none when the table was deleted later
      const int partition = partitionOf(key);
      // A partition still on disk takes the change when it loads.
      Overlay* overlay = table && !table->partitionLoaded(partition)
                             ? &overlays_[{std::string(tableId), partition}]
                             : nullptr;
      if (tag == log_entry::kPut) {
        const std::string_view encoded = in.bytes();
        const auto size = static_cast<std::uint32_t>(in.varint());
        if (overlay) {
          (*overlay)[std::string(key)] = ReplayedItem{std::string(encoded), size};
        } else if (table) {
          table->restore(key, encoded, size);
        }
      } else if (overlay) {
        (*overlay)[std::string(key)] = std::nullopt;
      } else if (table) {
        table->restoreErase(key);
      }
      changes_.dirtyPartitions().emplace(std::string(tableId), partition);
    } else if (tag == log_entry::kStreamRecord) {
      StreamRecord record;
      const std::string arn = readStreamRecord(in, record);
      if (Stream* stream = streamWithArn(db, arn)) stream->restore(std::move(record));
    } else {
      const std::string token(in.bytes());
      ClientTokenRecord& record = db.clientTokens[token];
      record.request = std::string(in.bytes());
      record.response = std::string(in.bytes());
      record.time = in.number();
      db.clientTokenTimes.emplace_back(record.time, token);
    }
  }
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
  if (!logFile_.empty()) {
    live = {catalogFile_, logFile_, streamsFile_};
    for (const auto& [tableId, names] : partitions_) live.insert(names.begin(), names.end());
  }
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
