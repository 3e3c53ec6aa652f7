// The storage layer: what is flushed survives a reopen; checkpoints rewrite only what changed;
// torn and corrupt files are reported and never loaded as data; and a failure of any single
// write, append, remove or sync during a workload leaves files that reopen to a state the
// workload acknowledged (the last flushed one, or the one being flushed), never a mixture.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <random>

#include "storage/memory_env.h"
#include "storage/posix_env.h"
#include "storage_helpers.h"
#include "storage_workload.h"

namespace {

using nlohmann::json;
using pd::Engine;
using pd::testing::dumpDatabase;
using pd::testing::engineAt;
using pd::testing::FaultEnv;
using pd::testing::flush;
using pd::testing::openLoaded;
using pd::testing::openOn;
using pd::testing::run;

constexpr double kNow = pd::testing::kWorkloadClock;
using pd::testing::Step;
std::vector<Step> workload() {
  return pd::testing::storageWorkload();
}
json item(const std::string& pk, int sk, const std::string& category, int n) {
  return pd::testing::workloadItem(pk, sk, category, n);
}

}  // namespace

TEST_CASE("storage: a reopened database holds everything flushed", "[storage]") {
  pd::MemoryEnv env;
  std::string expected;
  {
    auto engine = openOn(env);
    for (const Step& step : workload()) run(*engine, step.operation, step.body.dump());
    flush(*engine);
    expected = dumpDatabase(*engine);
  }
  pd::StorageReport report;
  auto reopened = openOn(env, &report);
  CHECK(report.problems.empty());
  CHECK(report.tables == 2);
  CHECK(dumpDatabase(*reopened) == expected);
  CHECK(report.commit > 0);
  // The transaction's client token survived too: a retry with other parameters is refused.
  const pd::Response retry = reopened->execute(
      "TransactWriteItems",
      json{{"ClientRequestToken", "token-1"},
           {"TransactItems",
            {{{"Put", {{"TableName", "orders"}, {"Item", item("t", 2, "even", 2)}}}}}}}
          .dump());
  CHECK(retry.body.find("IdempotentParameterMismatchException") != std::string::npos);
}

TEST_CASE("storage: checkpoints rewrite only the partitions that changed", "[storage]") {
  pd::MemoryEnv env;
  auto engine = openOn(env);
  for (const Step& step : workload()) {
    run(*engine, step.operation, step.body.dump());
    if (step.flush) flush(*engine);
  }
  flush(*engine);
  const std::string expected = dumpDatabase(*engine);
  // One more put in the log; a copy of the files is then checkpointed (everything it replays is
  // dirty), one item changed, and checkpointed again: that writes one partition.
  REQUIRE(engine
              ->execute("PutItem",
                        json{{"TableName", "orders"}, {"Item", item("c4", 4, "even", 99)}}.dump())
              .ok);
  pd::MemoryEnv copy = env;
  {
    pd::DurableStore store(copy);
    pd::Database db;
    db.now = [] { return kNow; };
    store.open(db);
    const std::size_t before = copy.files().size();
    store.checkpoint(db);  // everything replayed from the log is dirty: all written
    std::map<std::string, std::string> firstFiles = copy.files();
    pd::Table& orders = *db.tables.at("orders");
    const std::string key(orders.records().begin()->key());
    const std::string encoded(orders.records().begin()->encoded());
    orders.put(key, encoded, orders.records().begin()->size());
    store.flush(db);
    store.checkpoint(db);
    std::size_t newParts = 0;
    for (const auto& [name, bytes] : copy.files()) {
      if (name.rfind("part-", 0) == 0 && !firstFiles.count(name)) ++newParts;
    }
    CHECK(newParts == 1);
    CHECK(before > 0);
  }
  flush(*engine);
  auto reopened = openOn(env);
  CHECK(dumpDatabase(*reopened) != expected);  // it has the last put
}

