// A memory budget: once the tables hold more item bytes than it, trimMemory() unloads the
// partitions touched least recently, and each loads again on its next touch with exactly what
// it held: its file and deltas, the deltas written while it was unloaded, and the logs' changes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <set>

#include "storage/memory_env.h"
#include "storage_helpers.h"

namespace {

using nlohmann::json;
using pd::Engine;
using pd::testing::dumpDatabase;
using pd::testing::flush;
using pd::testing::openOn;
using pd::testing::ReadCountingEnv;
using pd::testing::run;

constexpr int kItems = 600;

std::string key(int n) {
  return "k" + std::to_string(n);
}

json itemJson(int n, int version) {
  return {{"pk", {{"S", key(n)}}},
          {"g", {{"S", "group" + std::to_string(n % 5)}}},
          {"v", {{"N", std::to_string(version)}}},
          {"pad", {{"S", std::string(40, 'x')}}}};
}

void put(Engine& engine, int n, int version) {
  run(engine, "PutItem", json{{"TableName", "held"}, {"Item", itemJson(n, version)}}.dump());
}

void erase(Engine& engine, int n) {
  run(engine, "DeleteItem", json{{"TableName", "held"}, {"Key", {{"pk", {{"S", key(n)}}}}}}.dump());
}

json getItem(Engine& engine, int n) {
  return json::parse(run(engine, "GetItem",
                         json{{"TableName", "held"}, {"Key", {{"pk", {{"S", key(n)}}}}}}.dump()));
}

json describe(Engine& engine) {
  json table = json::parse(run(engine, "DescribeTable", R"({"TableName":"held"})"))["Table"];
  return {table["ItemCount"], table["TableSizeBytes"],
          table["GlobalSecondaryIndexes"][0]["ItemCount"]};
}

// A table with a global index, its items in partition files (a first flush checkpoints).
void storeTable(pd::Env& env) {
  auto engine = openOn(env);
  run(*engine, "CreateTable",
      json{{"TableName", "held"},
           {"AttributeDefinitions",
            {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
             {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
           {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
           {"GlobalSecondaryIndexes",
            {{{"IndexName", "byGroup"},
              {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
              {"Projection", {{"ProjectionType", "ALL"}}}}}},
           {"BillingMode", "PAY_PER_REQUEST"}}
          .dump());
  for (int n = 0; n < kItems; ++n) put(*engine, n, 1);
  flush(*engine);
}

constexpr std::uint64_t kBudget = 4000;  // item bytes: a few partitions of this table

}  // namespace

TEST_CASE("memory budget: reads keep the tables within it, and every item reads back",
          "[storage][budget]") {
  ReadCountingEnv env;
  storeTable(env);
  auto engine = openOn(env);
  pd::DurableStore& store = *engine->durableStore();
  const json described = describe(*engine);
  engine->setMemoryBudget(kBudget);
  std::size_t unloaded = 0;
  for (int round = 0; round < 2; ++round) {
    for (int n = 0; n < kItems; ++n) {
      CHECK(getItem(*engine, n)["Item"] == itemJson(n, 1));
      unloaded += engine->trimMemory();
      // Within the budget, or one partition over it: the one just read is never unloaded first.
      CHECK(store.loadedBytes() <= kBudget + 1000);
    }
  }
  CHECK(unloaded > 100);
  // Files were read again after their partitions were unloaded.
  CHECK(env.partitionReads.size() >
        std::set<std::string>(env.partitionReads.begin(), env.partitionReads.end()).size());
  // DescribeTable counts the unloaded partitions as they were, reading nothing.
  env.partitionReads.clear();
  CHECK(describe(*engine) == described);
  CHECK(env.partitionReads.empty());
}

TEST_CASE("memory budget: the partitions touched least recently go first; unflushed ones stay",
          "[storage][budget]") {
  ReadCountingEnv env;
  storeTable(env);
  auto engine = openOn(env);
  engine->setMemoryBudget(kBudget);
  for (int n = 0; n < kItems; ++n) getItem(*engine, n);
  put(*engine, 1, 2);   // not flushed: in memory only, so its partition stays
  getItem(*engine, 3);  // touched last
  CHECK(engine->trimMemory() > 0);
  env.partitionReads.clear();
  CHECK(getItem(*engine, 3)["Item"] == itemJson(3, 1));
  CHECK(getItem(*engine, 1)["Item"] == itemJson(1, 2));
  CHECK(env.partitionReads.empty());
  for (int n = 0; n < kItems; ++n) getItem(*engine, n);
  CHECK(!env.partitionReads.empty());  // the others were unloaded
  flush(*engine);
  auto reopened = openOn(env);
  CHECK(getItem(*reopened, 1)["Item"] == itemJson(1, 2));
}

TEST_CASE("memory budget: a table read whole stays loaded", "[storage][budget]") {
  ReadCountingEnv env;
  storeTable(env);
  auto engine = openOn(env);
  engine->setMemoryBudget(kBudget);
  const json scanned = json::parse(run(*engine, "Scan", R"({"TableName":"held"})"));
  CHECK(scanned["Count"] == kItems);
  CHECK(engine->trimMemory() == 0);
  CHECK(engine->durableStore()->loadedBytes() > kBudget);
}

TEST_CASE("memory budget: an index read loads the unloaded partitions back", "[storage][budget]") {
  pd::MemoryEnv env;
  storeTable(env);
  auto engine = openOn(env);
  engine->setMemoryBudget(kBudget);
  for (int n = 0; n < kItems; ++n) getItem(*engine, n);
  REQUIRE(engine->trimMemory() > 0);
  const json group = json::parse(run(*engine, "Query",
                                     R"({"TableName":"held","IndexName":"byGroup",
                                         "KeyConditionExpression":"g = :g",
                                         "ExpressionAttributeValues":{":g":{"S":"group2"}}})"));
  CHECK(group["Count"] == kItems / 5);
}

TEST_CASE("memory budget: a partition file found damaged when it loads again is reported by name",
          "[storage][budget]") {
  ReadCountingEnv env;
  storeTable(env);
  auto engine = openOn(env);
  engine->setMemoryBudget(1);  // everything that can go, goes
  env.partitionReads.clear();
  getItem(*engine, 5);
  REQUIRE(env.partitionReads.size() == 1);
  const std::string file = *env.partitionReads.begin();
  getItem(*engine, 6);
  getItem(*engine, 7);
  engine->trimMemory();
  std::string& bytes = env.files()[file];
  bytes[bytes.size() / 2] ^= 0x5A;
  getItem(*engine, 5);  // answers, from what survived
  REQUIRE(engine->problemsSinceOpen().size() == 1);
  CHECK(engine->problemsSinceOpen()[0].rfind(file + " is damaged", 0) == 0);
  // A read that fails leaves the partition unloaded: the next touch loads it.
  engine->trimMemory();
  env.failReading = file;
  const pd::Response failed = engine->execute(
      "GetItem", json{{"TableName", "held"}, {"Key", {{"pk", {{"S", key(5)}}}}}}.dump());
  CHECK(!failed.ok);
  getItem(*engine, 5);
  CHECK(engine->problemsSinceOpen().size() == 1);
}

TEST_CASE(
    "memory budget: writes, checkpoint steps, deltas and reopens keep what a memory engine holds",
    "[storage][budget]") {
  const unsigned seed = GENERATE(20261206u, 7u, 99u, 12345u);
  std::mt19937 random(seed);
  pd::MemoryEnv env;
  storeTable(env);
  auto model = openOn(env);  // never flushed: all in memory from here on
  model->durableStore()->loadAll();
  auto engine = openOn(env);
  const auto tune = [&](Engine& target) {
    target.setMemoryBudget(kBudget);
    // Small logs and steps: most flushes take a step, moving changes to deltas, also of
    // partitions unloaded meanwhile.
    target.durableStore()->setLogBudget(3000);
    target.durableStore()->setStepBudget(1500);
  };
  tune(*engine);
  std::size_t unloaded = 0;
  for (int round = 0; round < 60; ++round) {
    for (int op = 0; op < 25; ++op) {
      const int n = static_cast<int>(random() % (kItems + 50));
      const int what = static_cast<int>(random() % 5);
      for (Engine* target : {model.get(), engine.get()}) {
        if (what == 0) erase(*target, n);
        if (what == 1) put(*target, n, round * 100 + op);
      }
      if (what >= 2) CHECK(getItem(*engine, n) == getItem(*model, n));
      if (random() % 4 == 0) unloaded += engine->trimMemory();
    }
    flush(*engine);
    unloaded += engine->trimMemory();
    if (random() % 8 == 0) {
      engine = openOn(env);
      tune(*engine);
    }
  }
  CHECK(unloaded > 100);
  CHECK(dumpDatabase(*engine) == dumpDatabase(*model));
  auto reopened = openOn(env);
  CHECK(dumpDatabase(*reopened) == dumpDatabase(*model));
}

TEST_CASE("memory budget: a trim keeps what a waiting request named, in a table new this session",
          "[storage][budget]") {
  pd::MemoryEnv env;
  storeTable(env);
  auto engine = openOn(env);
  engine->setMemoryBudget(1);
  run(*engine, "CreateTable",
      json{{"TableName", "fresh"},
           {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
           {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
           {"BillingMode", "PAY_PER_REQUEST"}}
          .dump());
  for (int n = 0; n < 50; ++n) {
    run(*engine, "PutItem", json{{"TableName", "fresh"}, {"Item", itemJson(n, 1)}}.dump());
  }
  engine->durableStore()->setLogBudget(0);  // the flush checkpoints: the new table gets files
  flush(*engine);
  const std::string getFresh =
      json{{"TableName", "fresh"}, {"Key", {{"pk", {{"S", key(7)}}}}}}.dump();
  const std::string getHeld =
      json{{"TableName", "held"}, {"Key", {{"pk", {{"S", key(7)}}}}}}.dump();
  getItem(*engine, 3);  // touches count from here
  // A request waits for its files: what it names (and what was touched since) stays.
  const std::uint64_t fence = engine->touchCount();
  REQUIRE(fence > 0);
  REQUIRE(engine->filesNeeded("GetItem", getFresh).empty());  // in memory since it was written
  REQUIRE(!engine->filesNeeded("GetItem", getHeld).empty());  // in storage since open
  engine->trimMemory(fence);
  CHECK(engine->filesNeeded("GetItem", getFresh).empty());
  // Once no request waits, it can go like any other.
  engine->trimMemory();
  CHECK(!engine->filesNeeded("GetItem", getFresh).empty());
  CHECK(getItem(*engine, 7)["Item"] == itemJson(7, 1));
}
