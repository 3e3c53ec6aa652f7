// Specification: KeyConditionExpression shape checks and matching against the key schema.
#include <catch2/catch.hpp>

#include "expr_test_helpers.h"

using namespace exprtest;
using pd::expr::KeyOp;

namespace {

std::vector<pd::expr::KeyConditionPart> keyParts(const std::string& text, Item values = {}) {
  pd::expr::Placeholders placeholders({}, std::move(values));
  return pd::expr::ConditionExpression::parse(pd::expr::Kind::KeyCondition, text, placeholders)
      .keyConditions();
}

std::string keyError(const std::string& text, Item values = {}) {
  return errorOf([&] { keyParts(text, std::move(values)); });
}

}  // namespace

TEST_CASE("key condition: only =, <, <=, >, >=, BETWEEN and begins_with joined by AND", "[expr]") {
  const std::pair<const char*, const char*> cases[] = {
      {"a > b and size(b) > c or a > c", "OR"},
      {"a in (b, size(c), d)", "IN"},
      {"attribute_exists(a)", "attribute_exists"},
      {"attribute_not_exists(a)", "attribute_not_exists"},
      {"contains(a.d, b)", "contains"},
      {"not a > b", "NOT"},
      {"a <> b", "<>"},
  };
  for (const auto& [expression, op] : cases) {
    INFO(expression);
    CHECK(keyError(expression) ==
          std::string("Invalid operator used in KeyConditionExpression: ") + op);
  }
  CHECK(keyError("attribute_type(a, :a)", {{":a", S("S")}}) ==
        "Invalid operator used in KeyConditionExpression: attribute_type");
}

TEST_CASE("key condition: shape errors use DynamoDB's messages", "[expr]") {
  Item values{{":a", S("1")}, {":b", S("1")}};
  CHECK(keyError(":a between size(b) and size(a) and b > :b", values) ==
        "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
        "attribute as its first operand");
  CHECK(keyError("begins_with(:a, b) and a > :b", values) ==
        "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
        "attribute as its first operand");
  for (const char* expression :
       {"size(b) > a AND a.b > b AND b > c", "a > size(b.d)", "a between size(b) and size(a)"}) {
    CHECK(keyError(expression) == "KeyConditionExpressions cannot contain nested operations");
  }
  for (const char* expression : {"b > a.b", "b between c[1] and d", "begins_with(a, b)"}) {
    CHECK(keyError(expression) ==
          "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
          "condition");
  }
  for (const char* expression : {"b.d > a AND c.d > e.f", "a.d > c", "b[0] > a"}) {
    CHECK(keyError(expression) ==
          "KeyConditionExpressions cannot have conditions on nested attributes");
  }
  CHECK(keyError(":b > :a AND a < :b", values) ==
        "Invalid condition in KeyConditionExpression: No key attribute specified");
  CHECK(keyError("b > :a AND b < :a and c = :a and d = :a", values) ==
        "KeyConditionExpressions must only contain one condition per key");
  // Up to eight: four partition-key and four sort-key attributes of a multi-attribute GSI key
  // (the Query refuses a third on a table before looking it up).
  CHECK(keyParts("a = :a and b = :a and c = :a", values).size() == 3);
  CHECK(keyError("a = :a and b = :a and c = :a and d = :a and e = :a and f = :a and g = :a and "
                 "h = :a and i = :a",
                 values) == "Conditions can be of length 1 or 2 only");
}

TEST_CASE("key condition: BETWEEN bounds are checked with the KeyConditionExpression prefix",
          "[expr]") {
  CHECK(keyError("a between :b and :a", {{":a", S("a")}, {":b", N("1")}}) ==
        "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower "
        "and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
        "AttributeValue: {S:a}");
}

TEST_CASE("key condition: parts come out with the key on the left", "[expr]") {
  auto parts = keyParts(":v = pk AND :lo <= sk", {{":v", S("p")}, {":lo", N("3")}});
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].attribute == "pk");
  CHECK(parts[0].op == KeyOp::Eq);
  CHECK(parts[1].attribute == "sk");
  CHECK(parts[1].op == KeyOp::Ge);
  CHECK(parts[1].values == std::vector<AttributeValue>{N("3")});
  auto between = keyParts("pk = :v AND sk BETWEEN :lo AND :hi",
                          {{":v", S("p")}, {":lo", N("1")}, {":hi", N("2")}});
  CHECK(between[1].op == KeyOp::Between);
  CHECK(between[1].values.size() == 2);
  CHECK(keyParts("pk = :v AND begins_with(sk, :p)", {{":v", S("p")}, {":p", S("x")}})[1].op ==
        KeyOp::BeginsWith);
}

TEST_CASE(
    "key condition: the partition key needs an equality and other keys must be the sort "
    "key",
    "[expr]") {
  Item values{{":v", S("p")}};
  auto parts = keyParts("pk = :v AND sk > :v", values);
  auto match = pd::expr::matchKeySchema(parts, "pk", std::string("sk"));
  CHECK(match.hash->attribute == "pk");
  CHECK(match.range->attribute == "sk");
  CHECK(errorOf([&] { pd::expr::matchKeySchema(parts, "id", std::string("sk")); }) ==
        "Query condition missed key schema element: id");
  CHECK(errorOf([&] { pd::expr::matchKeySchema(parts, "pk", std::string("other")); }) ==
        "Query condition missed key schema element: other");
  auto ranged = keyParts("pk > :v", values);
  CHECK(errorOf([&] { pd::expr::matchKeySchema(ranged, "pk", std::nullopt); }) ==
        "Query key condition not supported");
}

TEST_CASE("key condition: the parsed condition also evaluates items", "[expr]") {
  pd::expr::Placeholders placeholders({}, {{":v", S("p")}, {":n", N("2")}});
  auto condition = pd::expr::ConditionExpression::parse(pd::expr::Kind::KeyCondition,
                                                        "pk = :v AND sk > :n", placeholders);
  CHECK(condition.evaluate(Item{{"pk", S("p")}, {"sk", N("3")}}));
  CHECK_FALSE(condition.evaluate(Item{{"pk", S("p")}, {"sk", N("2")}}));
}
