// The GetItem fast path (api/items/fast_get.h) answers exactly as the general path: thousands of
// generated GetItem bodies, valid and not (wrong key names and types, empty and bad numbers,
// binaries, escapes, non-ASCII text, extra members, projections, capacity, missing tables), run
// on two engines holding the same items, one with the fast path and one without, must get the
// same responses, byte for byte, errors included.
// And the document form (api/wire/document_form.h): GetItem, Query and Scan answered by
// executeDocument must hold exactly the wire answer's values, converted as the JS package's
// unmarshall converts them (checked here against an independent converter), with every marked
// value flagged, and fall back to the wire form where the document form cannot say a value.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "api/items/fast_get.h"
#include "api/operations.h"
#include "document_reference.h"
#include "storage_helpers.h"

namespace {

using nlohmann::json;

const char* const kSingle =
    R"({"TableName":"single","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})";
const char* const kComposite =
    R"({"TableName":"composite","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"N"},)"
    R"({"AttributeName":"sk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
    R"({"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"})";
const char* const kBinary =
    R"({"TableName":"binary","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"B"}],)"
    R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})";

// Values of every kind, including the ones the document form marks or cannot say.
const char* const kValues[] = {
    R"({"S":"text"})",
    R"({"S":""})",
    R"({"S":"\u0001starts with the mark"})",
    R"({"S":"caf\u00e9 \ud83d\ude00"})",
    R"({"N":"42"})",
    R"({"N":"-0.000125"})",
    R"({"N":"123456789012345"})",
    R"({"N":"1234567890123456"})",
    R"({"N":"9007199254740993"})",
    R"({"N":"1E+100"})",
    R"({"N":"-1.5e-120"})",
    R"({"N":"99999999999999999999999999999999999999"})",
    R"({"B":"AAH/"})",
    R"({"B":""})",
    R"({"BOOL":true})",
    R"({"BOOL":false})",
    R"({"NULL":true})",
    R"({"SS":["b","a","\u0001x"]})",
    R"({"NS":["1","2.5","12345678901234567890"]})",
    R"({"BS":["AQ==","Ag=="]})",
    R"({"L":[{"S":"\u0001"},{"N":"1"},{"L":[]},{"M":{}}]})",
    R"({"L":[{"S":"\u0001SS"},{"S":"x"}]})",
    R"({"M":{"a":{"N":"1"},"b":{"SS":["x"]},"c":{"M":{"d":{"B":"AQ=="}}}}})",
    R"({"M":{"1":{"N":"1"},"":{"S":"empty name"}}})",
};

class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  int pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }

  std::string getBody() {
    std::vector<std::string> members;
    const int shape = pick(24);
    const std::string table = pick(5) ? (pick(2) ? "single" : "composite") : pickOf(kTableNames);
    if (shape != 0) members.push_back("\"TableName\":\"" + table + "\"");
    if (shape != 1) members.push_back("\"Key\":" + (pick(3) ? validKey(table) : key()));
    if (shape == 2) members.push_back(R"("ReturnConsumedCapacity":"TOTAL")");
    if (shape == 3) members.push_back(R"("ConsistentRead":true)");
    if (shape == 4) members.push_back(R"("ConsistentRead":false)");
    if (shape == 5) members.push_back(R"("ConsistentRead":"yes")");
    if (shape == 6) members.push_back(R"("ProjectionExpression":"pk, v0")");
    if (shape == 7) members.push_back(R"("AttributesToGet":["v1"])");
    if (shape == 8) members.push_back(R"("TableName":"single")");  // a duplicate member
    if (shape == 9) members.push_back(R"("ConsistentRead":true,"ConsistentRead":false)");
    if (shape == 10) members.push_back(R"("ExpressionAttributeNames":{"#a":"v0"})");
    if (shape == 11) members.push_back(R"("ReturnConsumedCapacity":"NONE")");
    if (pick(2)) std::reverse(members.begin(), members.end());
    std::string out = pick(10) ? "{" : " {\n";
    for (std::size_t i = 0; i < members.size(); ++i) {
      out += (i ? (pick(3) ? "," : " ,\n ") : "") + members[i];
    }
    return out + "}" + (pick(30) == 0 ? " x" : pick(4) == 0 ? " \n" : "");
  }

  // A key that fits its table's schema (mostly one of the stored items).
  std::string validKey(const std::string& table) {
    if (table == "composite") {
      return R"({"pk":{"N":")" + pickOf(kNumbers) + R"("},"sk":{"S":"s)" + std::to_string(pick(4)) +
             "\"}}";
    }
    return R"({"pk":{"S":"k)" + std::to_string(pick(30)) + "\"}}";
  }

 private:
  static constexpr const char* kTableNames[] = {"single",  "composite", "binary",
                                                "missing", "ab",        ""};
  static constexpr const char* kNames[] = {"pk", "sk", "id", "x", "", "p\\u006b", "é"};
  static constexpr const char* kNumbers[] = {"1",   "2", "01",    "1.0", "1E0", "-0",
                                             "abc", "",  "1e999", " 1",  "3"};

  template <std::size_t N>
  std::string pickOf(const char* const (&options)[N]) {
    return options[pick(static_cast<int>(N))];
  }

  std::string key() {
    std::string out = "{";
    const int count = pick(4);
    for (int i = 0; i < count; ++i) {
      out += std::string(i ? "," : "") + "\"" + pickOf(kNames) + "\":" + keyValue();
    }
    return out + "}";
  }

  std::string keyValue() {
    switch (pick(9)) {
      case 0:
        return R"({"S":"k1"})";
      case 1:
        return R"({"S":""})";
      case 2:
        return R"({"N":")" + pickOf(kNumbers) + "\"}";
      case 3:
        return R"({"B":"AQ=="})";
      case 4:
        return R"({"S":"caf\u00e9"})";
      case 5:
        return R"({"S":"k\"2"})";
      case 6:
        return R"({"BOOL":true})";
      case 7:
        return R"({"S":"x","N":"1"})";
      default:
        return R"({"M":{"a":{"S":"b"}}})";
    }
  }

  std::mt19937 random_;
};

