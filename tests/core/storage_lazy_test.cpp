// Partitions load on first touch: open reads the catalog and the log, not the partition files;
// a GetItem, a write or a Query reads its key's partition, a Scan, an index read or DescribeTable
// all of them. The log's changes to a partition not loaded yet wait for it, a partition file
// found damaged when first touched is reported by name and kept with the database, and a read
// that fails leaves the partition to load again.
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

constexpr int kItems = 400;

std::string key(int n) {
  return "k" + std::to_string(n);
}

json itemJson(int n, int version) {
  return {{"pk", {{"S", key(n)}}},
          {"g", {{"S", "group" + std::to_string(n % 7)}}},
          {"v", {{"N", std::to_string(version)}}}};
}

void put(Engine& engine, int n, int version) {
  run(engine, "PutItem", json{{"TableName", "lazy"}, {"Item", itemJson(n, version)}}.dump());
}

json getItem(Engine& engine, int n) {
  return json::parse(run(engine, "GetItem",
                         json{{"TableName", "lazy"}, {"Key", {{"pk", {{"S", key(n)}}}}}}.dump()));
}

// A table with a global index, its items in partition files: a database's first flush writes a
// checkpoint.
void storeTable(pd::Env& env) {
  auto engine = openOn(env);
  run(*engine, "CreateTable",
      json{{"TableName", "lazy"},
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
  REQUIRE(engine->durableStore()->generation() == 1);
}

std::set<std::string> partitionFiles(pd::MemoryEnv& env) {
  std::set<std::string> names;
  for (const auto& [name, bytes] : env.files()) {
    if (name.rfind("part-", 0) == 0) names.insert(name);
  }
  return names;
}

// The partition file that holds key n: the one file a GetItem of it reads, just after open.
std::string partitionFileOf(ReadCountingEnv& env, int n) {
  env.partitionReads.clear();
  auto engine = openOn(env);
  getItem(*engine, n);
  REQUIRE(env.partitionReads.size() == 1);
  return *env.partitionReads.begin();
}

std::size_t distinct(const std::multiset<std::string>& reads) {
  return std::set<std::string>(reads.begin(), reads.end()).size();
}

}  // namespace

TEST_CASE("lazy: open reads no partition file; a key's first touch reads its partition once",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  const std::size_t files = partitionFiles(env).size();
  REQUIRE(files > 8);  // FNV-1a's top bits leave some of the 16 empty for these keys
  pd::StorageReport report;
  auto engine = openOn(env, &report);
  CHECK(env.partitionReads.empty());
  CHECK(report.items == 0);
  CHECK(report.problems.empty());

  CHECK(getItem(*engine, 7)["Item"] == itemJson(7, 1));
  CHECK(env.partitionReads.size() == 1);
  getItem(*engine, 7);
  put(*engine, 7, 2);  // the same key: its partition is loaded already
  CHECK(env.partitionReads.size() == 1);

  // A Query reads its one partition.
  const json query = json::parse(run(*engine, "Query",
                                     json{{"TableName", "lazy"},
                                          {"KeyConditionExpression", "pk = :k"},
                                          {"ExpressionAttributeValues", {{":k", {{"S", key(8)}}}}}}
                                         .dump()));
  CHECK(query["Count"] == 1);
  CHECK(env.partitionReads.size() <= 2);

  // A Scan reads every partition, each once.
  const json scan = json::parse(run(*engine, "Scan", json{{"TableName", "lazy"}}.dump()));
  CHECK(scan["Count"] == kItems);
  CHECK(env.partitionReads.size() == files);
  CHECK(distinct(env.partitionReads) == files);
}

TEST_CASE("lazy: an index read and DescribeTable see every partition, after writes to one",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  const std::size_t files = partitionFiles(env).size();
  auto engine = openOn(env);
  put(*engine, kItems, 1);  // a new item: one partition loaded, the index gets its entry
  put(*engine, 3, 5);       // and one replaced
  REQUIRE(distinct(env.partitionReads) <= 2);
  const json byGroup =
      json::parse(run(*engine, "Query",
                      json{{"TableName", "lazy"},
                           {"IndexName", "byGroup"},
                           {"KeyConditionExpression", "g = :g"},
                           {"ExpressionAttributeValues", {{":g", {{"S", "group3"}}}}}}
                          .dump()));
  int expected = 0;
  for (int n = 0; n <= kItems; ++n) expected += n % 7 == 3;
  CHECK(byGroup["Count"] == expected);
  CHECK(distinct(env.partitionReads) == files);
  const json described =
      json::parse(run(*engine, "DescribeTable", json{{"TableName", "lazy"}}.dump()));
  CHECK(described["Table"]["ItemCount"] == kItems + 1);
  CHECK(described["Table"]["GlobalSecondaryIndexes"][0]["ItemCount"] == kItems + 1);
  CHECK(env.partitionReads.size() == files);
}

TEST_CASE("lazy: the log's changes to partitions not loaded apply when they load",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  std::string expected;
  {
    auto engine = openOn(env);
    for (int n = 0; n < kItems; n += 3) put(*engine, n, 2);
    for (int n = 1; n < kItems; n += 5) {
      run(*engine, "DeleteItem",
          json{{"TableName", "lazy"}, {"Key", {{"pk", {{"S", key(n)}}}}}}.dump());
    }
    flush(*engine);
    REQUIRE(engine->durableStore()->generation() == 1);  // in the log, not a checkpoint
    expected = dumpDatabase(*engine);
  }
  {  // replayed, nothing loaded: a key's first touch sees the logged change
    env.partitionReads.clear();
    auto engine = openOn(env);
    CHECK(env.partitionReads.empty());
    CHECK(getItem(*engine, 3)["Item"] == itemJson(3, 2));
    CHECK(!getItem(*engine, 1).contains("Item"));  // deleted
    CHECK(dumpDatabase(*engine) == expected);
  }
  {  // a checkpoint right after open rewrites the logged partitions with their changes
    auto engine = openOn(env);
    engine->durableStore()->setLogBudget(0);
    put(*engine, 0, 3);
    flush(*engine);
    REQUIRE(engine->durableStore()->generation() == 2);
  }
  auto engine = openOn(env);
  CHECK(getItem(*engine, 0)["Item"] == itemJson(0, 3));
  CHECK(getItem(*engine, 3)["Item"] == itemJson(3, 2));
  const std::string after = dumpDatabase(*engine);
  put(*engine, 0, 2);  // back to what `expected` holds
  CHECK(dumpDatabase(*engine) == expected);
  CHECK(after != expected);
}

TEST_CASE("lazy: a partition file found damaged on first touch is reported by name and kept",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  // The partition of key 5, damaged in its middle.
  const std::string victim = partitionFileOf(env, 5);
  std::string& bytes = env.files()[victim];
  bytes[bytes.size() / 2] ^= 0x5A;

  pd::StorageReport report;
  auto engine = openOn(env, &report);
  CHECK(report.problems.empty());  // not read yet
  CHECK(engine->problemsSinceOpen().empty());
  getItem(*engine, 5);  // answers, from what survived
  REQUIRE(engine->problemsSinceOpen().size() == 1);
  const std::string problem = engine->problemsSinceOpen()[0];
  INFO(problem);
  CHECK(problem.rfind(victim + " is damaged", 0) == 0);
  CHECK(problem.find("of its items are lost") != std::string::npos);
  REQUIRE(engine->recoveryProblems().size() == 1);
  CHECK(engine->recoveryProblems()[0].text == problem);
  getItem(*engine, 5);  // reported once
  CHECK(engine->problemsSinceOpen().size() == 1);

  // Kept with the database until acknowledged, like what open finds.
  put(*engine, kItems, 1);
  flush(*engine);
  pd::StorageReport again;
  auto reopened = openOn(env, &again);
  REQUIRE(again.unacknowledged.size() == 1);
  CHECK(again.unacknowledged[0].text == problem);
  reopened->acknowledgeRecoveryProblems();
  CHECK(reopened->recoveryProblems().empty());
}

TEST_CASE("lazy: a partition whose read fails stays unloaded and loads on the next touch",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  const std::string first = partitionFileOf(env, 11);
  auto engine = openOn(env);
  env.failReading = first;
  const pd::Response failed = engine->execute(
      "GetItem", json{{"TableName", "lazy"}, {"Key", {{"pk", {{"S", key(11)}}}}}}.dump());
  CHECK(!failed.ok);
  CHECK(failed.body.find(first) != std::string::npos);
  CHECK(getItem(*engine, 11)["Item"] == itemJson(11, 1));
  CHECK(engine->problemsSinceOpen().empty());
}

TEST_CASE("lazy: writes, reopens and checkpoints in any order keep what a memory engine holds",
          "[storage][lazy]") {
  std::mt19937 random(20261205);
  pd::MemoryEnv env;
  storeTable(env);
  // The same items, all in memory from here on: it is never flushed, so it writes nothing.
  auto model = openOn(env);
  model->durableStore()->loadAll();
  auto engine = openOn(env);
  for (int round = 0; round < 30; ++round) {
    for (int op = 0; op < 20; ++op) {
      const int n = static_cast<int>(random() % (kItems + 50));
      const int what = static_cast<int>(random() % 4);
      for (Engine* target : {model.get(), engine.get()}) {
        if (what == 0) {
          run(*target, "DeleteItem",
              json{{"TableName", "lazy"}, {"Key", {{"pk", {{"S", key(n)}}}}}}.dump());
        } else if (what == 1) {
          put(*target, n, round * 100 + op);
        }
      }
      if (what >= 2) CHECK(getItem(*engine, n) == getItem(*model, n));
    }
    if (random() % 3 == 0) engine->durableStore()->setLogBudget(0);  // the flush checkpoints
    flush(*engine);
    if (random() % 2 == 0) engine = openOn(env);
  }
  CHECK(dumpDatabase(*engine) == dumpDatabase(*model));
}

TEST_CASE("lazy: DescribeTable counts the partitions not loaded from the catalog, reading none",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  auto engine = openOn(env);
  CHECK(engine->filesNeeded("DescribeTable", json{{"TableName", "lazy"}}.dump()).empty());
  const json before =
      json::parse(run(*engine, "DescribeTable", json{{"TableName", "lazy"}}.dump()))["Table"];
  CHECK(env.partitionReads.empty());
  CHECK(before["ItemCount"] == kItems);
  CHECK(before["GlobalSecondaryIndexes"][0]["ItemCount"] == kItems);
  // Loaded, the same figures.
  run(*engine, "Scan", json{{"TableName", "lazy"}}.dump());
  CHECK(!env.partitionReads.empty());
  const json after =
      json::parse(run(*engine, "DescribeTable", json{{"TableName", "lazy"}}.dump()))["Table"];
  CHECK(after["ItemCount"] == kItems);
  CHECK(after["TableSizeBytes"] == before["TableSizeBytes"]);
  CHECK(after["GlobalSecondaryIndexes"][0]["IndexSizeBytes"] ==
        before["GlobalSecondaryIndexes"][0]["IndexSizeBytes"]);
}

TEST_CASE("lazy: open applies none of the log's changes to a partition not loaded",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  {
    auto engine = openOn(env);
    put(*engine, 3, 2);
    put(*engine, 3, 3);
    flush(*engine);  // appended to the log: no checkpoint
  }
  auto engine = openOn(env);
  CHECK(engine->durableStore()->logEntriesApplied() == 0);
  CHECK(getItem(*engine, 3)["Item"]["v"]["N"] == "3");
  CHECK(engine->durableStore()->logEntriesApplied() == 2);
}

TEST_CASE("lazy: a BatchWriteItem whose partition cannot be read applies none of its writes",
          "[storage][lazy]") {
  ReadCountingEnv env;
  storeTable(env);
  const std::string fileOf22 = partitionFileOf(env, 22);
  REQUIRE(partitionFileOf(env, 11) != fileOf22);  // 11 and 22 are in different partitions
  auto engine = openOn(env);
  getItem(*engine, 11);  // its partition is in memory; 22's is not
  env.failReading = fileOf22;
  const pd::Response failed =
      engine->execute("BatchWriteItem", json{{"RequestItems",
                                              {{"lazy",
                                                {{{"PutRequest", {{"Item", itemJson(11, 2)}}}},
                                                 {{"PutRequest", {{"Item", itemJson(22, 2)}}}}}}}}}
                                            .dump());
  CHECK(!failed.ok);
  CHECK(getItem(*engine, 11)["Item"] == itemJson(11, 1));
  CHECK(getItem(*engine, 22)["Item"] == itemJson(22, 1));
  flush(*engine);
  auto reopened = openOn(env);
  CHECK(getItem(*reopened, 11)["Item"] == itemJson(11, 1));
}