TEST_CASE("storage: a torn log tail is reported and dropped, whole records are kept", "[storage]") {
  pd::MemoryEnv env;
  std::vector<std::string> states;
  {
    auto engine = openOn(env);
    states.push_back(dumpDatabase(*engine));
    for (const Step& step : workload()) {
      run(*engine, step.operation, step.body.dump());
      if (step.flush) {
        flush(*engine);
        states.push_back(dumpDatabase(*engine));
      }
    }
  }
  std::string logName;
  for (const auto& [name, bytes] : env.files()) {
    if (name.rfind("log-", 0) == 0) logName = name;
  }
  REQUIRE(!logName.empty());
  const std::string log = env.files()[logName];
  for (std::size_t cut = 1; cut < 200 && cut < log.size(); cut += 7) {
    pd::MemoryEnv torn = env;
    torn.files()[logName] = log.substr(0, log.size() - cut);
    pd::StorageReport report;
    auto engine = openOn(torn, &report);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].find(logName) != std::string::npos);
    CHECK(report.problems[0].find("torn") != std::string::npos);
    // The database is one of the flushed states, and it keeps working.
    const std::string state = dumpDatabase(*engine);
    CHECK(std::find(states.begin(), states.end(), state) != states.end());
    run(*engine, "PutItem", json{{"TableName", "orders"}, {"Item", item("new", 1, "x", 1)}}.dump());
    flush(*engine);
    pd::StorageReport again;
    openOn(torn, &again);
    CHECK(again.problems.empty());
  }
}

TEST_CASE("storage: a damaged partition file is reported by name and loses only damaged records",
          "[storage]") {
  pd::MemoryEnv env;
  {
    auto engine = openLoaded(env);
    for (const Step& step : workload()) run(*engine, step.operation, step.body.dump());
    flush(*engine);
  }
  {  // checkpoint so that items are in partition files
    pd::DurableStore store(env);
    pd::Database db;
    db.now = [] { return kNow; };
    store.open(db);
    store.checkpoint(db);
  }
  std::vector<std::string> parts;
  for (const auto& [name, bytes] : env.files()) {
    if (name.rfind("part-", 0) == 0) parts.push_back(name);
  }
  REQUIRE(parts.size() > 2);
  pd::StorageReport whole;
  openLoaded(env, &whole);
  CHECK(whole.problems.empty());
  // The victim holds the most items, so one damaged record leaves others to salvage.
  std::string victim;
  std::size_t victimItems = 0;
  for (const std::string& part : parts) {
    pd::MemoryEnv without = env;
    without.files()[part].replace(0, 8, "NOTMAGIC");
    pd::StorageReport report;
    openLoaded(without, &report);
    if (whole.items - report.items > victimItems) {
      victimItems = whole.items - report.items;
      victim = part;
    }
  }
  REQUIRE(victimItems > 1);
  for (int mode = 0; mode < 3; ++mode) {
    pd::MemoryEnv damaged = env;
    std::string& bytes = damaged.files()[victim];
    if (mode == 0) bytes[bytes.size() / 2] ^= 0x5A;  // a flipped byte: that record is lost
    if (mode == 1) bytes.resize(bytes.size() - 9);   // the end record cut: every item is there
    if (mode == 2) bytes.replace(0, 8, "NOTMAGIC");  // not our file at all: nothing loads
    pd::StorageReport report;
    auto engine = openLoaded(damaged, &report);
    INFO("mode " << mode);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].rfind(victim, 0) == 0);
    const std::size_t lost = whole.items - report.items;
    if (mode == 0) CHECK((lost >= 1 && lost < victimItems));
    if (mode == 1) CHECK(lost == 0);
    if (mode == 2) CHECK(lost == victimItems);
  }
}

TEST_CASE("storage: open survives any bytes in any file", "[storage]") {
  pd::MemoryEnv env;
  {
    auto engine = openOn(env);
    for (const Step& step : workload()) run(*engine, step.operation, step.body.dump());
    flush(*engine);
  }
  std::mt19937 random(12345);
  for (int round = 0; round < 300; ++round) {
    pd::MemoryEnv damaged = env;
    auto it = damaged.files().begin();
    std::advance(it, static_cast<long>(random() % damaged.files().size()));
    std::string& bytes = it->second;
    const int damage = static_cast<int>(random() % 3);
    if (damage == 0 && !bytes.empty()) {
      for (int flips = 0; flips < 4; ++flips) {
        bytes[random() % bytes.size()] = static_cast<char>(random());
      }
    } else if (damage == 1) {
      bytes.resize(random() % (bytes.size() + 1));
    } else {
      bytes.clear();
      for (std::size_t i = random() % 64; i > 0; --i) bytes.push_back(static_cast<char>(random()));
    }
    pd::StorageReport report;
    auto engine = openOn(damaged, &report);
    dumpDatabase(*engine);  // every read works on whatever was loaded
    run(*engine, "ListTables", "{}");
  }
}

