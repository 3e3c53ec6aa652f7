// Every limit in model/limits.h, exercised at its boundary: the value itself is accepted and
// one past it is refused, through Engine::execute or the model code that enforces it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "api/engine.h"
#include "api/wire/capacity.h"
#include "model/decimal.h"
#include "model/errors.h"
#include "model/limits.h"

namespace limits = pd::limits;
using nlohmann::json;

namespace {

// An engine with table "items" (hash key "a": S) and table "ranged" (hash "a", range "b").
pd::Engine engineWithTables() {
  pd::Engine engine;
  for (const bool ranged : {false, true}) {
    json request = {{"TableName", ranged ? "ranged" : "items"},
                    {"AttributeDefinitions", {{{"AttributeName", "a"}, {"AttributeType", "S"}}}},
                    {"KeySchema", {{{"AttributeName", "a"}, {"KeyType", "HASH"}}}},
                    {"BillingMode", "PAY_PER_REQUEST"}};
    if (ranged) {
      request["AttributeDefinitions"].push_back({{"AttributeName", "b"}, {"AttributeType", "S"}});
      request["KeySchema"].push_back({{"AttributeName", "b"}, {"KeyType", "RANGE"}});
    }
    REQUIRE(engine.execute("CreateTable", request.dump()).ok);
  }
  return engine;
}

// The error message of a failed response, or "" when the request succeeded.
std::string errorOf(const pd::Response& response) {
  if (response.ok) return "";
  const json body = json::parse(response.body);
  return body.value("message", body.value("Message", std::string("<no message>")));
}

pd::Response put(pd::Engine& engine, const json& item, const char* table = "items") {
  return engine.execute("PutItem", json{{"TableName", table}, {"Item", item}}.dump());
}

json nested(int levels) {
  json value = {{"S", "leaf"}};
  for (int i = 1; i < levels; ++i) value = {{"M", {{"n", value}}}};
  return value;
}

std::string decimalError(const std::string& text) {
  try {
    pd::Decimal::parse(text);
  } catch (const pd::DynamoError& error) {
    return error.message;
  }
  return "";
}

}  // namespace

TEST_CASE("kMaxItemBytes: names plus values up to 400 KB", "[limits]") {
  pd::Engine engine = engineWithTables();
  // "a" + "k" + "b" = 3 bytes, the rest is the value of "b".
  const std::size_t value = limits::kMaxItemBytes - 3;
  CHECK(put(engine, {{"a", {{"S", "k"}}}, {"b", {{"S", std::string(value, 'x')}}}}).ok);
  CHECK(errorOf(put(engine, {{"a", {{"S", "k"}}}, {"b", {{"S", std::string(value + 1, 'x')}}}})) ==
        "Item size has exceeded the maximum allowed size");
}

TEST_CASE("kMaxPartitionKeyBytes: the hash key value in UTF-8 bytes", "[limits]") {
  pd::Engine engine = engineWithTables();
  CHECK(put(engine, {{"a", {{"S", std::string(limits::kMaxPartitionKeyBytes, 'h')}}}}).ok);
  CHECK(
      errorOf(put(engine, {{"a", {{"S", std::string(limits::kMaxPartitionKeyBytes + 1, 'h')}}}})) ==
      "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
      "limit of2048 bytes");
}

TEST_CASE("kMaxSortKeyBytes: the range key value in UTF-8 bytes", "[limits]") {
  pd::Engine engine = engineWithTables();
  const json hash = {{"S", "h"}};
  CHECK(put(engine, {{"a", hash}, {"b", {{"S", std::string(limits::kMaxSortKeyBytes, 'r')}}}},
            "ranged")
            .ok);
  CHECK(errorOf(put(engine,
                    {{"a", hash}, {"b", {{"S", std::string(limits::kMaxSortKeyBytes + 1, 'r')}}}},
                    "ranged")) ==
        "One or more parameter values were invalid: Aggregated size of all range keys has "
        "exceeded the size limit of 1024 bytes");
}