// Each table holds items with values of every kind (kValues), some of them large.
void seed(pd::Engine& engine) {
  pd::testing::run(engine, "CreateTable", kSingle);
  pd::testing::run(engine, "CreateTable", kComposite);
  pd::testing::run(engine, "CreateTable", kBinary);
  constexpr int kValueCount = static_cast<int>(std::size(kValues));
  for (int i = 0; i < 30; ++i) {
    std::string values;
    for (int v = 0; v < 3; ++v) {
      values += ",\"v" + std::to_string(v) + "\":" + kValues[(i * 3 + v) % kValueCount];
    }
    pd::testing::run(engine, "PutItem",
                     R"({"TableName":"single","Item":{"pk":{"S":"k)" + std::to_string(i) + "\"}" +
                         values + "}}");
    pd::testing::run(engine, "PutItem",
                     R"({"TableName":"composite","Item":{"pk":{"N":")" + std::to_string(i % 4) +
                         R"("},"sk":{"S":"s)" + std::to_string(i % 4) + "\"}" + values + "}}");
  }
  pd::testing::run(engine, "PutItem",
                   R"({"TableName":"binary","Item":{"id":{"B":"AQ=="},"v":{"S":"x"}}})");
  // A map member named __proto__: the document form cannot say it.
  pd::testing::run(engine, "PutItem",
                   R"({"TableName":"single","Item":{"pk":{"S":"proto"},)"
                   R"("m":{"M":{"__proto__":{"M":{"x":{"N":"1"}}}}}}})");
}

std::unique_ptr<pd::Engine> seeded(bool fast) {
  auto engine = pd::testing::engineAt(1790000000);
  engine->setFastPaths(fast);
  seed(*engine);
  return engine;
}

}  // namespace

TEST_CASE("fast GetItem: the same answers as the general path", "[fast-get]") {
  auto fast = seeded(true);
  auto general = seeded(false);
  Generator generate(20261205);
  int found = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::string body = generate.getBody();
    const pd::Response a = fast->execute("GetItem", body);
    const pd::Response b = general->execute("GetItem", body);
    INFO(body);
    REQUIRE(a.ok == b.ok);
    REQUIRE(a.body == b.body);
    REQUIRE(a.wrote == b.wrote);
    found += a.ok && a.body.find("\"Item\"") != std::string::npos;
  }
  CHECK(found > 1000);  // plenty of the generated reads find an item
}

