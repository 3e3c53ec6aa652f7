// libFuzzer target: opening damaged storage, and never losing a record that is intact on disk.
// Starts from a golden database (tests/golden/storage-v<N>) and damages it as the input says:
//   byte 0: which database (bits 5-7: even the newest version, odd the oldest) and which of its
//           files (bits 0-4, modulo the number of files);
//   byte 1: the damage: 'r' replace the file with the rest of the input, 'x' XOR the rest into it
//           at the offset, 't' truncate it to the offset, 'd' delete it; in upper case ('R' 'X'
//           'T' 'D') the same to the catalog instead; any other byte appends the rest to the log
//           as a commit with a valid checksum, so that replay itself is fuzzed, not just framing;
//   bytes 2-3: the offset (big-endian).
// While bit 7 of byte 1 is set, another such command of 4 bytes follows (up to 4 in all), so
// that several files are damaged at once; the rest of the input is what follows the last one.
// Then:
//   (a) when only the catalog is damaged or missing, a version 2 database opens to exactly the
//       data of the undamaged one (it is rebuilt from its log); a version 1 database refuses;
//   (b) when open refuses (StorageError, the only exception it may throw), no file was written
//       or removed; an intact catalog never refuses;
//   (c) every item record of a partition file that is intact in the damaged bytes is loaded,
//       unless the log overrides it (checked when the generation's own catalog was used, as it
//       is or rebuilt from the log's copy);
//   (d) opening wrote nothing, and removed files only when it discarded the whole generation as
//       a checkpoint that never completed; whatever opened answers every read with JSON, and a
//       write and flush work afterwards and reopen to the same data.
// PD_FUZZ_VERBOSE=1 prints, for each input, what was damaged, what open did and what was checked.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api/engine.h"
#include "api/wire/encoded_json.h"
#include "fuzz_common.h"
#include "storage/change_log.h"
#include "storage/memory_env.h"
#include "storage/partition_slots.h"
#include "storage/payload.h"
#include "storage/record_file.h"
#include "storage/store_files.h"
#include "storage/stream_records.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Files = std::map<std::string, std::string>;
using TableKey = std::pair<std::string, std::string>;  // table id, order key

constexpr double kClock = 1790000000;  // the clock the golden files were written at

// Prints a line when PD_FUZZ_VERBOSE is set.
void say(const std::string& text) {
  static const bool verbose = std::getenv("PD_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%s\n", text.c_str());
}

// Files in memory that count the writes and removals made through them.
class CountingEnv : public pd::MemoryEnv {
 public:
  int writes = 0, removals = 0;
  void write(const std::string& name, std::string_view bytes) override {
    ++writes;
    MemoryEnv::write(name, bytes);
  }
  void append(const std::string& name, std::string_view bytes) override {
    ++writes;
    MemoryEnv::append(name, bytes);
  }
  void remove(const std::string& name) override {
    ++removals;
    MemoryEnv::remove(name);
  }
};

// What a database answers: every table's description and items, every stream's records.
struct Dump {
  std::string text;  // every answer, in order: equal texts, equal databases
  std::map<std::string, std::set<std::string>> itemsById;  // table id: its items, canonical
  bool operator==(const Dump& other) const { return text == other.text; }
};

// Runs a request, whose answer must be JSON; returns the answer parsed, or only its top-level
// members named in `keep` when given (the big answers are only checked, not built).
json ask(pd::Engine& engine, const char* operation, const json& request,
         std::string* text = nullptr, const std::set<std::string>* keep = nullptr) {
  const pd::Response response = engine.execute(operation, request.dump());
  std::string member;
  const json::parser_callback_t filter = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 1 && event == json::parse_event_t::key) member = parsed.get<std::string>();
    return depth == 0 || keep->count(member) > 0;
  };
  json parsed = json::parse(response.body, keep ? filter : nullptr, false);
  if (parsed.is_discarded()) pdfuzz::violated("response is not JSON: " + response.body);
  if (text) *text += response.body + "\n";
  return parsed;
}

