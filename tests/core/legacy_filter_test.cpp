// QueryFilter / ScanFilter / KeyConditions translation (core/api/legacy/legacy_conditions.h), which
// Query and Scan will call; DynamoDB's messages as recorded by dynalite's scan/query tests.
#include <catch2/catch.hpp>

#include "api/legacy/legacy_conditions.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"

namespace {

using pd::Json;

// The message of the DynamoError `run` throws ("" when none).
template <typename F>
std::string messageOf(F run) {
  try {
    run();
  } catch (const pd::DynamoError& error) {
    return error.message;
  }
  return "";
}

std::string failure(const Json& filter) {
  return messageOf([&] { pd::translateFilter(&filter, nullptr); });
}

bool matches(const Json& filter, const Json& item, const char* op = nullptr) {
  const std::string conditionalOperator = op ? op : "";
  auto condition = pd::translateFilter(&filter, op ? &conditionalOperator : nullptr);
  REQUIRE(condition);
  return condition->evaluate(pd::parseItem(item));
}

const Json kItem = Json::parse(R"({"s":{"S":"hello"},"n":{"N":"5"},"ss":{"SS":["x","y"]}})");

}  // namespace

TEST_CASE("legacy filters evaluate like the equivalent FilterExpression", "[legacy]") {
  CHECK(matches(
      Json::parse(R"({"n":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"4"}]}})"), kItem));
  CHECK_FALSE(matches(
      Json::parse(R"({"n":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"4"}]}})"), kItem));
  CHECK(matches(
      Json::parse(R"({"ss":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"y"}]}})"),
      kItem));
  CHECK_FALSE(matches(
      Json::parse(
          R"({"zz":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"S":"y"}]}})"),
      kItem));
  const Json both = Json::parse(
      R"({"s":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"bye"}]},"zz":{"ComparisonOperator":"NULL"}})");
  CHECK_FALSE(matches(both, kItem));
  CHECK(matches(both, kItem, "OR"));
  CHECK_FALSE(pd::translateFilter(nullptr, nullptr));
}

TEST_CASE("legacy filters are checked with DynamoDB's messages", "[legacy]") {
  const std::string invalid = "One or more parameter values were invalid: ";
  CHECK(failure(Json::parse(R"({"a":{"ComparisonOperator":"EQ"}})")) ==
        invalid + "Invalid number of argument(s) for the EQ ComparisonOperator");
  CHECK(failure(Json::parse(
            R"({"a":{"ComparisonOperator":"IN","AttributeValueList":[{"BOOL":true}]}})")) ==
        invalid + "ComparisonOperator IN is not valid for BOOL AttributeValue type");
  CHECK(failure(Json::parse(
            R"({"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"},{"N":"x"}]}})")) ==
        "The parameter cannot be converted to a numeric value: x");
  CHECK(
      failure(Json::parse(
          R"({"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"b"},{"S":"a"}]}})")) ==
      "The BETWEEN condition was provided a range where the lower bound is greater than the upper "
      "bound");
}

TEST_CASE("ConditionalOperator needs two or more filter conditions", "[legacy]") {
  const std::string op = "AND";
  const Json one = Json::parse(R"({"a":{"ComparisonOperator":"NULL"}})");
  CHECK(messageOf([&] { pd::checkConditionalOperator(&op, nullptr); }) ==
        "ConditionalOperator cannot be used without Filter or Expected");
  CHECK(messageOf([&] { pd::checkConditionalOperator(&op, &one); }) ==
        "ConditionalOperator can only be used when Filter or Expected has two or more elements");
}

TEST_CASE("KeyConditions translate to key condition parts", "[legacy]") {
  const auto parts = pd::translateKeyConditions(Json::parse(
      R"({"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"k"}]},
          "b":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"9"}]}})"));
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].attribute == "a");
  CHECK(parts[0].op == pd::expr::KeyOp::Eq);
  CHECK(parts[1].op == pd::expr::KeyOp::Between);
  CHECK(parts[1].values.size() == 2);
  const Json ne =
      Json::parse(R"({"a":{"ComparisonOperator":"NE","AttributeValueList":[{"S":"k"}]}})");
  CHECK(messageOf([&] { pd::translateKeyConditions(ne); }) ==
        "Attempted conditional constraint is not an indexable operation");
  CHECK(messageOf([&] { pd::translateKeyConditions(Json::object()); }) ==
        "Conditions can be of length 1 or 2 only");
}
