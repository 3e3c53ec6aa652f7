#include "storage/durable_store.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "storage/catalog.h"
#include "storage/change_log.h"
#include "storage/payload.h"
#include "storage/record_file.h"
#include "storage/stream_records.h"

namespace pd {
namespace {

using nlohmann::json;

std::string numbered(const char* prefix, std::uint64_t generation) {
  char text[48];
  std::snprintf(text, sizeof text, "%s-%010llu", prefix,
                static_cast<unsigned long long>(generation));
  return text;
}

std::string partitionName(const std::string& tableId, int partition, std::uint64_t generation) {
  char text[32];
  std::snprintf(text, sizeof text, "-%02x-%010llu", static_cast<unsigned>(partition),
                static_cast<unsigned long long>(generation));
  return "part-" + tableId + text;
}

// The generation of "catalog-0000000012", or nullopt for any other name.
std::optional<std::uint64_t> catalogGeneration(const std::string& name) {
  static const std::string prefix = "catalog-";
  if (name.size() != prefix.size() + 10 || name.compare(0, prefix.size(), prefix) != 0) {
    return std::nullopt;
  }
  std::uint64_t generation = 0;
  for (std::size_t i = prefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    generation = generation * 10 + static_cast<std::uint64_t>(name[i] - '0');
  }
  return generation;
}

// Files this store writes; anything else in the folder is left alone.
bool isStoreFile(const std::string& name) {
  for (const char* prefix : {"catalog-", "log-", "part-", "streams-"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

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

// A partition or streams file: entry records, then an end record holding their count, so
// that a file cut short at a record boundary is still seen as incomplete.
constexpr std::uint8_t kEnd = 'E';
constexpr std::uint8_t kItem = 'I';

std::vector<std::string_view> completeEntries(std::string_view file, std::string_view fileMagic) {
  RecordScan scan = scanRecords(file, fileMagic);
  if (!scan.problem.empty()) throw StorageError(scan.problem);
  if (scan.records.empty()) throw StorageError("no end record");
  PayloadReader end(scan.records.back());
  if (end.byte() != kEnd || end.varint() != scan.records.size() - 1 || !end.atEnd()) {
    throw StorageError("bad end record");
  }
  scan.records.pop_back();
  return scan.records;
}

void appendEnd(std::string& file, std::uint64_t count) {
  std::string payload;
  PayloadWriter(payload).byte(kEnd).varint(count);
  appendRecord(file, payload);
}

}  // namespace

// --- opening ---------------------------------------------------------------------------------

StorageReport DurableStore::open(Database& db) {
  StorageReport report;
  std::vector<std::string> referenced;
  const bool found = loadCatalog(db, report, referenced);
  bool needsCheckpoint = !found;
  if (found) {
    loadPartitions(db, report);
    loadStreams(db, report);
    needsCheckpoint = !replayLog(db, report);
    removeUnreferenced(referenced);
  }
  for (const auto& stream : db.streams) stream->trim();
  markStreamsStored(db);
  db.changes.entries().clear();
  db.changes.setRecording(true);
  if (needsCheckpoint) checkpoint(db);  // a first catalog, or a fresh log after a torn one
  for (const auto& [name, table] : db.tables) report.items += table->itemCount();
  report.tables = db.tables.size();
  report.commit = commit_;
  return report;
}

bool DurableStore::loadCatalog(Database& db, StorageReport& report,
                               std::vector<std::string>& referenced) {
  std::vector<std::pair<std::uint64_t, std::string>> catalogs;
  for (const std::string& name : env_.list()) {
    if (auto generation = catalogGeneration(name)) catalogs.emplace_back(*generation, name);
  }
  std::sort(catalogs.rbegin(), catalogs.rend());
  if (!catalogs.empty()) generation_ = catalogs.front().first;  // never reuse a name
  for (const auto& [generation, name] : catalogs) {
    try {
      const std::optional<std::string> bytes = env_.read(name);
      if (!bytes) throw StorageError("missing");
      const RecordScan scan = scanRecords(*bytes, magic::kCatalog);
      if (!scan.problem.empty()) throw StorageError(scan.problem);
      if (scan.records.size() != 1) throw StorageError("expected one record");
      const json catalog = parseJson(scan.records[0]);
      std::map<std::string, PartitionFiles> partitions;
      referenced = {name, catalog.at("log").get<std::string>()};
      const std::string streams = catalog.at("streamsFile").get<std::string>();
      if (!streams.empty()) referenced.push_back(streams);
      for (const auto& [tableId, files] : catalog.at("partitions").items()) {
        PartitionFiles& names = partitions[tableId];
        const auto list = files.get<std::vector<std::string>>();
        if (list.size() != names.size()) throw StorageError("bad partition list");
        std::copy(list.begin(), list.end(), names.begin());
        for (const std::string& file : list) {
          if (!file.empty()) referenced.push_back(file);
        }
      }
      for (const std::string& file : referenced) {
        if (!isStoreFile(file) || file.find('/') != std::string::npos) {
          throw StorageError("bad file name " + file);
        }
      }
      applyCatalog(db, catalog);
      partitions_ = std::move(partitions);
      catalogFile_ = name;
      logFile_ = referenced[1];
      streamsFile_ = streams;
      generation_ = std::max(generation_, catalog.at("generation").get<std::uint64_t>());
      commit_ = catalog.value("commit", std::uint64_t{0});
      lastCatalog_ = catalogJson(db).dump();
      return true;
    } catch (const std::exception& error) {  // StorageError or a JSON type error
      report.problems.push_back(name + " is unreadable (" + error.what() +
                                "); an older catalog is used if there is one");
      referenced.clear();
    }
  }
  if (!catalogs.empty())
    report.problems.push_back("no readable catalog: the database starts empty");
  return false;
}

void DurableStore::loadPartitions(Database& db, StorageReport& report) {
  for (const auto& [tableId, files] : partitions_) {
    Table* table = tableWithId(db, tableId);
    for (const std::string& name : files) {
      if (name.empty() || !table) continue;
      try {
        const std::optional<std::string> bytes = env_.read(name);
        if (!bytes) throw StorageError("missing");
        // Every record is checked before any is loaded: a damaged file is left out whole.
        struct Entry {
          std::string_view key, encoded;
          std::uint32_t size;
        };
        std::vector<Entry> entries;
        for (const std::string_view record : completeEntries(*bytes, magic::kPartition)) {
          PayloadReader in(record);
          if (in.byte() != kItem) throw StorageError("bad item record");
          Entry entry{in.bytes(), in.bytes(), static_cast<std::uint32_t>(in.varint())};
          entries.push_back(entry);
        }
        for (const Entry& entry : entries) table->restore(entry.key, entry.encoded, entry.size);
      } catch (const std::exception& error) {
        report.problems.push_back(name + " is corrupt (" + error.what() +
                                  "); its items are not loaded");
      }
    }
  }
}

void DurableStore::loadStreams(Database& db, StorageReport& report) {
  if (streamsFile_.empty()) return;
  try {
    const std::optional<std::string> bytes = env_.read(streamsFile_);
    if (!bytes) throw StorageError("missing");
    std::vector<std::pair<Stream*, StreamRecord>> records;
    for (const std::string_view payload : completeEntries(*bytes, magic::kStreams)) {
      PayloadReader in(payload);
      if (in.byte() != log_entry::kStreamRecord) throw StorageError("bad stream record");
      StreamRecord record;
      const std::string arn = readStreamRecord(in, record);
      if (Stream* stream = streamWithArn(db, arn)) records.emplace_back(stream, std::move(record));
    }
    for (auto& [stream, record] : records) stream->restore(std::move(record));
  } catch (const std::exception& error) {
    report.problems.push_back(streamsFile_ + " is corrupt (" + error.what() +
                              "); its stream records are not loaded");
  }
}

bool DurableStore::replayLog(Database& db, StorageReport& report) {
  const std::optional<std::string> bytes = env_.read(logFile_);
  if (!bytes) {
    report.problems.push_back(logFile_ + " is missing");
    return false;
  }
  const RecordScan scan = scanRecords(*bytes, magic::kLog);
  std::size_t applied = 0;
  for (const std::string_view record : scan.records) {
    try {
      replayRecord(db, record);
    } catch (const std::exception& error) {
      report.problems.push_back(logFile_ + ": record " + std::to_string(applied + 1) +
                                " cannot be applied (" + error.what() +
                                "); it and the rest of the log are dropped");
      return false;
    }
    ++applied;
    logBytes_ += record.size() + 8;
  }
  logBytes_ += kFileHeaderSize;
  if (!scan.problem.empty()) {
    report.problems.push_back(logFile_ + ": " + scan.problem + "; the torn tail (" +
                              std::to_string(bytes->size() - scan.validBytes) +
                              " bytes) is dropped");
    return false;
  }
  return true;
}

void DurableStore::replayRecord(Database& db, std::string_view payload) {
  // Checked whole before anything is applied, so a record is applied all or nothing.
  PayloadReader check(payload);
  check.varint();
  while (!check.atEnd()) {
    const std::uint8_t tag = check.byte();
    if (tag == log_entry::kCatalog) {
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
  commit_ = in.varint();
  while (!in.atEnd()) {
    const std::uint8_t tag = in.byte();
    if (tag == log_entry::kCatalog) {
      applyCatalog(db, parseJson(in.bytes()));
    } else if (tag == log_entry::kPut || tag == log_entry::kErase) {
      const std::string_view tableId = in.bytes(), key = in.bytes();
      Table* table = tableWithId(db, tableId);  // none when the table was deleted later
      if (tag == log_entry::kPut) {
        const std::string_view encoded = in.bytes();
        const auto size = static_cast<std::uint32_t>(in.varint());
        if (table) table->restore(key, encoded, size);
      } else if (table) {
        table->restoreErase(key);
      }
      db.changes.dirtyPartitions().emplace(std::string(tableId), partitionOf(key));
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

void DurableStore::removeUnreferenced(const std::vector<std::string>& keep) {
  const std::set<std::string> live(keep.begin(), keep.end());
  for (const std::string& name : env_.list()) {
    if (isStoreFile(name) && !live.count(name)) env_.remove(name);
  }
}

// --- writing ---------------------------------------------------------------------------------

void DurableStore::guard() {
  if (failed_) {
    throw StorageError("an earlier write to storage failed; the database must be reopened");
  }
}

void DurableStore::catalogChanged(Database& db) {
  std::string catalog = catalogJson(db).dump();
  if (catalog == lastCatalog_) return;
  db.changes.catalog(catalog);
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
      writeStreamRecord(db.changes.entries(), stream->info().arn, *it);
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
  std::string& entries = db.changes.entries();
  if (entries.empty()) return;
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
  for (const auto& [name, table] : db.tables) dataBytes += table->sizeBytes();
  if (logBytes_ > std::max(logBudget_, dataBytes / 2)) checkpoint(db);
}

void DurableStore::checkpoint(Database& db) {
  guard();
  markStreamsStored(db);         // the streams file this writes holds every record
  db.changes.entries().clear();  // and the partitions every item change
  const std::uint64_t generation = ++generation_;
  auto& dirty = db.changes.dirtyPartitions();
  std::vector<std::string> written, keep;
  std::map<std::string, PartitionFiles> partitions;
  try {
    for (const auto& [tableName, table] : db.tables) {
      const std::string& tableId = table->schema().tableId;
      const auto previous = partitions_.find(tableId);
      PartitionFiles& names = partitions[tableId];
      std::array<std::string, 16> contents;
      std::array<std::uint64_t, 16> counts{};
      std::array<bool, 16> rewrite{};
      for (int p = 0; p < kPartitionsPerTable; ++p) {
        rewrite[p] = previous == partitions_.end() || dirty.count({tableId, p});
        if (!rewrite[p]) names[p] = previous->second[p];
      }
      for (const ItemRecord& item : table->records()) {
        const int p = partitionOf(item.key());
        if (!rewrite[p]) continue;
        std::string& file = contents[p];
        if (file.empty()) file = fileHeader(magic::kPartition);
        std::string payload;
        PayloadWriter(payload)
            .byte(kItem)
            .bytes(item.key())
            .bytes(item.encoded())
            .varint(item.size());
        appendRecord(file, payload);
        ++counts[p];
      }
      for (int p = 0; p < kPartitionsPerTable; ++p) {
        if (!rewrite[p] || contents[p].empty()) continue;
        appendEnd(contents[p], counts[p]);
        names[p] = partitionName(tableId, p, generation);
        env_.write(names[p], contents[p]);
        written.push_back(names[p]);
      }
    }
    std::string streams = fileHeader(magic::kStreams);
    std::uint64_t streamRecords = 0;
    for (const auto& stream : db.streams) {
      for (const StreamRecord& record : stream->records()) {
        std::string payload;
        writeStreamRecord(payload, stream->info().arn, record);
        appendRecord(streams, payload);
        ++streamRecords;
      }
    }
    std::string streamsFile;
    if (streamRecords) {
      appendEnd(streams, streamRecords);
      streamsFile = numbered("streams", generation);
      env_.write(streamsFile, streams);
    }
    const std::string logFile = numbered("log", generation);
    env_.write(logFile, fileHeader(magic::kLog));

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
    std::string catalogBytes = fileHeader(magic::kCatalog);
    appendRecord(catalogBytes, catalog.dump());
    const std::string catalogFile = numbered("catalog", generation);
    env_.write(catalogFile, catalogBytes);
    env_.sync();

    // The new catalog is durable; only now may the files it replaced go.
    keep = {catalogFile, logFile};
    if (!streamsFile.empty()) keep.push_back(streamsFile);
    for (const auto& [tableId, names] : partitions) {
      for (const std::string& name : names) {
        if (!name.empty()) keep.push_back(name);
      }
    }
    const std::set<std::string> live(keep.begin(), keep.end());
    std::vector<std::string> old = {catalogFile_, logFile_, streamsFile_};
    for (const auto& [tableId, names] : partitions_)
      old.insert(old.end(), names.begin(), names.end());
    for (const std::string& name : old) {
      if (!name.empty() && !live.count(name)) env_.remove(name);
    }
    env_.sync();
    catalogFile_ = catalogFile;
    logFile_ = logFile;
    streamsFile_ = streamsFile;
  } catch (...) {
    failed_ = true;
    throw;
  }
  partitions_ = std::move(partitions);
  dirty.clear();
  logBytes_ = kFileHeaderSize;
}

}  // namespace pd