// `items`: also collect every table's items (canonical), which takes longer.
Dump dumpOf(pd::Engine& engine, bool items = true) {
  static const std::set<std::string> nextPage = {"LastEvaluatedKey"};
  static const std::set<std::string> nextRecords = {"NextShardIterator"};
  Dump dump;
  const json listed = ask(engine, "ListTables", json::object(), &dump.text);
  for (const auto& name : listed.value("TableNames", json::array())) {
    const json described = ask(engine, "DescribeTable", {{"TableName", name}}, &dump.text);
    auto& stored =
        dump.itemsById[described.value("Table", json::object()).value("TableId", std::string())];
    json scan = {{"TableName", name}};
    for (int page = 0; page < 1000; ++page) {
      const json got = ask(engine, "Scan", scan, &dump.text, items ? nullptr : &nextPage);
      for (const auto& item : got.value("Items", json::array())) stored.insert(item.dump());
      if (!got.contains("LastEvaluatedKey")) break;
      scan["ExclusiveStartKey"] = got.at("LastEvaluatedKey");
    }
  }
  const json streams = ask(engine, "ListStreams", json::object(), &dump.text);
  for (const auto& stream : streams.value("Streams", json::array())) {
    const json arn = stream.value("StreamArn", json());
    const json described = ask(engine, "DescribeStream", {{"StreamArn", arn}}, &dump.text);
    const json shards =
        described.value("StreamDescription", json::object()).value("Shards", json::array());
    for (const auto& shard : shards) {
      json iterator = ask(engine, "GetShardIterator",
                          {{"StreamArn", arn},
                           {"ShardId", shard.value("ShardId", json())},
                           {"ShardIteratorType", "TRIM_HORIZON"}})
                          .value("ShardIterator", json());
      for (int page = 0; page < 100 && iterator.is_string(); ++page) {
        const std::size_t before = dump.text.size();
        const json got =
            ask(engine, "GetRecords", {{"ShardIterator", iterator}}, &dump.text, &nextRecords);
        if (dump.text.find("\"Records\":[]", before) != std::string::npos) break;
        iterator = got.value("NextShardIterator", json());
      }
    }
  }
  return dump;
}

// The same write on every database opened: an item in "orders", or when that fails (no such
// table) a new table with an item (not on the golden databases: a new table's id is random).
void write(pd::Engine& engine) {
  const json put = ask(
      engine, "PutItem",
      json::parse(
          R"({"TableName":"orders","Item":{"pk":{"S":"after"},"sk":{"N":"1"},"n":{"N":"2"}}})"));
  if (!put.contains("__type")) return;
  ask(engine, "CreateTable",
      json::parse(
          R"({"TableName":"fuzz","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],)"
          R"("KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})"));
  ask(engine, "PutItem", json::parse(R"({"TableName":"fuzz","Item":{"k":{"S":"after"}}})"));
}

// A golden database and what it holds undamaged.
struct Golden {
  std::uint32_t version = 0;
  Files files;
  std::string catalog, log;             // their file names
  std::string catalogPayload, logCopy;  // the catalog's record, and the log's first record
  std::set<std::string> logRecords;     // every record of the log
  json catalogJson;
  Dump written;  // the undamaged database after write()
};

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Golden loadGolden(std::uint32_t version, const fs::path& folder) {
  Golden golden;
  golden.version = version;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".json") != std::string::npos) continue;
    golden.files[name] = readAll(entry.path());
    if (name.rfind("catalog-", 0) == 0) golden.catalog = name;
  }
  const pd::RecordScan catalog = pd::scanRecords(golden.files[golden.catalog], pd::magic::kCatalog);
  if (catalog.records.size() != 1) pdfuzz::violated("bad golden catalog");
  golden.log = json::parse(catalog.records[0]).at("log").get<std::string>();
  const pd::RecordScan log = pd::scanRecords(golden.files[golden.log], pd::magic::kLog);
  if (catalog.records.size() != 1 || log.records.empty()) pdfuzz::violated("bad golden files");
  golden.catalogPayload = std::string(catalog.records[0]);
  golden.catalogJson = json::parse(golden.catalogPayload);
  golden.logCopy = std::string(log.records[0]);
  // Every log's commits (version 3 keeps older logs while their changes are needed).
  for (const auto& [name, bytes] : golden.files) {
    if (name.rfind("log-", 0) != 0) continue;
    for (const auto record : pd::scanRecords(bytes, pd::magic::kLog).records) {
      golden.logRecords.emplace(record);
    }
  }
  pd::MemoryEnv env;
  env.files() = golden.files;
  pd::Engine engine;
  engine.setClock([] { return kClock; });
  if (!engine.openStorage(env).problems.empty()) pdfuzz::violated("golden files have problems");
  write(engine);
  engine.durableStore()->loadAll();  // as the damaged databases' are (below)
  golden.written = dumpOf(engine);
  return golden;
}