TEST_CASE("fast GetItem: takes plain gets, leaves everything else to the general path",
          "[fast-get]") {
  pd::Database db;
  db.now = [] { return 1790000000.0; };
  pd::createTable(db, json::parse(kSingle));
  CHECK(pd::tryFastGetItem(db, R"({"TableName":"single","Key":{"pk":{"S":"a"}}})") == "{}");
  CHECK(pd::tryFastGetItem(
      db, R"({"Key":{"pk":{"S":"a"}},"ConsistentRead":true,"TableName":"single"})"));
  for (const char* other : {
           R"({"TableName":"single","Key":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"TOTAL"})",
           R"({"TableName":"single","Key":{"pk":{"S":"a"}},"ProjectionExpression":"pk"})",
           R"({"TableName":"single","Key":{"pk":{"S":"a\u00e9"}}})",
           R"({"TableName":"single","Key":{"pk":{"N":"1"}}})",
           R"({"TableName":"single","Key":{"pk":{"S":""}}})",
           R"({"TableName":"single","Key":{"pk":{"S":"a"},"x":{"S":"b"}}})",
           R"({"TableName":"missing","Key":{"pk":{"S":"a"}}})",
           R"({"TableName":"single"})",
       }) {
    INFO(other);
    CHECK_FALSE(pd::tryFastGetItem(db, other));
  }
}

TEST_CASE("document form: GetItem, Query and Scan hold the wire answer's values",
          "[document-form]") {
  auto engine = seeded(true);
  Generator generate(7);
  std::vector<std::pair<std::string, std::string>> requests;
  for (int i = 0; i < 400; ++i) requests.emplace_back("GetItem", generate.getBody());
  for (const char* scan : {
           R"({"TableName":"single"})",
           R"({"TableName":"single","Limit":7})",
           R"({"TableName":"single","ProjectionExpression":"v1, v2, m"})",
           R"({"TableName":"composite","ReturnConsumedCapacity":"TOTAL"})",
           R"({"TableName":"composite","Select":"COUNT"})",
           R"({"TableName":"binary"})",
           R"({"TableName":"missing"})",
           R"({"TableName":"single","Limit":0})",
       }) {
    requests.emplace_back("Scan", scan);
  }
  for (int pk = 0; pk < 5; ++pk) {
    const std::string values = R"(":p":{"N":")" + std::to_string(pk) + "\"}";
    requests.emplace_back("Query", R"({"TableName":"composite","KeyConditionExpression":"pk = :p",)"
                                   R"("ExpressionAttributeValues":{)" +
                                       values + "}}");
    requests.emplace_back("Query", R"({"TableName":"composite","KeyConditionExpression":"pk = :p",)"
                                   R"("Limit":2,"ProjectionExpression":"v0",)"
                                   R"("ExpressionAttributeValues":{)" +
                                       values + "}}");
  }
  requests.emplace_back("Query", R"({"TableName":"composite","KeyConditionExpression":"nope"})");
  requests.emplace_back("GetItem", R"({"TableName":"single","Key":{"pk":{"S":"proto"}}})");

  int marked = 0;
  int wire = 0;
  for (const auto& [operation, body] : requests) {
    INFO(operation << " " << body);
    const pd::Response expected = engine->execute(operation, body);
    const pd::DocumentResponse answer = engine->executeDocument(operation, body);
    REQUIRE(answer.ok == expected.ok);
    if (!expected.ok || answer.form == 2) {
      // Errors, and answers the document form cannot say, come back exactly in wire form.
      REQUIRE(answer.body == expected.body);
      wire += answer.form == 2;
      continue;
    }
    const json document = json::parse(answer.body);
    REQUIRE(document == pd::testing::documentAnswer(json::parse(expected.body)));
    REQUIRE((answer.form == 1) == pd::testing::hasMarked(document));
    marked += answer.form == 1;
  }
  CHECK(marked > 50);
  CHECK(wire >= 1);  // the __proto__ item, at least
  // Other operations answer in wire form.
  const pd::DocumentResponse put = engine->executeDocument(
      "PutItem", R"({"TableName":"single","Item":{"pk":{"S":"n"},"b":{"B":"AQ=="}}})");
  CHECK((put.ok && put.form == 2 && put.body == "{}"));
}

TEST_CASE("document form: the proto item is answered in wire form", "[document-form]") {
  auto engine = seeded(true);
  const char* body = R"({"TableName":"single","Key":{"pk":{"S":"proto"}}})";
  const pd::DocumentResponse answer = engine->executeDocument("GetItem", body);
  CHECK(answer.form == 2);
  CHECK(answer.body == engine->execute("GetItem", body).body);
  const pd::DocumentResponse plain =
      engine->executeDocument("GetItem", R"({"TableName":"single","Key":{"pk":{"S":"k1"}}})");
  CHECK(plain.form == 0);
}
