// Global secondary indexes with multi-attribute keys (up to four partition-key and four sort-key
// attributes): their entries follow every write, paging visits each entry once, and the catalog
// keeps their key schema across a reopen. The request-level rules are in the case files
// (tests/cases/indexes/multi_key_gsi_*.json).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "api/engine.h"
#include "engine_calls.h"
#include "storage/memory_env.h"
#include "storage_helpers.h"
#include "store/index.h"
#include "store/primary_key.h"

namespace {

using nlohmann::json;

using pd::testing::call;

json keyElement(const char* name, const char* type) {
  return {{"AttributeName", name}, {"KeyType", type}};
}

// Table "t" (key id), GSI "g": partition key (a S, b N), sort key (c S, d N).
json createRequest() {
  json definitions = json::array();
  for (const auto& [name, type] :
       {std::pair{"id", "S"}, {"a", "S"}, {"b", "N"}, {"c", "S"}, std::pair{"d", "N"}}) {
    definitions.push_back({{"AttributeName", name}, {"AttributeType", type}});
  }
  return {{"TableName", "tbl"},
          {"AttributeDefinitions", definitions},
          {"KeySchema", {keyElement("id", "HASH")}},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"GlobalSecondaryIndexes",
           {{{"IndexName", "gsi"},
             {"KeySchema",
              {keyElement("a", "HASH"), keyElement("b", "HASH"), keyElement("c", "RANGE"),
               keyElement("d", "RANGE")}},
             {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}};
}

json item(const std::string& id, const std::string& a, int b, const std::string& c, int d) {
  return {{"id", {{"S", id}}},
          {"a", {{"S", a}}},
          {"b", {{"N", std::to_string(b)}}},
          {"c", {{"S", c}}},
          {"d", {{"N", std::to_string(d)}}},
          {"other", {{"S", "x"}}}};
}

void put(pd::Engine& engine, const json& it) {
  call(engine, "PutItem", {{"TableName", "tbl"}, {"Item", it}});
}

// The ids a query of partition (a, b) returns, following LastEvaluatedKey with pages of `limit`.
std::vector<std::string> queryIds(pd::Engine& engine, const std::string& a, int b,
                                  const std::string& sortCondition = "", json values = {},
                                  int limit = 0) {
  json request = {{"TableName", "tbl"},
                  {"IndexName", "gsi"},
                  {"KeyConditionExpression", "a = :a AND b = :b" + sortCondition}};
  values[":a"] = {{"S", a}};
  values[":b"] = {{"N", std::to_string(b)}};
  request["ExpressionAttributeValues"] = values;
  if (limit > 0) request["Limit"] = limit;
  std::vector<std::string> ids;
  while (true) {
    const json page = call(engine, "Query", request);
    for (const auto& entry : page["Items"]) {
      CHECK_FALSE(entry.contains("other"));  // KEYS_ONLY: the table's and the index's keys
      CHECK(entry.size() == 5);
      ids.push_back(entry["id"]["S"].get<std::string>());
    }
    if (!page.contains("LastEvaluatedKey")) return ids;
    CHECK(page["LastEvaluatedKey"].size() == 5);
    request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
  }
}

std::int64_t indexItemCount(pd::Engine& engine) {
  const json table = call(engine, "DescribeTable", {{"TableName", "tbl"}})["Table"];
  return table["GlobalSecondaryIndexes"][0]["ItemCount"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("multi-attribute GSI: the partition part of one attribute is the table's order key",
          "[index]") {
  using pd::AttributeValue;
  const AttributeValue ab = AttributeValue::string("ab"), c = AttributeValue::string("c");
  const AttributeValue a = AttributeValue::string("a"), bc = AttributeValue::string("bc");
  CHECK(pd::indexPartitionKey({&ab}) == pd::orderKey(ab, nullptr));
  // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
  CHECK(pd::indexPartitionKey({&ab, &c}) != pd::indexPartitionKey({&a, &bc}));
}

TEST_CASE("multi-attribute GSI: entries follow puts, updates and deletes", "[index]") {
  pd::Engine engine;
  call(engine, "CreateTable", createRequest());
  put(engine, item("1", "x", 1, "m", 2));
  put(engine, item("2", "x", 1, "m", 1));
  put(engine, item("3", "x", 1, "a", 9));
  put(engine, item("4", "x", 2, "a", 9));  // another partition: b differs
  json partial = item("5", "x", 1, "m", 0);
  partial.erase("d");  // without one key attribute: not in the index
  put(engine, partial);
  CHECK(queryIds(engine, "x", 1) == std::vector<std::string>{"3", "2", "1"});
  CHECK(queryIds(engine, "x", 2) == std::vector<std::string>{"4"});
  CHECK(indexItemCount(engine) == 4);

  // The missing attribute added: the item enters the index; a sort attribute changed: it moves.
  call(engine, "UpdateItem",
       {{"TableName", "tbl"},
        {"Key", {{"id", {{"S", "5"}}}}},
        {"UpdateExpression", "SET d = :d"},
        {"ExpressionAttributeValues", {{":d", {{"N", "5"}}}}}});
  call(engine, "UpdateItem",
       {{"TableName", "tbl"},
        {"Key", {{"id", {{"S", "3"}}}}},
        {"UpdateExpression", "SET c = :c"},
        {"ExpressionAttributeValues", {{":c", {{"S", "z"}}}}}});
  CHECK(queryIds(engine, "x", 1) == std::vector<std::string>{"2", "1", "5", "3"});
  // A partition attribute changed: the entry leaves the partition.
  call(engine, "UpdateItem",
       {{"TableName", "tbl"},
        {"Key", {{"id", {{"S", "1"}}}}},
        {"UpdateExpression", "SET b = :b"},
        {"ExpressionAttributeValues", {{":b", {{"N", "2"}}}}}});
  CHECK(queryIds(engine, "x", 1) == std::vector<std::string>{"2", "5", "3"});
  CHECK(queryIds(engine, "x", 2) == std::vector<std::string>{"4", "1"});  // c: "a" < "m"
  // A removed key attribute or a deleted item leaves the index.
  call(engine, "UpdateItem",
       {{"TableName", "tbl"}, {"Key", {{"id", {{"S", "2"}}}}}, {"UpdateExpression", "REMOVE c"}});
  call(engine, "DeleteItem", {{"TableName", "tbl"}, {"Key", {{"id", {{"S", "3"}}}}}});
  CHECK(queryIds(engine, "x", 1) == std::vector<std::string>{"5"});
  CHECK(indexItemCount(engine) == 3);
}

TEST_CASE("multi-attribute GSI: pages of a sort-prefix query visit each entry once", "[index]") {
  pd::Engine engine;
  call(engine, "CreateTable", createRequest());
  std::mt19937 random(7);
  std::set<std::string> wanted;
  for (int i = 0; i < 120; ++i) {
    const std::string c = std::string(1, static_cast<char>('a' + random() % 4));
    const int d = static_cast<int>(random() % 10) - 5;
    const int b = static_cast<int>(random() % 2);
    const std::string id = std::to_string(i);
    put(engine, item(id, "p", b, c, d));
    if (b == 0 && c == "b" && d >= 0) wanted.insert(id);
  }
  const json values = {{":c", {{"S", "b"}}}, {":d", {{"N", "0"}}}};
  for (const int limit : {0, 1, 4}) {
    INFO("Limit " << limit);
    const std::vector<std::string> ids =
        queryIds(engine, "p", 0, " AND c = :c AND d >= :d", values, limit);
    const std::set<std::string> seen(ids.begin(), ids.end());
    CHECK(seen.size() == ids.size());
    CHECK(seen == wanted);
    CHECK(!wanted.empty());
  }
}

TEST_CASE("multi-attribute GSI: the catalog keeps the key schema across a reopen", "[index]") {
  pd::MemoryEnv env;
  json described;
  {
    auto engine = pd::testing::openOn(env);
    call(*engine, "CreateTable", createRequest());
    put(*engine, item("1", "x", 1, "m", 2));
    put(*engine, item("2", "x", 1, "a", 2));
    pd::testing::flush(*engine);
    // Also through UpdateTable's Create: a second index, back-filled, with a single-attribute
    // partition key and a two-attribute sort key.
    call(*engine, "UpdateTable",
         {{"TableName", "tbl"},
          {"AttributeDefinitions",
           {{{"AttributeName", "c"}, {"AttributeType", "S"}},
            {{"AttributeName", "a"}, {"AttributeType", "S"}},
            {{"AttributeName", "d"}, {"AttributeType", "N"}}}},
          {"GlobalSecondaryIndexUpdates",
           {{{"Create",
              {{"IndexName", "gsi2"},
               {"KeySchema",
                {keyElement("c", "HASH"), keyElement("a", "RANGE"), keyElement("d", "RANGE")}},
               {"Projection", {{"ProjectionType", "ALL"}}}}}}}}});
    pd::testing::flush(*engine);
    described = call(*engine, "DescribeTable", {{"TableName", "tbl"}})["Table"];
  }
  auto reopened = pd::testing::openOn(env);
  const json table = call(*reopened, "DescribeTable", {{"TableName", "tbl"}})["Table"];
  CHECK(table["GlobalSecondaryIndexes"] == described["GlobalSecondaryIndexes"]);
  CHECK(table["GlobalSecondaryIndexes"][0]["KeySchema"] ==
        createRequest()["GlobalSecondaryIndexes"][0]["KeySchema"]);
  CHECK(table["GlobalSecondaryIndexes"][1]["KeySchema"].size() == 3);
  CHECK(queryIds(*reopened, "x", 1) == std::vector<std::string>{"2", "1"});
  const json h = call(*reopened, "Query",
                      {{"TableName", "tbl"},
                       {"IndexName", "gsi2"},
                       {"KeyConditionExpression", "c = :c AND a = :a AND d = :d"},
                       {"ExpressionAttributeValues",
                        {{":c", {{"S", "m"}}}, {":a", {{"S", "x"}}}, {":d", {{"N", "2"}}}}}});
  CHECK(h["Count"] == 1);
}