// Every golden database, newest version first.
const std::vector<Golden>& goldens() {
  static const std::vector<Golden> all = [] {
    std::map<std::uint32_t, fs::path, std::greater<>> folders;
    for (const auto& entry : fs::directory_iterator(PD_GOLDEN_DIR)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("storage-v", 0) == 0) {
        folders[static_cast<std::uint32_t>(std::stoul(name.substr(9)))] = entry.path();
      }
    }
    std::vector<Golden> loaded;
    for (const auto& [version, folder] : folders) loaded.push_back(loadGolden(version, folder));
    return loaded;
  }();
  return all;
}

void damage(std::string& bytes, char kind, std::size_t at, const std::string& rest) {
  if (kind == 'r') {
    bytes = rest;
  } else if (kind == 'x') {
    for (std::size_t i = 0; i < rest.size() && at + i < bytes.size(); ++i) bytes[at + i] ^= rest[i];
  } else if (kind == 't') {
    bytes.resize(std::min(bytes.size(), at));
  }
}

// The whole, single record of a catalog file, or nullopt when its framing is damaged.
std::optional<std::string> catalogRecord(const Files& files, const std::string& name) {
  const auto file = files.find(name);
  if (file == files.end()) return std::nullopt;
  const pd::RecordScan scan = pd::scanRecords(file->second, pd::magic::kCatalog);
  if (!scan.problem.empty() || scan.records.size() != 1) return std::nullopt;
  return std::string(scan.records[0]);
}

// The keys a log commit puts or deletes (replay may apply them over a partition's items), and
// whether it holds a catalog entry. Unparsable commits are not replayed; their keys still count.
void keysWritten(std::string_view commit, std::set<TableKey>& keys, bool& catalogEntry) {
  try {
    pd::PayloadReader in(commit);
    in.varint();
    while (!in.atEnd()) {
      const std::uint8_t tag = in.byte();
      if (tag == pd::log_entry::kPut || tag == pd::log_entry::kErase) {
        const std::string tableId(in.bytes());
        keys.emplace(tableId, std::string(in.bytes()));
        if (tag == pd::log_entry::kPut) {
          in.bytes();
          in.varint();
        }
      } else if (tag == pd::log_entry::kCatalog || tag == pd::log_entry::kCheckpointCatalog) {
        catalogEntry = true;
        in.bytes();
      } else if (tag == pd::log_entry::kStreamRecord) {
        pd::StreamRecord record;
        pd::readStreamRecord(in, record);
      } else if (tag == pd::log_entry::kClientToken) {
        for (int field = 0; field < 3; ++field) in.bytes();
        in.number();
      } else {
        return;
      }
    }
  } catch (const pd::StorageError&) {
  }
}

std::string canonicalItem(std::string_view encoded) {
  pd::JsonWriter out;
  pd::writeEncodedItem(out, encoded);
  return json::parse(out.text()).dump();
}

