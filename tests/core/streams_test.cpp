// DynamoDB Streams through the engine: every write that changes an item appends exactly one
// record, in write order, with increasing sequence numbers; records older than 24 hours are
// trimmed; iterators expire after 15 minutes. Needs many writes and a clock: not a case file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "api/engine.h"
#include "engine_calls.h"

namespace {

using nlohmann::json;

using pd::testing::call;

std::string errorType(pd::Engine& engine, const char* operation, const json& request) {
  const pd::Response response = engine.execute(operation, request.dump());
  REQUIRE_FALSE(response.ok);
  const std::string type = json::parse(response.body).at("__type");
  return type.substr(type.find('#') + 1);
}

json key(int n) {
  return {{"id", {{"S", "k" + std::to_string(n)}}}};
}

struct StreamTable {
  std::string arn, shard;
};

StreamTable createStreamTable(pd::Engine& engine) {
  const json created =
      call(engine, "CreateTable",
           {{"TableName", "things"},
            {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"StreamSpecification",
             {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}});
  StreamTable table;
  table.arn = created["TableDescription"]["LatestStreamArn"];
  table.shard = call(engine, "DescribeStream",
                     {{"StreamArn", table.arn}})["StreamDescription"]["Shards"][0]["ShardId"];
  return table;
}

std::string trimHorizon(pd::Engine& engine, const StreamTable& table) {
  return call(engine, "GetShardIterator",
              {{"StreamArn", table.arn},
               {"ShardId", table.shard},
               {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
}

std::vector<json> readAll(pd::Engine& engine, std::string iterator) {
  std::vector<json> records;
  for (;;) {
    const json page = call(engine, "GetRecords", {{"ShardIterator", iterator}, {"Limit", 7}});
    for (const json& record : page["Records"]) records.push_back(record);
    if (page["Records"].empty()) return records;
    iterator = page["NextShardIterator"];
  }
}

}  // namespace

TEST_CASE("every write that changes an item appends exactly one record, in order", "[streams]") {
  pd::Engine engine;
  const StreamTable table = createStreamTable(engine);
  std::mt19937 random(42);
  std::vector<std::optional<int>> items(20);  // the model: each key's value, if the item exists
  std::vector<std::pair<std::string, int>> expected;  // eventName and key of each record
  for (int step = 0; step < 500; ++step) {
    const int k = static_cast<int>(random() % items.size());
    const int value = static_cast<int>(random() % 3);
    json item = key(k);
    item["v"] = {{"N", std::to_string(value)}};
    switch (random() % 4) {
      case 0:
      case 1:  // PutItem
        call(engine, "PutItem", {{"TableName", "things"}, {"Item", item}});
        if (!items[k])
          expected.emplace_back("INSERT", k);
        else if (*items[k] != value)
          expected.emplace_back("MODIFY", k);
        items[k] = value;
        break;
      case 2:  // UpdateItem
        call(engine, "UpdateItem",
             {{"TableName", "things"},
              {"Key", key(k)},
              {"UpdateExpression", "SET v = :v"},
              {"ExpressionAttributeValues", {{":v", {{"N", std::to_string(value)}}}}}});
        if (!items[k])
          expected.emplace_back("INSERT", k);
        else if (*items[k] != value)
          expected.emplace_back("MODIFY", k);
        items[k] = value;
        break;
      default:  // DeleteItem
        call(engine, "DeleteItem", {{"TableName", "things"}, {"Key", key(k)}});
        if (items[k]) expected.emplace_back("REMOVE", k);
        items[k].reset();
    }
  }
  const std::vector<json> records = readAll(engine, trimHorizon(engine, table));
  REQUIRE(records.size() == expected.size());
  std::string previous;
  for (std::size_t i = 0; i < records.size(); ++i) {
    INFO("record " << i);
    CHECK(records[i]["eventName"] == expected[i].first);
    CHECK(records[i]["dynamodb"]["Keys"] == key(expected[i].second));
    const std::string sequence = records[i]["dynamodb"]["SequenceNumber"];
    CHECK(sequence.find_first_not_of("0123456789") == std::string::npos);
    // Same length, so text order is numeric order.
    CHECK((previous.empty() || (sequence.size() == previous.size() && sequence > previous)));
    previous = sequence;
  }
}

TEST_CASE("records older than 24 hours are trimmed", "[streams]") {
  pd::Engine engine;
  double now = 1700000000;
  engine.setClock([&now] { return now; });
  const StreamTable table = createStreamTable(engine);
  call(engine, "PutItem", {{"TableName", "things"}, {"Item", key(1)}});
  now += 3600;
  call(engine, "PutItem", {{"TableName", "things"}, {"Item", key(2)}});
  const std::string old = trimHorizon(engine, table);
  const auto first = readAll(engine, old);
  REQUIRE(first.size() == 2);
  CHECK(first[0]["dynamodb"]["ApproximateCreationDateTime"] == 1700000000);

  now += 24 * 3600 - 1800;  // the first record is now older than 24 hours
  const auto trimmed = readAll(engine, trimHorizon(engine, table));
  REQUIRE(trimmed.size() == 1);
  CHECK(trimmed[0]["dynamodb"]["Keys"] == key(2));
  // An iterator at the trimmed record: TrimmedDataAccessException (or expired, as it is old).
  const std::string sequence = first[0]["dynamodb"]["SequenceNumber"];
  CHECK(errorType(engine, "GetShardIterator",
                  {{"StreamArn", table.arn},
                   {"ShardId", table.shard},
                   {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                   {"SequenceNumber", sequence}}) == "TrimmedDataAccessException");
}

TEST_CASE("shard iterators expire after 15 minutes", "[streams]") {
  pd::Engine engine;
  double now = 1700000000;
  engine.setClock([&now] { return now; });
  const StreamTable table = createStreamTable(engine);
  const std::string iterator = trimHorizon(engine, table);
  now += 14 * 60;
  call(engine, "GetRecords", {{"ShardIterator", iterator}});
  now += 2 * 60;
  CHECK(errorType(engine, "GetRecords", {{"ShardIterator", iterator}}) ==
        "ExpiredIteratorException");
}

TEST_CASE("a disabled stream is forgotten 24 hours after it was disabled", "[streams]") {
  pd::Engine engine;
  double now = 1700000000;
  engine.setClock([&now] { return now; });
  createStreamTable(engine);
  call(engine, "UpdateTable",
       {{"TableName", "things"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  now += 23 * 3600;
  CHECK(call(engine, "ListStreams", json::object())["Streams"].size() == 1);
  now += 2 * 3600;
  CHECK(call(engine, "ListStreams", json::object())["Streams"].empty());
}