TEST_CASE("kMaxNestingDepth: the attribute is level 1, its deepest value level 32", "[limits]") {
  pd::Engine engine = engineWithTables();
  CHECK(put(engine, {{"a", {{"S", "k"}}}, {"d", nested(limits::kMaxNestingDepth)}}).ok);
  CHECK(errorOf(put(engine, {{"a", {{"S", "k"}}}, {"d", nested(limits::kMaxNestingDepth + 1)}})) ==
        "1 validation error detected: Nesting Levels have exceeded supported limits: Attributes in "
        "the item have nested levels beyond supported limit");
}

TEST_CASE("kMaxNumberDigits: 38 significant digits", "[limits]") {
  CHECK(decimalError(std::string(limits::kMaxNumberDigits, '9')) == "");
  CHECK(decimalError(std::string(limits::kMaxNumberDigits + 1, '9')) ==
        "Attempting to store more than 38 significant digits in a Number");
}

TEST_CASE("kMinNumberExponent: magnitudes down to 1E-130", "[limits]") {
  const std::string smallest = "1E" + std::to_string(limits::kMinNumberExponent);
  CHECK(decimalError(smallest) == "");
  CHECK(decimalError("-" + smallest) == "");
  CHECK(decimalError("1E" + std::to_string(limits::kMinNumberExponent - 1)) ==
        "Number underflow. Attempting to store a number with magnitude smaller than supported "
        "range");
}

TEST_CASE("kMaxNumberExponent: magnitudes below 1E+126", "[limits]") {
  const std::string exponent = "E+" + std::to_string(limits::kMaxNumberExponent);
  CHECK(decimalError("9." + std::string(limits::kMaxNumberDigits - 1, '9') + exponent) == "");
  CHECK(decimalError("1E+" + std::to_string(limits::kMaxNumberExponent + 1)) ==
        "Number overflow. Attempting to store a number with magnitude larger than supported range");
}

TEST_CASE("kMinTableNameLength: table names of at least 3 characters", "[limits]") {
  pd::Engine engine;
  const std::string shortest(limits::kMinTableNameLength, 't');
  const json key = {{"a", {{"S", "k"}}}};
  const json schema = {{"AttributeDefinitions", {{{"AttributeName", "a"}, {"AttributeType", "S"}}}},
                       {"KeySchema", {{{"AttributeName", "a"}, {"KeyType", "HASH"}}}},
                       {"BillingMode", "PAY_PER_REQUEST"}};
  json create = schema;
  create["TableName"] = shortest.substr(1);
  CHECK(errorOf(engine.execute("CreateTable", create.dump())) ==
        "1 validation error detected: Value 'tt' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3");
  create["TableName"] = shortest;
  CHECK(engine.execute("CreateTable", create.dump()).ok);
  // The item operations take a name or an ARN: any length from 1, so a short name is not found.
  CHECK(errorOf(engine.execute("GetItem",
                               json{{"TableName", shortest.substr(1)}, {"Key", key}}.dump())) ==
        "Requested resource not found");
}

TEST_CASE("kMaxTransactionBytes: the items of one TransactWriteItems up to 4 MB", "[limits]") {
  pd::Engine engine = engineWithTables();
  // Eleven items of 390,000 bytes: 4,290,000 bytes, over 4 MB (4,194,304); ten fit.
  auto transaction = [](int count) {
    json items = json::array();
    for (int i = 0; i < count; ++i) {
      const json item = {{"a", {{"S", "k" + std::to_string(i)}}},
                         {"b", {{"S", std::string(390000, 'x')}}}};
      items.push_back({{"Put", {{"TableName", "items"}, {"Item", item}}}});
    }
    return json{{"TransactItems", items}}.dump();
  };
  CHECK(engine.execute("TransactWriteItems", transaction(10)).ok);
  CHECK(errorOf(engine.execute("TransactWriteItems", transaction(11))) ==
        "Transaction request cannot be larger than 4 MB");
}