// (c): every item record of the generation's partition files that is intact in `damaged` is
// in `opened`, unless a log commit, a delta (format 4) or a record that is not the golden's own
// writes its key.
void checkIntactItemsLoaded(const Golden& golden, const Files& damaged, const Dump& opened) {
  std::set<TableKey> overridden;
  bool foreignCatalog = false;
  for (const std::string& record : golden.logRecords) {
    bool ignored = false;
    keysWritten(record, overridden, ignored);
  }
  const auto log = damaged.find(golden.log);
  if (log != damaged.end()) {
    for (const auto record : pd::salvageRecords(log->second, pd::magic::kLog).records) {
      if (!golden.logRecords.count(std::string(record))) {
        keysWritten(record, overridden, foreignCatalog);
      }
    }
  }
  if (foreignCatalog) {  // a crafted catalog entry may rename or drop tables
    say("(c) skipped: the log has a catalog entry of its own");
    return;
  }

  struct Intact {
    std::string tableId, file, key, item;
  };
  std::vector<Intact> intact;
  for (const auto& [tableId, slots] : pd::readPartitionSlots(golden.catalogJson)) {
    std::set<std::string> files;
    for (std::size_t p = 0; p < slots.size(); ++p) {
      files.insert(slots[p].file);
      // A delta's puts and deletes (its own, and any record damage made of it) come after the
      // file's items.
      for (const std::uint64_t generation : slots[p].deltas) {
        const std::string delta = pd::deltaFile(tableId, static_cast<int>(p), generation);
        for (const Files* from : {&golden.files, &damaged}) {
          const auto bytes = from->find(delta);
          if (bytes == from->end()) continue;
          for (const auto record : pd::salvageRecords(bytes->second, pd::magic::kDelta).records) {
            try {
              pd::PayloadReader in(record);
              in.byte();
              overridden.emplace(tableId, std::string(in.bytes()));
            } catch (const pd::StorageError&) {
            }
          }
        }
      }
    }
    for (const std::string& file : files) {
      const auto bytes = damaged.find(file);
      if (file.empty() || bytes == damaged.end()) continue;
      const pd::RecordScan original = pd::scanRecords(golden.files.at(file), pd::magic::kPartition);
      const std::set<std::string_view> own(original.records.begin(), original.records.end());
      for (const auto record : pd::salvageRecords(bytes->second, pd::magic::kPartition).records) {
        try {
          pd::PayloadReader in(record);
          if (in.byte() != pd::file_entry::kItem) continue;
          const std::string key(in.bytes()), item(in.bytes());
          if (own.count(record)) {
            intact.push_back({tableId, file, key, item});
          } else {
            overridden.emplace(tableId, key);  // a record that is not the file's own
          }
        } catch (const pd::StorageError&) {
        }
      }
    }
  }

  std::size_t checked = 0;
  for (const Intact& record : intact) {
    if (overridden.count({record.tableId, record.key}) ||
        !golden.written.itemsById.count(record.tableId)) {
      continue;  // written over, or its table was deleted later
    }
    const auto table = opened.itemsById.find(record.tableId);
    if (table == opened.itemsById.end()) {
      pdfuzz::violated("the table of " + record.file + " is lost, with its intact items");
    }
    if (!table->second.count(canonicalItem(record.item))) {
      pdfuzz::violated("an intact item of " + record.file +
                       " is not loaded: " + canonicalItem(record.item));
    }
    ++checked;
  }
  say("checked (c): " + std::to_string(checked) + " intact items loaded, " +
      std::to_string(intact.size() - checked) + " written over by the log");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  const std::vector<Golden>& all = goldens();
  const Golden& golden = all[(data[0] >> 5) % 2 == 0 ? 0 : all.size() - 1];
  CountingEnv env;
  env.files() = golden.files;
  Files& files = env.files();
  // The damage commands: 4 bytes each, another one following while bit 7 of the kind is set.
  std::vector<const std::uint8_t*> commands = {data};
  std::size_t used = 4;
  while ((commands.back()[1] & 0x80) && commands.size() < 4 && size - used >= 4) {
    commands.push_back(data + used);
    used += 4;
  }
  const std::string rest(reinterpret_cast<const char*>(data) + used, size - used);
  for (const std::uint8_t* command : commands) {
    const char mode = static_cast<char>(command[1] & 0x7f);
    const char kind = static_cast<char>(mode | 0x20);  // lower case
    if (kind != 'r' && kind != 'x' && kind != 't' && kind != 'd') {
      pd::appendRecord(files[golden.log], rest);
      continue;
    }
    std::string name = golden.catalog;
    if (mode == kind) {  // lower case: the file byte 0 picks
      auto picked = golden.files.begin();
      std::advance(picked, (command[0] & 0x1f) % golden.files.size());
      name = picked->first;
    }
    const std::size_t at = static_cast<std::size_t>(command[2]) << 8 | command[3];
    if (kind == 'd') {
      files.erase(name);
    } else if (kind == 'r' || files.count(name)) {
      damage(files[name], kind, at, rest);
    }
  }

  // What the damage left: only the catalog changed? is the catalog's record the golden one?
  const Files damaged = files;
  bool othersIntact = true;
  for (const auto& [name, bytes] : golden.files) {
    const auto now = damaged.find(name);
    if (name != golden.catalog && (now == damaged.end() || now->second != bytes)) {
      othersIntact = false;
    }
  }
  const bool catalogIntact = damaged.count(golden.catalog) &&
                             damaged.at(golden.catalog) == golden.files.at(golden.catalog);
  const std::optional<std::string> catalog = catalogRecord(damaged, golden.catalog);
  const bool catalogFramingDamaged = !catalog;
  const bool catalogSame = catalog && *catalog == golden.catalogPayload;

  std::string changed;
  for (const auto& [name, bytes] : golden.files) {
    const auto now = damaged.find(name);
    if (now == damaged.end()) changed += " " + name + " (deleted)";
    if (now != damaged.end() && now->second != bytes) changed += " " + name;
  }
  say("storage-v" + std::to_string(golden.version) + ", damaged:" + changed);

  pd::Engine engine;
  engine.setClock([] { return kClock; });
  pd::StorageReport report;
  try {
    report = engine.openStorage(env);
  } catch (const pd::StorageError& error) {
    say(std::string("refused: ") + error.what());
    // (b) a refusal changes no file; only a damaged catalog may cause one.
    if (env.writes != 0 || env.removals != 0 || env.files() != damaged) {
      pdfuzz::violated(std::string("open refused and changed files: ") + error.what());
    }
    if (catalogIntact) pdfuzz::violated(std::string("intact catalog refused: ") + error.what());
    if (othersIntact && golden.version >= 2) {
      pdfuzz::violated(std::string("only the catalog was damaged, yet open refused: ") +
                       error.what());
    }
    return 0;
  } catch (const std::exception& error) {
    pdfuzz::violated(std::string("open threw something else than StorageError: ") + error.what());
  }
  // Open never writes. All files are of one generation, so a removal means it was discarded as
  // a checkpoint that never completed: then its catalog file is missing and nothing is loaded.
  if (env.writes != 0) pdfuzz::violated("open wrote a file");
  if (env.removals != 0 && (damaged.count(golden.catalog) || report.tables != 0)) {
    pdfuzz::violated("open removed files of a generation it did not discard");
  }
  bool rebuilt = false;
  say("opened: " + std::to_string(report.tables) + " tables, " + std::to_string(report.items) +
      " items, " + std::to_string(env.removals) + " files removed");
  for (const std::string& problem : report.problems) {
    say("  problem: " + problem);
    rebuilt = rebuilt || problem.find("rebuilt from the copy in") != std::string::npos;
  }

  // (d) writes work, and every read answers JSON.
  write(engine);
  // Every partition loaded first: DescribeTable counts a partition not loaded as of the last
  // counts file (its deltas and logged changes count once it loads), and a reopen after the
  // flush below may find newer counts.
  engine.durableStore()->loadAll();
  const Dump written = dumpOf(engine);
  // (a) a damaged catalog costs nothing (version 2 on), or makes open refuse (version 1).
  if (othersIntact && (catalogFramingDamaged || catalogSame || rebuilt)) {
    if (golden.version < 2 && catalogFramingDamaged) {
      pdfuzz::violated("a version 1 database whose catalog is damaged opened");
    }
    say("checked (a): the data is the undamaged database's");
    if (!(written == golden.written)) {
      pdfuzz::violated("only the catalog was damaged, yet the data differs:\n" + written.text);
    }
  }
  // (c) when the generation's own catalog was used (as it is, or rebuilt from the log's copy).
  const std::optional<std::string> copy = [&]() -> std::optional<std::string> {
    const auto log = damaged.find(golden.log);
    if (log == damaged.end()) return std::nullopt;
    const pd::RecordScan scan = pd::salvageRecords(log->second, pd::magic::kLog);
    if (scan.records.empty()) return std::nullopt;
    return std::string(scan.records[0]);
  }();
  if (catalogSame || (rebuilt && copy == golden.logCopy)) {
    checkIntactItemsLoaded(golden, damaged, written);
  }
  // (d) the flush works, and a reopen finds what it wrote.
  const pd::Response flushed = engine.flush();
  if (!flushed.ok) pdfuzz::violated("flush failed after open: " + flushed.body);
  pd::Engine reopened;
  reopened.setClock([] { return kClock; });
  try {
    reopened.openStorage(env);
    reopened.durableStore()->loadAll();
  } catch (const std::exception& error) {
    pdfuzz::violated(std::string("reopening after a flush threw: ") + error.what());
  }
  if (!(dumpOf(reopened, false) == written)) {
    pdfuzz::violated("a reopen does not find what was flushed:\n" + dumpOf(reopened).text);
  }
  say("checked (d): written, flushed and reopened");
  return 0;
}
