// A TransactWriteItems that fails at any of its actions, for any reason (a condition, a key
// of the wrong type, an update that cannot apply, a request error, a missing table), leaves
// every table byte-for-byte as it was. Runs the operation on a Database directly so that the
// stored records themselves can be compared.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/operations.h"
#include "model/errors.h"
#include "store/database.h"

namespace {

using nlohmann::json;

constexpr int kActions = 6;

// Every table's records (order key, encoded item, size) and totals, as one string.
std::string snapshot(const pd::Database& db) {
  std::string out;
  for (const auto& [name, table] : db.tables) {
    out += name + '|' + std::to_string(table->itemCount()) + '|' +
           std::to_string(table->sizeBytes()) + '\n';
    for (const auto& record : table->records()) {
      out += std::string(record.key()) + '\x1f' + std::string(record.encoded()) + '\x1f' +
             std::to_string(record.size()) + '\n';
    }
  }
  return out;
}

json key(const std::string& value) {
  return {{"a", {{"S", value}}}};
}

// Runs a setup request; a DynamoError (not a std::exception) is reported with its message.
void setup(pd::Operation operation, pd::Database& db, const json& request) {
  try {
    operation(db, request);
  } catch (const pd::DynamoError& error) {
    FAIL(error.type << ": " << error.message);
  }
}

void seed(pd::Database& db) {
  setup(pd::createTable, db,
        json{{"TableName", "tbl"},
             {"AttributeDefinitions", {{{"AttributeName", "a"}, {"AttributeType", "S"}}}},
             {"KeySchema", {{{"AttributeName", "a"}, {"KeyType", "HASH"}}}},
             {"BillingMode", "PAY_PER_REQUEST"}});
  for (int i = 0; i < kActions; ++i) {
    json item = key("e" + std::to_string(i));
    item["n"] = {{"N", std::to_string(i)}};
    item["s"] = {{"S", "text"}};
    setup(pd::putItem, db, json{{"TableName", "tbl"}, {"Item", item}});
  }
}

// Action i of the transaction: a mix of every kind, each on its own item.
json action(int i) {
  const std::string existing = "e" + std::to_string(i);
  switch (i % 4) {
    case 0: {
      json item = key("new" + std::to_string(i));
      item["v"] = {{"S", "x"}};
      return {{"Put", {{"TableName", "tbl"}, {"Item", item}}}};
    }
    case 1:
      return {{"Update",
               {{"TableName", "tbl"},
                {"Key", key(existing)},
                {"UpdateExpression", "SET n = n + :one"},
                {"ExpressionAttributeValues", {{":one", {{"N", "1"}}}}}}}};
    case 2:
      return {{"Delete", {{"TableName", "tbl"}, {"Key", key(existing)}}}};
    default:
      return {{"ConditionCheck",
               {{"TableName", "tbl"},
                {"Key", key(existing)},
                {"ConditionExpression", "attribute_exists(a)"}}}};
  }
}

// The ways action k is made to fail.
const std::vector<std::pair<const char*, std::function<void(json&)>>>& faults() {
  static const std::vector<std::pair<const char*, std::function<void(json&)>>> list = {
      {"condition", [](json& body) { body["ConditionExpression"] = "attribute_exists(nothing)"; }},
      {"key type",
       [](json& body) {
         json& target = body.contains("Item") ? body["Item"] : body["Key"];
         target["a"] = {{"N", "1"}};
       }},
      {"syntax", [](json& body) { body["ConditionExpression"] = "attribute_exists("; }},
      {"unused value",
       [](json& body) {
         body["ExpressionAttributeValues"][":unused"] = {{"S", "x"}};
       }},
      {"missing table", [](json& body) { body["TableName"] = "missing"; }},
      {"empty key",
       [](json& body) {
         json& target = body.contains("Item") ? body["Item"] : body["Key"];
         target["a"] = {{"S", ""}};
       }},
  };
  return list;
}

json transaction() {
  json items = json::array();
  for (int i = 0; i < kActions; ++i) items.push_back(action(i));
  return {{"TransactItems", items}};
}

}  // namespace

TEST_CASE("a failure at any action of a transaction leaves every table unchanged",
          "[transactions]") {
  for (int k = 0; k < kActions; ++k) {
    for (const auto& [name, inject] : faults()) {
      INFO("action " << k << ", fault: " << name);
      pd::Database db;
      db.now = [] { return 1000.0; };
      seed(db);
      const std::string before = snapshot(db);
      json request = transaction();
      inject(request["TransactItems"][k].begin().value());
      CHECK_THROWS_AS(pd::transactWriteItems(db, request), pd::DynamoError);
      CHECK(snapshot(db) == before);
    }
  }
}

TEST_CASE("an update that cannot apply at any action cancels the whole transaction",
          "[transactions]") {
  for (int k = 0; k < kActions; ++k) {
    INFO("action " << k);
    pd::Database db;
    db.now = [] { return 1000.0; };
    seed(db);
    const std::string before = snapshot(db);
    json request = transaction();
    // A number plus a string: a ValidationError found only against the stored item.
    request["TransactItems"][k] = {{"Update",
                                    {{"TableName", "tbl"},
                                     {"Key", key("e" + std::to_string(k))},
                                     {"UpdateExpression", "SET n = s + :one"},
                                     {"ExpressionAttributeValues", {{":one", {{"N", "1"}}}}}}}};
    try {
      pd::transactWriteItems(db, request);
      FAIL("the transaction was not cancelled");
    } catch (const pd::DynamoError& error) {
      CHECK(error.type == "TransactionCanceledException");
      CHECK(error.extraMembers.find("ValidationError") != std::string::npos);
    }
    CHECK(snapshot(db) == before);
  }
}

TEST_CASE("the unmodified transaction applies every action", "[transactions]") {
  pd::Database db;
  db.now = [] { return 1000.0; };
  seed(db);
  const std::string before = snapshot(db);
  pd::transactWriteItems(db, transaction());
  CHECK(snapshot(db) != before);
  CHECK(db.tables.at("tbl")->itemCount() == kActions + 2 - 1);  // 2 new items, 1 deleted
}

TEST_CASE("a ClientRequestToken is forgotten after 10 minutes", "[transactions]") {
  pd::Database db;
  double now = 1000;
  db.now = [&now] { return now; };
  seed(db);
  const json request = {{"ClientRequestToken", "tok"}, {"TransactItems", {action(1)}}};
  json other = request;
  other["TransactItems"][0]["Update"]["ExpressionAttributeValues"][":one"]["N"] = "5";
  pd::transactWriteItems(db, request);
  const std::string once = snapshot(db);
  now += 599;
  pd::transactWriteItems(db, request);  // a retry: answered, not applied
  CHECK(snapshot(db) == once);
  CHECK_THROWS_AS(pd::transactWriteItems(db, other), pd::DynamoError);
  now += 1;
  pd::transactWriteItems(db, other);  // the token expired: a new request
  CHECK(snapshot(db) != once);
}