TEST_CASE("storage: a failure at any write, append, remove or sync loses nothing acknowledged",
          "[storage]") {
  const std::vector<Step> steps = workload();
  const std::string empty = dumpDatabase(*engineAt(kNow));
  for (const bool keepUnsynced : {false, true}) {
    for (long failAt = 0;; ++failAt) {
      FaultEnv env;
      env.failAt = failAt;
      std::string acknowledged = empty, pending = empty;
      bool failed = false;
      {
        auto engine = engineAt(kNow);
        pd::StorageReport report;
        try {
          report = engine->openStorage(env);
        } catch (const pd::StorageError&) {
          failed = true;
        }
        if (!failed) {
          engine->durableStore()->setLogBudget(3000);  // checkpoints happen in the workload too
          acknowledged = dumpDatabase(*engine);
          const pd::Response first = engine->flush();
          failed = !first.ok;
          for (std::size_t i = 0; i < steps.size() && !failed; ++i) {
            run(*engine, steps[i].operation, steps[i].body.dump());
            if (!steps[i].flush && i + 1 != steps.size()) continue;
            pending = dumpDatabase(*engine);
            if (engine->flush().ok) {
              acknowledged = pending;
            } else {
              failed = true;
            }
          }
        }
      }
      if (!failed) {  // every operation of the workload has had its turn to fail
        CHECK(failAt > 100);
        break;
      }
      env.crash(keepUnsynced);
      pd::StorageReport report;
      auto reopened = openOn(env, &report);
      const std::string state = dumpDatabase(*reopened);
      INFO("failing operation " << failAt << (keepUnsynced ? " (unsynced kept)" : ""));
      CHECK((state == acknowledged || state == pending));
      // And it keeps working: a write after the crash survives the next reopen.
      run(*reopened, "CreateTable",
          json{{"TableName", "after"},
               {"AttributeDefinitions", {{{"AttributeName", "k"}, {"AttributeType", "S"}}}},
               {"KeySchema", {{{"AttributeName", "k"}, {"KeyType", "HASH"}}}},
               {"BillingMode", "PAY_PER_REQUEST"}}
              .dump());
      flush(*reopened);
      const std::string after = dumpDatabase(*reopened);
      auto third = openOn(env);
      CHECK(dumpDatabase(*third) == after);
    }
  }
}

TEST_CASE("storage: the same store on POSIX files in a directory", "[storage]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("pd-posix-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string expected;
  {
    pd::PosixEnv env(dir.string());
    auto engine = openOn(env);
    engine->durableStore()->setLogBudget(3000);  // checkpoints write and remove files too
    for (const Step& step : workload()) {
      run(*engine, step.operation, step.body.dump());
      if (step.flush) flush(*engine);
    }
    flush(*engine);
    expected = dumpDatabase(*engine);
  }
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) files += entry.is_regular_file();
  CHECK(files > 3);
  pd::PosixEnv env(dir.string());
  pd::StorageReport report;
  auto reopened = openOn(env, &report);
  CHECK(report.problems.empty());
  CHECK(dumpDatabase(*reopened) == expected);
  reopened.reset();
  fs::remove_all(dir);
}

TEST_CASE("storage: commit numbers tell which flushes a reopen found", "[storage]") {
  pd::MemoryEnv env;
  auto engine = openOn(env);
  engine->durableStore()->setLogBudget(3000);
  std::uint64_t last = engine->lastCommit();
  for (const Step& step : workload()) {
    run(*engine, step.operation, step.body.dump());
    flush(*engine);
    CHECK(engine->lastCommit() == last + 1);  // every flush here wrote a commit
    last = engine->lastCommit();
    pd::MemoryEnv copy = env;  // reopening a copy: checkpoints in between keep the count
    pd::StorageReport report;
    openOn(copy, &report);
    CHECK(report.commit == last);
  }
}
