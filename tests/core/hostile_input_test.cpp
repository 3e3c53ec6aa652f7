// Hostile request bodies: values nested far past DynamoDB's 32 levels in every member that takes
// attribute values, bodies of about 1 MB (some 95,000 levels), and invalid UTF-8. Each gets
// DynamoDB's error, nothing recurses past the bound the reader enforces (an unbounded walk of a
// 1 MB body overflows the stack), the engine keeps answering, and in the ASan build
// LeakSanitizer checks that no error path leaks.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/engine.h"
#include "model/limits.h"

namespace {

using nlohmann::json;

const std::string kBareNesting =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit";

// An attribute value `levels` deep (a map level counts 1, the leaf too), as JSON text.
std::string nestedValue(int levels, const std::string& leaf = R"({"S":"leaf"})") {
  std::string out;
  out.reserve(static_cast<std::size_t>(levels) * 12 + leaf.size());
  for (int i = 1; i < levels; ++i) out += R"({"M":{"n":)";
  out += leaf;
  for (int i = 1; i < levels; ++i) out += "}}";
  return out;
}

// The same nesting built from lists.
std::string nestedListValue(int levels) {
  std::string out;
  for (int i = 1; i < levels; ++i) out += R"({"L":[)";
  out += R"({"S":"leaf"})";
  for (int i = 1; i < levels; ++i) out += "]}";
  return out;
}

pd::Engine engineWithTable() {
  pd::Engine engine;
  REQUIRE(engine
              .execute("CreateTable",
                       R"({"TableName":"items","AttributeDefinitions":[{"AttributeName":"a",)"
                       R"("AttributeType":"S"}],"KeySchema":[{"AttributeName":"a","KeyType":)"
                       R"("HASH"}],"BillingMode":"PAY_PER_REQUEST"})")
              .ok);
  return engine;
}

struct Hostile {
  const char* member;
  const char* operation;
  std::string body;
};

// Every member that takes attribute values, with `value` placed in it.
std::vector<Hostile> everyMember(const std::string& value) {
  const std::string key = R"({"a":{"S":"k"}})";
  const std::string item = R"({"a":{"S":"k"},"d":)" + value + "}";
  const std::string deepKey = R"({"a":)" + value + "}";
  const std::string condition =
      R"({"ComparisonOperator":"EQ","AttributeValueList":[)" + value + "]}";
  const std::string table = R"("TableName":"items",)";
  return {
      {"PutItem Item", "PutItem", "{" + table + R"("Item":)" + item + "}"},
      {"GetItem Key", "GetItem", "{" + table + R"("Key":)" + deepKey + "}"},
      {"DeleteItem Key", "DeleteItem", "{" + table + R"("Key":)" + deepKey + "}"},
      {"UpdateItem Key", "UpdateItem", "{" + table + R"("Key":)" + deepKey + "}"},
      {"ExpressionAttributeValues", "PutItem",
       "{" + table + R"("Item":)" + key +
           R"(,"ConditionExpression":"d = :v","ExpressionAttributeValues":{":v":)" + value + "}}"},
      {"Expected Value", "PutItem",
       "{" + table + R"("Item":)" + key + R"(,"Expected":{"d":{"Value":)" + value + "}}}"},
      {"Expected AttributeValueList", "DeleteItem",
       "{" + table + R"("Key":)" + key + R"(,"Expected":{"d":)" + condition + "}}"},
      {"AttributeUpdates", "UpdateItem",
       "{" + table + R"("Key":)" + key + R"(,"AttributeUpdates":{"d":{"Action":"PUT","Value":)" +
           value + "}}}"},
      {"KeyConditions", "Query", "{" + table + R"("KeyConditions":{"a":)" + condition + "}}"},
      {"QueryFilter", "Query",
       "{" + table +
           R"("KeyConditions":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"k"}]}},)"
           R"("QueryFilter":{"d":)" +
           condition + "}}"},
      {"Query ExclusiveStartKey", "Query",
       "{" + table +
           R"("KeyConditionExpression":"a = :k","ExpressionAttributeValues":{":k":{"S":"k"}},)"
           R"("ExclusiveStartKey":)" +
           deepKey + "}"},
      {"Scan ExclusiveStartKey", "Scan", "{" + table + R"("ExclusiveStartKey":)" + deepKey + "}"},
      {"ScanFilter", "Scan", "{" + table + R"("ScanFilter":{"d":)" + condition + "}}"},
      {"BatchWriteItem PutRequest", "BatchWriteItem",
       R"({"RequestItems":{"items":[{"PutRequest":{"Item":)" + item + "}}]}}"},
      {"BatchWriteItem DeleteRequest", "BatchWriteItem",
       R"({"RequestItems":{"items":[{"DeleteRequest":{"Key":)" + deepKey + "}}]}}"},
      {"BatchGetItem Keys", "BatchGetItem",
       R"({"RequestItems":{"items":{"Keys":[)" + deepKey + "]}}}"},
      {"TransactWriteItems Put", "TransactWriteItems",
       R"({"TransactItems":[{"Put":{"TableName":"items","Item":)" + item + "}}]}"},
      {"TransactWriteItems Delete", "TransactWriteItems",
       R"({"TransactItems":[{"Delete":{"TableName":"items","Key":)" + deepKey + "}}]}"},
      {"TransactWriteItems ConditionCheck", "TransactWriteItems",
       R"({"TransactItems":[{"ConditionCheck":{"TableName":"items","Key":)" + deepKey +
           R"~(,"ConditionExpression":"attribute_exists(a)"}}]})~"},
      {"TransactWriteItems Update values", "TransactWriteItems",
       R"({"TransactItems":[{"Update":{"TableName":"items","Key":)" + key +
           R"(,"UpdateExpression":"SET d = :v","ExpressionAttributeValues":{":v":)" + value +
           "}}}]}"},
      {"TransactGetItems Get", "TransactGetItems",
       R"({"TransactItems":[{"Get":{"TableName":"items","Key":)" + deepKey + "}}]}"},
  };
}

// Every operation, with a body nested `levels` deep in a member it does not know.
std::vector<Hostile> everyOperation(int levels) {
  const std::string padding = nestedValue(levels);
  std::vector<Hostile> out;
  for (const char* operation : {"CreateTable",
                                "DescribeTable",
                                "ListTables",
                                "DeleteTable",
                                "UpdateTable",
                                "PutItem",
                                "GetItem",
                                "DeleteItem",
                                "UpdateItem",
                                "Query",
                                "Scan",
                                "BatchGetItem",
                                "BatchWriteItem",
                                "TransactGetItems",
                                "TransactWriteItems",
                                "UpdateTimeToLive",
                                "DescribeTimeToLive",
                                "ListStreams",
                                "DescribeStream",
                                "GetShardIterator",
                                "GetRecords",
                                "TagResource",
                                "UntagResource",
                                "ListTagsOfResource",
                                "DescribeEndpoints",
                                "DescribeLimits",
                                "DescribeContinuousBackups",
                                "UpdateContinuousBackups",
                                "PocketDynamo_SetRegion",
                                "PocketDynamo_SweepExpiredItems",
                                "NoSuchOperation"}) {
    out.push_back(
        {"an unknown member", operation, R"({"TableName":"items","Padding":)" + padding + "}"});
  }
  return out;
}

json responseOf(const pd::Response& response) {
  return json::parse(response.body);
}

std::string errorType(const pd::Response& response) {
  if (response.ok) return "";
  const std::string type = responseOf(response).value("__type", "");
  return type.substr(type.find('#') + 1);
}

std::string errorMessage(const pd::Response& response) {
  if (response.ok) return "";
  const json body = responseOf(response);
  return body.value("message", body.value("Message", std::string()));
}

std::string hex(const std::string& bytes) {
  std::string out;
  for (const unsigned char c : bytes) {
    out += "0123456789abcdef"[c >> 4];
    out += "0123456789abcdef"[c & 15];
  }
  return out;
}

void checkStillWorks(pd::Engine& engine) {
  REQUIRE(engine.execute("PutItem", R"({"TableName":"items","Item":{"a":{"S":"ok"}}})").ok);
  const pd::Response got =
      engine.execute("GetItem", R"({"TableName":"items","Key":{"a":{"S":"ok"}}})");
  REQUIRE(got.ok);
  CHECK(responseOf(got)["Item"]["a"]["S"] == "ok");
}

}  // namespace

