// Properties of Query and Scan that case files cannot state because they hold for any
// partition hash: parallel scan segments tile the table, and paging (with writes and deletes
// between pages) never skips or repeats an item.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "api/engine.h"
#include "engine_calls.h"

namespace {

using nlohmann::json;

using pd::testing::call;

void createTable(pd::Engine& engine, bool withRange) {
  json request = {{"TableName", "tbl"},
                  {"AttributeDefinitions", {{{"AttributeName", "h"}, {"AttributeType", "S"}}}},
                  {"KeySchema", {{{"AttributeName", "h"}, {"KeyType", "HASH"}}}},
                  {"BillingMode", "PAY_PER_REQUEST"}};
  if (withRange) {
    request["AttributeDefinitions"].push_back({{"AttributeName", "r"}, {"AttributeType", "N"}});
    request["KeySchema"].push_back({{"AttributeName", "r"}, {"KeyType", "RANGE"}});
  }
  call(engine, "CreateTable", request);
}

void putItem(pd::Engine& engine, const std::string& hash, int range = -1) {
  json item = {{"h", {{"S", hash}}}};
  if (range >= 0) item["r"] = {{"N", std::to_string(range)}};
  call(engine, "PutItem", {{"TableName", "tbl"}, {"Item", item}});
}

// Every page of a scan (or one segment of it), following LastEvaluatedKey.
std::vector<std::string> scanAll(pd::Engine& engine, json request) {
  std::vector<std::string> keys;
  while (true) {
    const json page = call(engine, "Scan", request);
    for (const auto& item : page["Items"]) keys.push_back(item["h"]["S"].get<std::string>());
    if (!page.contains("LastEvaluatedKey")) return keys;
    request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
  }
}

}  // namespace

TEST_CASE("parallel scan segments return every item exactly once", "[query_scan]") {
  pd::Engine engine;
  createTable(engine, false);
  std::set<std::string> all;
  for (int i = 0; i < 300; ++i) {
    putItem(engine, "item" + std::to_string(i));
    all.insert("item" + std::to_string(i));
  }
  for (int total : {1, 2, 3, 7, 16, 1000}) {
    std::multiset<std::string> seen;
    for (int segment = 0; segment < total; ++segment) {
      const json request = {
          {"TableName", "tbl"}, {"Segment", segment}, {"TotalSegments", total}, {"Limit", 7}};
      for (const auto& key : scanAll(engine, request)) seen.insert(key);
    }
    INFO("TotalSegments " << total);
    CHECK(seen.size() == all.size());
    CHECK(std::set<std::string>(seen.begin(), seen.end()) == all);
  }
}

TEST_CASE("scan pages never skip or repeat an item across writes and deletes", "[query_scan]") {
  pd::Engine engine;
  createTable(engine, false);
  std::mt19937 random(42);
  std::set<std::string> live;
  for (int i = 0; i < 200; ++i) {
    putItem(engine, "k" + std::to_string(i));
    live.insert("k" + std::to_string(i));
  }
  const std::set<std::string> stable = [&] {
    std::set<std::string> out;
    for (int i = 0; i < 200; i += 2) out.insert("k" + std::to_string(i));
    return out;
  }();
  json request = {{"TableName", "tbl"}, {"Limit", 9}};
  std::multiset<std::string> seen;
  int next = 200;
  while (true) {
    const json page = call(engine, "Scan", request);
    for (const auto& item : page["Items"]) seen.insert(item["h"]["S"].get<std::string>());
    // Between pages: delete some odd items, add new ones; even items are never touched.
    const std::string victim = "k" + std::to_string(2 * (random() % 100) + 1);
    call(engine, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"h", {{"S", victim}}}}}});
    putItem(engine, "n" + std::to_string(next++));
    if (!page.contains("LastEvaluatedKey")) break;
    request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
  }
  for (const auto& key : seen) CHECK(seen.count(key) == 1);
  for (const auto& key : stable) CHECK(seen.count(key) == 1);
}

TEST_CASE("query pages read a partition once in each direction", "[query_scan]") {
  pd::Engine engine;
  createTable(engine, true);
  for (int r = 0; r < 50; ++r) {
    putItem(engine, "p", r * 3);
    putItem(engine, "other", r);
  }
  for (bool forward : {true, false}) {
    json request = {{"TableName", "tbl"},
                    {"KeyConditionExpression", "h = :h AND r BETWEEN :lo AND :hi"},
                    {"ExpressionAttributeValues",
                     {{":h", {{"S", "p"}}}, {":lo", {{"N", "10"}}}, {":hi", {{"N", "100"}}}}},
                    {"ScanIndexForward", forward},
                    {"Limit", 4}};
    std::vector<int> seen;
    while (true) {
      const json page = call(engine, "Query", request);
      for (const auto& item : page["Items"]) {
        seen.push_back(std::stoi(item["r"]["N"].get<std::string>()));
      }
      if (!page.contains("LastEvaluatedKey")) break;
      request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
    }
    std::vector<int> expected;
    for (int r = 12; r <= 99; r += 3) expected.push_back(r);
    if (!forward) std::reverse(expected.begin(), expected.end());
    CHECK(seen == expected);
  }
}
