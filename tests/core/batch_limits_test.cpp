// BatchGetItem's 16 MB response limit: too many large items come back partly as
// UnprocessedKeys (with the table's other request members), never as an error, and reading
// the unprocessed keys again returns the rest. Too big for a case file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "api/engine.h"
#include "engine_calls.h"

namespace {

using nlohmann::json;

using pd::testing::call;

}  // namespace

TEST_CASE("BatchGetItem returns at most 16 MB and the rest as UnprocessedKeys", "[batch]") {
  pd::Engine engine;
  call(engine, "CreateTable",
       {{"TableName", "users"},
        {"AttributeDefinitions", {{{"AttributeName", "u"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "u"}, {"KeyType", "HASH"}}}},
        {"BillingMode", "PAY_PER_REQUEST"}});
  const std::string payload(300000, 'x');
  json keys = json::array();
  for (int i = 0; i < 75; ++i) {
    const std::string name = "large" + std::to_string(i);
    call(engine, "PutItem",
         {{"TableName", "users"}, {"Item", {{"u", {{"S", name}}}, {"foo", {{"S", payload}}}}}});
    keys.push_back({{"u", {{"S", name}}}});
  }
  const json request = {{"RequestItems", {{"users", {{"Keys", keys}, {"ConsistentRead", true}}}}},
                        {"ReturnConsumedCapacity", "TOTAL"}};
  const json first = call(engine, "BatchGetItem", request);
  // 55 items of about 300 KB fit in 16 MiB (moto's test of the same request expects 55).
  CHECK(first["Responses"]["users"].size() == 55);
  const json& unprocessed = first["UnprocessedKeys"]["users"];
  CHECK(unprocessed["Keys"].size() == 20);
  CHECK(unprocessed["ConsistentRead"] == true);
  CHECK(unprocessed["Keys"][0] == keys[55]);
  // Only the keys read are charged: 74 units (300 KB = 74 * 4 KB, consistent) per item.
  CHECK(first["ConsumedCapacity"][0]["CapacityUnits"] == 55 * 74);

  const json second = call(engine, "BatchGetItem", {{"RequestItems", first["UnprocessedKeys"]}});
  CHECK(second["Responses"]["users"].size() == 20);
  CHECK(second["UnprocessedKeys"] == json::object());
}