TEST_CASE("a value nested 5,000 levels deep gets the bare nesting error in every member",
          "[hostile]") {
  pd::Engine engine = engineWithTable();
  for (const auto& request : everyMember(nestedValue(5000))) {
    INFO(request.member);
    const pd::Response response = engine.execute(request.operation, request.body);
    CHECK(errorType(response) == "ValidationException");
    CHECK(errorMessage(response) == kBareNesting);
  }
  checkStillWorks(engine);
}

TEST_CASE("bodies of about 1 MB nested 95,000 levels deep are refused while reading", "[hostile]") {
  pd::Engine engine = engineWithTable();
  for (const std::string& value : {nestedValue(95000), nestedListValue(130000)}) {
    for (const auto& request : everyMember(value)) {
      INFO(request.member << ", " << request.body.size() << " bytes");
      REQUIRE(request.body.size() > 1000000);
      const pd::Response response = engine.execute(request.operation, request.body);
      CHECK(errorType(response) == "ValidationException");
      CHECK(errorMessage(response) == kBareNesting);
    }
  }
  checkStillWorks(engine);
}

TEST_CASE("every operation reads its body with the nesting bound, known or not", "[hostile]") {
  pd::Engine engine = engineWithTable();
  for (const auto& request : everyOperation(5000)) {
    INFO(request.operation);
    const pd::Response response = engine.execute(request.operation, request.body);
    CHECK(errorType(response) == "ValidationException");
    CHECK(errorMessage(response) == kBareNesting);
  }
  checkStillWorks(engine);
}

