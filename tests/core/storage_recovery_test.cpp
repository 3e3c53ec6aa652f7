// Recovery that never costs intact data: a damaged or missing catalog is rebuilt from the copy
// its log starts with (or open refuses and changes no file); damage in a log or partition file
// costs only the damaged records; problems stay with the database until acknowledged; and a
// full disk leaves the database readable, with writes working again once there is space.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/memory_env.h"
#include "storage_helpers.h"
#include "storage_workload.h"

namespace {

using nlohmann::json;
using pd::Engine;
using pd::testing::dumpDatabase;
using pd::testing::flush;
using pd::testing::openOn;
using pd::testing::run;

constexpr double kNow = pd::testing::kWorkloadClock;

void putItem(Engine& engine, const std::string& pk, int n) {
  run(engine, "PutItem",
      json{{"TableName", "orders"}, {"Item", pd::testing::workloadItem(pk, 1, "x", n)}}.dump());
}

// The workload's database after a checkpoint and a few more logged commits.
pd::MemoryEnv workloadFiles() {
  pd::MemoryEnv env;
  auto engine = openOn(env);
  engine->durableStore()->setLogBudget(6000);
  for (const auto& step : pd::testing::storageWorkload()) {
    run(*engine, step.operation, step.body.dump());
    if (step.flush) flush(*engine);
  }
  putItem(*engine, "after-checkpoint", 1);
  flush(*engine);
  return env;
}

std::string only(pd::MemoryEnv& env, const std::string& prefix) {
  std::string found;
  for (const auto& [name, bytes] : env.files()) {
    if (name.rfind(prefix, 0) == 0) {
      REQUIRE(found.empty());
      found = name;
    }
  }
  REQUIRE(!found.empty());
  return found;
}

// The current log: the newest (older logs stay while their changes are needed).
std::string currentLog(pd::MemoryEnv& env) {
  std::string found;
  for (const auto& [name, bytes] : env.files()) {
    if (name.rfind("log-", 0) == 0) found = name;
  }
  REQUIRE(!found.empty());
  return found;
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const std::string& problem : problems) {
    if (problem.find(text) != std::string::npos) return true;
  }
  return false;
}

// A disk of `capacity` bytes: a write or append that does not fit stores what fits and throws.
class FullEnv : public pd::MemoryEnv {
 public:
  std::size_t capacity = 0;
  void write(const std::string& name, std::string_view bytes) override {
    std::size_t others = used() - (files().count(name) ? files()[name].size() : 0);
    if (others + bytes.size() > capacity) throw pd::StorageError("No space left on device");
    MemoryEnv::write(name, bytes);
  }
  void append(const std::string& name, std::string_view bytes) override {
    const std::size_t room = capacity - std::min(capacity, used());
    if (bytes.size() > room) {
      MemoryEnv::append(name, bytes.substr(0, room));
      throw pd::StorageError("No space left on device");
    }
    MemoryEnv::append(name, bytes);
  }
  std::size_t used() {
    std::size_t total = 0;
    for (const auto& [name, bytes] : files()) total += bytes.size();
    return total;
  }
};

}  // namespace

TEST_CASE("recovery: any damage to the catalog is rebuilt from its log, losing nothing",
          "[storage][recovery]") {
  const pd::MemoryEnv original = workloadFiles();
  pd::MemoryEnv copy = original;
  const std::string expected = dumpDatabase(*openOn(copy));
  const std::string catalog = only(copy, "catalog-");
  const std::size_t size = copy.files()[catalog].size();
  REQUIRE(size > 100);
  for (std::size_t at = 0; at <= size; at += 5) {
    pd::MemoryEnv damaged = original;
    if (at == size) {
      damaged.files().erase(catalog);  // the catalog deleted outright
    } else {
      damaged.files()[catalog][at] ^= 0x10;  // one flipped bit
    }
    const auto before = damaged.files();
    pd::StorageReport report;
    auto engine = openOn(damaged, &report);
    INFO("damage at " << at);
    CHECK(dumpDatabase(*engine) == expected);
    CHECK(mentions(report.problems, "rebuilt from the copy in log-"));
    CHECK(damaged.files() == before);  // open removed and wrote nothing
    // Opening again, still before any write, finds the same data: nothing was deleted.
    pd::MemoryEnv again = damaged;
    CHECK(dumpDatabase(*openOn(again)) == expected);
    // The next write checkpoints a sound catalog, and the problem stays kept until acknowledged.
    putItem(*engine, "after-repair", 2);
    flush(*engine);
    pd::StorageReport repaired;
    auto reopened = openOn(damaged, &repaired);
    CHECK(repaired.problems.empty());
    REQUIRE(repaired.unacknowledged.size() == 1);
    CHECK(repaired.unacknowledged[0].text.find(catalog) != std::string::npos);
    CHECK(dumpDatabase(*reopened).find("after-repair") != std::string::npos);
  }
}

TEST_CASE("recovery: a catalog that cannot be rebuilt refuses to open and changes no file",
          "[storage][recovery]") {
  pd::MemoryEnv damaged = workloadFiles();
  const std::string catalog = only(damaged, "catalog-");
  const std::string log = currentLog(damaged);
  damaged.files()[catalog][20] ^= 0x01;
  damaged.files()[log][20] ^= 0x01;  // inside the catalog copy the log starts with
  const auto before = damaged.files();
  auto engine = pd::testing::engineAt(kNow);
  try {
    engine->openStorage(damaged);
    FAIL("open succeeded");
  } catch (const pd::StorageError& error) {
    const std::string message = error.what();
    CHECK(message.find(catalog) != std::string::npos);
    CHECK(message.find("no file was changed") != std::string::npos);
  }
  CHECK(damaged.files() == before);
}

