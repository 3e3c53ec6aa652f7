// The PutItem fast path (api/items/fast_put.h) answers exactly as the general path: thousands of
// generated PutItem bodies, valid and not (bad numbers, wrong key types, empty or duplicate
// names, sets, binaries, escapes, non-ASCII text, deep nesting, extra members, missing tables),
// run on two engines, one with the fast path and one without, must get the same responses and
// leave the same tables, indexes and streams.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "api/items/fast_put.h"
#include "api/operations.h"
#include "storage_helpers.h"

namespace {

using nlohmann::json;

const char* const kTables =
    R"({"TableName":"single","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})";
const char* const kIndexed =
    R"({"TableName":"indexed","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"N"},)"
    R"({"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],)"
    R"("Projection":{"ProjectionType":"ALL"}}],"BillingMode":"PAY_PER_REQUEST",)"
    R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})";

class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  std::string body() {
    std::string out = "{";
    std::vector<std::string> members;
    const int shape = pick(20);
    const std::string table = pick(3) ? (pick(2) ? "single" : "indexed") : pickOf(kTableNames);
    if (shape != 0) members.push_back("\"TableName\":" + quoted(table));
    if (shape != 1) members.push_back("\"Item\":" + (pick(2) ? validItem(table) : item()));
    if (shape == 2) members.push_back(R"("ReturnValues":"ALL_OLD")");
    if (shape == 3) members.push_back(R"("ReturnConsumedCapacity":"TOTAL")");
    if (shape == 4) members.push_back(R"("TableName":"single")");  // a duplicate member
    if (shape == 5) members.push_back(R"x("ConditionExpression":"attribute_not_exists(pk)")x");
    if (pick(2)) std::reverse(members.begin(), members.end());
    for (std::size_t i = 0; i < members.size(); ++i)
      out += (i ? (pick(3) ? "," : " ,\n ") : "") + members[i];
    return out + "}" + (pick(30) == 0 ? " x" : pick(4) == 0 ? " \n" : "");
  }

 private:
  static constexpr const char* kTableNames[] = {"single", "indexed", "missing", "ab", ""};
  static constexpr const char* kNames[] = {"pk", "sk", "g", "a", "b", "", "c d", "é"};
  static constexpr const char* kNumbers[] = {"1",
                                             "-0",
                                             "0.0",
                                             "1.50",
                                             "1E+2",
                                             "1e5",
                                             "00.10",
                                             " 1",
                                             "1e126",
                                             "1e-131",
                                             "abc",
                                             "",
                                             "12345678901234567890123456789012345678",
                                             "123456789012345678901234567890123456789",
                                             ".5",
                                             "5.",
                                             "-"};
  static constexpr const char* kStrings[] = {"x",           "",       "hello world", "a\\\"b",
                                             "caf\xc3\xa9", "tab\\t", "k1",          "k2"};

  int pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }
  template <std::size_t N>
  const char* pickOf(const char* const (&options)[N]) {
    return options[pick(static_cast<int>(N))];
  }
  static std::string quoted(const std::string& text) { return "\"" + text + "\""; }

  std::string item() {
    std::string out = "{";
    const int count = pick(6);
    for (int i = 0; i < count; ++i) {
      if (i) out += ",";
      out += quoted(pickOf(kNames)) + ":" + value(0);
    }
    if (pick(3)) out += std::string(count ? "," : "") + R"("pk":)" + keyValue();
    return out + "}";
  }

  // An item that fits its table's key schema, with well-formed values only (mostly accepted).
  std::string validItem(const std::string& table) {
    std::string out = table == "indexed"
                          ? R"({"pk":{"N":")" + std::to_string(pick(50)) + R"("},"sk":{"S":"s)" +
                                std::to_string(pick(5)) + "\"}"
                          : R"({"pk":{"S":"k)" + std::to_string(pick(50)) + "\"}";
    if (pick(2)) out += R"(,"g":{"S":"g)" + std::to_string(pick(3)) + "\"}";
    for (int i = pick(4); i > 0; --i) out += ",\"v" + std::to_string(i) + "\":" + validValue(0);
    return out + "}";
  }

  std::string validValue(int depth) {
    switch (depth > 3 ? pick(4) : pick(6)) {
      case 0:
        return R"({"S":"some text"})";
      case 1:
        return R"({"N":")" + std::string(kNumbers[pick(10)]) + "\"}";
      case 2:
        return R"({"BOOL":false})";
      case 3:
        return R"({"NULL":true})";
      case 4:
        return R"({"L":[)" + validValue(depth + 1) + "," + validValue(depth + 1) + "]}";
      default:
        return R"({"M":{"x":)" + validValue(depth + 1) + "}}";
    }
  }

  std::string keyValue() {
    switch (pick(4)) {
      case 0:
        return R"({"S":")" + std::string(pickOf(kStrings)) + "\"}";
      case 1:
        return R"({"N":")" + std::string(pickOf(kNumbers)) + "\"}";
      case 2:
        return R"({"S":"k)" + std::to_string(pick(5)) + "\"}";
      default:
        return R"({"N":")" + std::to_string(pick(5)) + "\"}";
    }
  }

  std::string value(int depth) {
    const int kind = depth > 40 ? pick(4) : pick(15);
    switch (kind) {
      case 0:
        return R"({"S":")" + std::string(pickOf(kStrings)) + "\"}";
      case 1:
        return R"({"N":")" + std::string(pickOf(kNumbers)) + "\"}";
      case 2:
        return pick(2) ? R"({"BOOL":true})" : R"({"BOOL":false})";
      case 3:
        return pick(4) ? R"({"NULL":true})" : R"({"NULL":false})";
      case 4:
        return R"({"SS":["a","b"]})";
      case 5:
        return R"({"B":"AAE="})";
      case 6:
        return R"({"S":"x","N":"1"})";
      case 7:
        return R"({})";
      case 8:
        return R"({"S":null})";
      case 9:
        return R"({"BOOL":"yes"})";
      case 10: {
        std::string out = R"({"L":[)";
        for (int i = pick(3); i > 0; --i) out += value(depth + 1) + (i > 1 ? "," : "");
        return out + "]}";
      }
      default: {
        std::string out = R"({"M":{)";
        const int count = pick(3);
        for (int i = 0; i < count; ++i) {
          out += (i ? "," : "") + quoted(pickOf(kNames)) + ":" + value(depth + 1);
        }
        return out + "}}";
      }
    }
  }

  std::mt19937 random_;
};