TEST_CASE("the read bound admits the deepest valid body and stops at kMaxRequestJsonDepth",
          "[hostile]") {
  pd::Engine engine = engineWithTable();
  // The deepest valid body: a BatchWriteItem's item sits 6 JSON levels down, and a value at
  // level 32 that is an empty list adds 2 more per level: 70 levels in all.
  const std::string item = R"({"a":{"S":"k"},"d":)" + nestedValue(32, R"({"L":[]})") + "}";
  const std::string batch = R"({"RequestItems":{"items":[{"PutRequest":{"Item":)" + item + "}}]}}";
  CHECK(engine.execute("BatchWriteItem", batch).ok);

  // An unknown member nested exactly to the bound is read (and ignored); one level more is not.
  auto padded = [](int depth) {
    return R"({"TableName":"items","Key":{"a":{"S":"k"}},"Padding":)" +
           std::string(static_cast<std::size_t>(depth - 1), '[') +
           std::string(static_cast<std::size_t>(depth - 1), ']') + "}";
  };
  CHECK(engine.execute("GetItem", padded(pd::limits::kMaxRequestJsonDepth)).ok);
  CHECK(errorMessage(engine.execute("GetItem", padded(pd::limits::kMaxRequestJsonDepth + 1))) ==
        kBareNesting);

  // In a PutItem, a value reaching JSON level 128 is refused by the value check, in the
  // envelope; one reaching level 129 while reading, bare.
  auto put = [](const std::string& value) {
    return R"({"TableName":"items","Item":{"a":{"S":"k"},"d":)" + value + "}}";
  };
  CHECK(errorMessage(engine.execute("PutItem", put(nestedValue(63, R"({"M":{}})")))) ==
        "1 validation error detected: " + kBareNesting);
  CHECK(errorMessage(engine.execute("PutItem", put(nestedValue(64)))) == kBareNesting);
}