TEST_CASE("recovery: a version 1 database whose catalog is gone is refused, not emptied",
          "[storage][recovery]") {
  namespace fs = std::filesystem;
  pd::MemoryEnv env;
  for (const auto& entry : fs::directory_iterator(fs::path(PD_GOLDEN_DIR) / "storage-v1")) {
    const std::string name = entry.path().filename().string();
    if (name.find(".json") != std::string::npos || name.rfind("catalog-", 0) == 0) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    env.files()[name] = bytes.str();
  }
  const auto before = env.files();
  auto engine = pd::testing::engineAt(kNow);
  CHECK_THROWS_AS(engine->openStorage(env), pd::StorageError);
  CHECK(env.files() == before);
}

TEST_CASE("recovery: a checkpoint that never wrote its catalog is discarded for the one before",
          "[storage][recovery]") {
  pd::MemoryEnv env = workloadFiles();
  pd::MemoryEnv copy = env;
  const std::string expected = dumpDatabase(*openOn(copy));
  // A checkpoint cut short after its first partition file: the older catalog is still whole.
  env.files()["part-aaaaaaaa-00-9999999999"] = "PDPARTIT";
  env.files()["log-9999999999"] = "";
  pd::StorageReport report;
  auto engine = openOn(env, &report);
  CHECK(report.problems.empty());
  CHECK(dumpDatabase(*engine) == expected);
  CHECK(env.files().count("part-aaaaaaaa-00-9999999999") == 0);
  CHECK(env.files().count("log-9999999999") == 0);
}

TEST_CASE("recovery: damage in the middle of the log costs only the commits there",
          "[storage][recovery]") {
  pd::MemoryEnv env;
  {
    auto engine = openOn(env);
    engine->durableStore()->setLogBudget(1u << 30);  // everything stays in the log
    for (const auto& step : pd::testing::storageWorkload()) {
      run(*engine, step.operation, step.body.dump());
      if (step.flush) flush(*engine);
    }
    for (int n = 0; n < 20; ++n) {
      putItem(*engine, "late-" + std::to_string(n), n);
      flush(*engine);
    }
  }
  const std::string log = currentLog(env);
  std::string& bytes = env.files()[log];
  bytes[bytes.size() - 1500] ^= 0x40;  // inside a commit a few before the last (each ~390 bytes)
  pd::StorageReport report;
  auto engine = openOn(env, &report);
  // The damaged bytes, and the commit numbers that went missing with them.
  REQUIRE(report.problems.size() == 2);
  INFO(report.problems[0] << " | " << report.problems[1]);
  CHECK(report.problems[0].find("are missing; their changes are lost") != std::string::npos);
  CHECK(report.problems[1].find("damaged bytes") != std::string::npos);
  const std::string dump = dumpDatabase(*engine);
  CHECK(dump.find("late-19") != std::string::npos);     // the commit after the damage applied
  CHECK(dump.find("\"late-0\"") != std::string::npos);  // and those before it
}

TEST_CASE("recovery: problems stay with the database until acknowledged", "[storage][recovery]") {
  pd::MemoryEnv env = workloadFiles();
  const std::string log = currentLog(env);
  env.files()[log].resize(env.files()[log].size() - 3);  // a torn tail
  pd::StorageReport first;
  auto engine = openOn(env, &first);
  REQUIRE(first.problems.size() == 1);
  REQUIRE(first.unacknowledged.size() == 1);
  CHECK(first.unacknowledged[0].at == kNow);
  putItem(*engine, "next", 1);
  flush(*engine);
  engine.reset();

  pd::StorageReport second;
  engine = openOn(env, &second);
  CHECK(second.problems.empty());  // the tail is gone from the files
  REQUIRE(second.unacknowledged.size() == 1);
  CHECK(second.unacknowledged[0].text == first.problems[0]);
  engine->acknowledgeRecoveryProblems();
  flush(*engine);
  engine.reset();

  pd::StorageReport third;
  openOn(env, &third);
  CHECK(third.unacknowledged.empty());
}

TEST_CASE("recovery: a full disk keeps the database readable, and writes work once space is freed",
          "[storage][recovery]") {
  FullEnv env;
  env.capacity = 1u << 30;
  {
    auto engine = openOn(env);
    for (const auto& step : pd::testing::storageWorkload()) {
      run(*engine, step.operation, step.body.dump());
      if (step.flush) flush(*engine);
    }
    flush(*engine);
  }
  const std::string stored = dumpDatabase(*openOn(env));
  env.capacity = env.used() + 100;  // the disk fills up
  {
    auto engine = openOn(env);
    for (int n = 0; n < 50; ++n) putItem(*engine, "big-" + std::to_string(n), n);
    CHECK_FALSE(engine->flush().ok);
  }
  // Reopening on the full disk works and writes nothing (it used to checkpoint first).
  pd::StorageReport report;
  auto readOnly = openOn(env, &report);
  CHECK(dumpDatabase(*readOnly) == stored);
  putItem(*readOnly, "one-more", 1);
  CHECK_FALSE(readOnly->flush().ok);  // still full: the write fails
  readOnly.reset();

  env.capacity = 1u << 30;  // space freed
  auto engine = openOn(env);
  CHECK(dumpDatabase(*engine) == stored);
  putItem(*engine, "after-space", 1);
  flush(*engine);
  CHECK(dumpDatabase(*openOn(env)).find("after-space") != std::string::npos);
}