json withoutRandomIds(json value) {
  if (value.is_object()) {
    for (const char* key :
         {"TableId", "ShardId", "eventID", "ShardIterator", "NextShardIterator"}) {
      value.erase(key);
    }
  }
  if (value.is_structured()) {
    for (auto& child : value) child = withoutRandomIds(child);
  }
  return value;
}

std::unique_ptr<pd::Engine> withTables(bool fast) {
  auto engine = pd::testing::engineAt(1790000000);
  engine->setFastPaths(fast);
  pd::testing::run(*engine, "CreateTable", kTables);
  pd::testing::run(*engine, "CreateTable", kIndexed);
  return engine;
}

}  // namespace

TEST_CASE("fast PutItem: the same answers and the same data as the general path", "[fast-put]") {
  auto fast = withTables(true);
  auto general = withTables(false);
  Generator generate(20261126);
  int succeeded = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::string body = generate.body();
    const pd::Response a = fast->execute("PutItem", body);
    const pd::Response b = general->execute("PutItem", body);
    INFO(body);
    REQUIRE(a.ok == b.ok);
    REQUIRE(a.body == b.body);
    succeeded += a.ok;
  }
  CHECK(succeeded > 500);  // the generator makes plenty of valid puts too
  // Table ids and shard ids are random per engine; everything else must match.
  CHECK(withoutRandomIds(json::parse(pd::testing::dumpDatabase(*fast))) ==
        withoutRandomIds(json::parse(pd::testing::dumpDatabase(*general))));
}

TEST_CASE("fast PutItem: takes plain puts, leaves everything else to the general path",
          "[fast-put]") {
  pd::Database db;
  db.now = [] { return 1790000000.0; };
  pd::createTable(db, json::parse(kTables));
  CHECK(pd::tryFastPutItem(db, R"({"TableName":"single","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})"));
  CHECK(db.find("single")->itemCount() == 1);
  for (const char* other : {
           R"({"TableName":"single","Item":{"pk":{"S":"a"},"s":{"SS":["x"]}}})",
           R"({"TableName":"single","Item":{"pk":{"S":"a\u00e9"}}})",
           R"({"TableName":"single","Item":{"pk":{"S":"a"}},"ReturnValues":"ALL_OLD"})",
           R"({"TableName":"single","Item":{"pk":{"N":"1"}}})",
           R"({"TableName":"missing","Item":{"pk":{"S":"a"}}})",
           R"({"TableName":"single","Item":{"pk":{"S":"a"},"n":{"N":"1e999"}}})",
       }) {
    INFO(other);
    CHECK_FALSE(pd::tryFastPutItem(db, other));
  }
}