TEST_CASE("an update that would leave an item more than 32 levels deep is refused", "[hostile]") {
  pd::Engine engine = engineWithTable();
  REQUIRE(engine
              .execute("PutItem", R"({"TableName":"items","Item":{"a":{"S":"k"},"d":)" +
                                      nestedValue(32) + "}}")
              .ok);
  // `d` is level 1, so d followed by k ".n" steps is level k + 1.
  auto setAt = [](int level) {
    std::string path = "d";
    for (int i = 1; i < level; ++i) path += ".n";
    return R"({"TableName":"items","Key":{"a":{"S":"k"}},"UpdateExpression":"SET )" + path +
           R"( = :v","ExpressionAttributeValues":{":v":{"M":{"x":{"S":"two levels"}}}}})";
  };
  const pd::Response tooDeep = engine.execute("UpdateItem", setAt(32));
  CHECK(errorType(tooDeep) == "ValidationException");
  CHECK(errorMessage(tooDeep) == kBareNesting);
  const pd::Response cancelled =
      engine.execute("TransactWriteItems", R"({"TransactItems":[{"Update":)" + setAt(32) + "}]}");
  CHECK(errorType(cancelled) == "TransactionCanceledException");
  CHECK(responseOf(cancelled)["CancellationReasons"][0]["Message"] == kBareNesting);
  // Nothing changed: the item is still the 32-level one.
  const pd::Response got = engine.execute(
      "GetItem", R"({"TableName":"items","Key":{"a":{"S":"k"}},"ProjectionExpression":"d"})");
  CHECK(responseOf(got)["Item"]["d"] == json::parse(nestedValue(32)));
  CHECK(engine.execute("UpdateItem", setAt(31)).ok);
}

TEST_CASE("invalid UTF-8 in a request is a SerializationException", "[hostile]") {
  pd::Engine engine = engineWithTable();
  const std::vector<std::string> invalid = {
      "\xff",              // never valid
      "\xc0\xaf",          // overlong '/'
      "\xe2\x82",          // truncated sequence
      "\xed\xa0\x80",      // a surrogate, encoded
      "\xf4\x90\x80\x80",  // past U+10FFFF
      "\x80",              // a lone continuation byte
      "\\ud800",           // a lone high surrogate, escaped
      "\\udc00",           // a lone low surrogate, escaped
  };
  for (const std::string& bytes : invalid) {
    INFO("bytes " << hex(bytes));
    const std::vector<std::pair<const char*, std::string>> requests = {
        // A plain PutItem, which the fast path would take but for the bytes.
        {"PutItem", R"({"TableName":"items","Item":{"a":{"S":"k)" + bytes + R"("}}})"},
        {"PutItem",
         R"({"TableName":"items","Item":{"a":{"S":"k"},"n)" + bytes + R"(":{"N":"1"}}})"},
        {"GetItem", R"({"TableName":"items)" + bytes + R"(","Key":{"a":{"S":"k"}}})"},
        {"Query", R"({"TableName":"items","KeyConditionExpression":"a = :k)" + bytes +
                      R"(","ExpressionAttributeValues":{":k":{"S":"k"}}})"},
    };
    for (const auto& [operation, body] : requests) {
      const pd::Response response = engine.execute(operation, body);
      CHECK(errorType(response) == "SerializationException");
    }
  }
  // Valid multi-byte text is read as it is.
  REQUIRE(engine
              .execute(
                  "PutItem",
                  "{\"TableName\":\"items\",\"Item\":{\"a\":{\"S\":\"\xc3\xa9\xf0\x9f\x98\x80\"}}}")
              .ok);
  const pd::Response got = engine.execute(
      "GetItem", "{\"TableName\":\"items\",\"Key\":{\"a\":{\"S\":\"\\u00e9\\ud83d\\ude00\"}}}");
  CHECK(responseOf(got)["Item"]["a"]["S"] == "\xc3\xa9\xf0\x9f\x98\x80");
  checkStillWorks(engine);
}
