// Specification: UpdateExpression checks (DynamoDB's messages and order) and how an update
// changes an item.
#include <catch2/catch.hpp>

#include <string>

#include "expr_test_helpers.h"
#include "model/decimal.h"

using namespace exprtest;

namespace {
const std::string kUpdate = "Invalid UpdateExpression: ";
const Item kValues{{":a", S("a")}, {":b", S("a")}};
const Names kNames{{"#a", "a"}, {"#b", "b"}};
}  // namespace

TEST_CASE("update: plain attribute names must not be reserved words", "[expr]") {
  CHECK(updateError(" set #c = :c set abOrt = true ", kNames, kValues) ==
        kUpdate + "Attribute name is a reserved keyword; reserved keyword: abOrt");
  CHECK(updateError(" remove Absolute ", kNames, kValues) ==
        kUpdate + "Attribute name is a reserved keyword; reserved keyword: Absolute");
}

TEST_CASE("update: only if_not_exists and list_append are functions", "[expr]") {
  CHECK(updateError("set #c = if_not_exist(:c) set c = d", kNames, kValues) ==
        kUpdate + "Invalid function name; function: if_not_exist");
  CHECK(updateError("set a = size(b)") == kUpdate + "Invalid function name; function: size");
}

TEST_CASE("update: each section may appear once", "[expr]") {
  const std::pair<const char*, const char*> cases[] = {
      {"set a = #c set c = :d", "SET"},
      {"remove #d set a = b remove e", "REMOVE"},
      {"add #d :e set a = b add e :f", "ADD"},
      {"delete #d :e set a = b delete #e :f", "DELETE"},
  };
  for (const auto& [expression, section] : cases) {
    INFO(expression);
    CHECK(updateError(expression, kNames, kValues) ==
          kUpdate + "The \"" + section +
              "\" section can only be used once in an update expression;");
  }
}

TEST_CASE("update: undefined names are reported before undefined values", "[expr]") {
  CHECK(updateError("SET #a = :c, #c = :a", kNames, kValues) ==
        kUpdate +
            "An expression attribute name used in the document path is not defined; "
            "attribute name: #c");
  CHECK(updateError("SET #a = if_not_exists(#a, :c)", kNames, kValues) ==
        kUpdate +
            "An expression attribute value used in expression is not defined; attribute "
            "value: :c");
}

TEST_CASE("update: two actions may not touch overlapping or conflicting paths", "[expr]") {
  const Names names{{"#c", "c"}, {"#d", "[3]"}};
  CHECK(updateError("set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)", names) ==
        kUpdate +
            "Two document paths overlap with each other; must remove or rewrite one of "
            "these paths; path one: [c, [1], a], path two: [c]");
  CHECK(updateError("set #c[3].#d = a, #c[3] = a", names) ==
        kUpdate +
            "Two document paths overlap with each other; must remove or rewrite one of "
            "these paths; path one: [c, [3], [3]], path two: [c, [3]]");
  CHECK(updateError("set f = :a remove f", {}, kValues) ==
        kUpdate +
            "Two document paths overlap with each other; must remove or rewrite one of "
            "these paths; path one: [f], path two: [f]");
  CHECK(updateError("set #c[3].#d = a, #c.#d[3] = if_not_exists(a)", names) ==
        kUpdate +
            "Two document paths conflict with each other; must remove or rewrite one of "
            "these paths; path one: [c, [3], [3]], path two: [c, [3], [3]]");
  CHECK(updateError("remove a.#c set a[1] = #d", {{"#c", "c"}, {"#d", "d"}}) ==
        kUpdate +
            "Two document paths conflict with each other; must remove or rewrite one of "
            "these paths; path one: [a, c], path two: [a, [1]]");
}

TEST_CASE("update: ADD takes a number or a set and DELETE a set", "[expr]") {
  const std::tuple<const char*, AttributeValue, const char*, const char*> cases[] = {
      {"set b = list_append(:a, a), c = if_not_exists(a) add a.b :a", S("a"), "ADD", "STRING"},
      {"delete a.b :a", S("a"), "DELETE", "STRING"},
      {"add a.b :a", Null(), "ADD", "NULL"},
      {"add a.b :a", Bool(false), "ADD", "BOOLEAN"},
      {"delete a.b :a", B("a"), "DELETE", "BINARY"},
      {"add a.b :a", M({}), "ADD", "MAP"},
      {"delete a.b :a", L({N("1")}), "DELETE", "LIST"},
      {"delete a.b :a", N("1"), "DELETE", "NUMBER"},
  };
  for (const auto& [expression, value, op, type] : cases) {
    INFO(expression);
    CHECK(updateError(expression, {}, {{":a", value}, {":b", S("a")}}) ==
          kUpdate + "Incorrect operand type for operator or function; operator: " + op +
              ", operand type: " + type);
  }
}

TEST_CASE("update: functions need their operand counts, paths and types", "[expr]") {
  CHECK(updateError("set a = if_not_exists(c)") ==
        kUpdate +
            "Incorrect number of operands for operator or function; operator or function: "
            "if_not_exists, number of operands: 1");
  CHECK(updateError("set a = list_append(c)") ==
        kUpdate +
            "Incorrect number of operands for operator or function; operator or function: "
            "list_append, number of operands: 1");
  CHECK(updateError("set a = if_not_exists(:a, c)", {}, kValues) ==
        kUpdate +
            "Operator or function requires a document path; operator or function: "
            "if_not_exists");
  CHECK(updateError("set a = if_not_exists(if_not_exists(a, b), c)") ==
        kUpdate +
            "Operator or function requires a document path; operator or function: "
            "if_not_exists");
  const Item values{{":a", S("a")},    {":b", N("1")}, {":c", B("a")},
                    {":f", SS({"a"})}, {":i", M({})},  {":j", L({})}};
  const std::tuple<const char*, const char*, const char*> cases[] = {
      {"set a = list_append(:a, a)", "list_append", "S"},
      {"set a = list_append(a, :b)", "list_append", "N"},
      {"set a = list_append(:i, a)", "list_append", "M"},
      {"set a = a + :a", "+", "S"},
      {"set a = :c + a", "+", "B"},
      {"set a = a + :j", "+", "L"},
      {"set a = a - :f", "-", "SS"},
      {"set a = :a - :c", "-", "S"},
  };
  for (const auto& [text, function, type] : cases) {
    INFO(text);
    pd::expr::Placeholders placeholders({}, values);
    // A structured binding cannot be captured by a lambda in C++17 (clang enforces it).
    const std::string expression = text;
    CHECK(errorOf([&] { pd::expr::UpdateExpression::parse(expression, placeholders); }) ==
          kUpdate + "Incorrect operand type for operator or function; operator or function: " +
              function + ", operand type: " + type);
  }
}

TEST_CASE("update: SET writes values, copies attributes and does exact arithmetic", "[expr]") {
  Item item{{"k", S("key")}, {"n", N("0.1")}, {"l", L({N("1")})}};
  Item values{{":v", S("x")},
              {":d", N("0.2")},
              {":l", L({N("2")})},
              {":big", N(pd::Decimal::parse("9e125").toString())}};
  Item result = update(
      "SET a = :v, b = k, c = n + :d, d = n - :d, e = list_append(l, :l), "
      "f = list_append(:l, l)",
      item, values);
  CHECK(result.at("a") == S("x"));
  CHECK(result.at("b") == S("key"));
  CHECK(result.at("c") == N("0.3"));
  CHECK(result.at("d") == N("-0.1"));
  CHECK(result.at("e") == L({N("1"), N("2")}));
  CHECK(result.at("f") == L({N("2"), N("1")}));
  CHECK(result.at("k") == S("key"));
  CHECK(applyError("SET a = :big + :big", item, values) ==
        "Number overflow. Attempting to store a number with magnitude larger than supported "
        "range");
}

TEST_CASE("update: if_not_exists keeps an existing value", "[expr]") {
  Item values{{":z", N("0")}};
  CHECK(update("SET n = if_not_exists(n, :z)", {{"n", N("5")}}, values).at("n") == N("5"));
  CHECK(update("SET n = if_not_exists(n, :z)", {}, values).at("n") == N("0"));
  CHECK(update("SET b = if_not_exists(b, a)", {{"a", S("k")}}).at("b") == S("k"));
}

TEST_CASE("update: every value is computed from the item before the update", "[expr]") {
  // Recorded against DynamoDB (dynalite's "should update nested attributes").
  Item item{{"a", S("key")},
            {"b", M({{"a", N("1")}, {"b", N("2")}, {"c", N("3")}})},
            {"c", L({N("1"), N("3")})}};
  Item result = update(
      "set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c add c[8] :b, c[6] :a",
      item, {{":a", N("2")}, {":b", SS({"a"})}});
  CHECK(result.at("b") == M({{"a", S("key")}, {"b", N("2")}, {"c", N("4")}}));
  CHECK(result.at("c") == L({N("1"), S("key"), N("3"), N("-1"), N("2"), SS({"a"})}));
}

TEST_CASE("update: a list index past the end appends", "[expr]") {
  Item result = update("SET l[10] = :v", {{"l", L({N("1")})}}, {{":v", N("2")}});
  CHECK(result.at("l") == L({N("1"), N("2")}));
}

TEST_CASE("update: reading a missing attribute is an error", "[expr]") {
  CHECK(applyError("set c = b", {}) ==
        "The provided expression refers to an attribute that does not exist in the item");
  CHECK(applyError("set e = list_append(b, c)", {}) ==
        "The provided expression refers to an attribute that does not exist in the item");
}

TEST_CASE("update: operands of the wrong stored type are an error", "[expr]") {
  Item item{{"b", M({{"a", SS({"1"})}})}, {"c", N("1")}, {"d", NS({"1"})}, {"s", S("x")}};
  const std::pair<const char*, AttributeValue> cases[] = {
      {"delete d :a", SS({"1"})},
      {"delete b :a", NS({"1"})},
      {"delete b.a :a", NS({"1"})},
      {"delete c :a", NS({"1"})},
      {"add b :a", NS({"1"})},
      {"add d :a", N("1")},
      {"set e = s + :a", N("1")},
      {"set e = b - :a", N("1")},
      {"set e = list_append(d, if_not_exists(f, :a))", L({})},
  };
  for (const auto& [expression, value] : cases) {
    INFO(expression);
    CHECK(applyError(expression, item, {{":a", value}}) ==
          "An operand in the update expression has an incorrect data type");
  }
}

TEST_CASE("update: a nested path needs its parent to exist with the right type", "[expr]") {
  Item item{{"b", S("a")}, {"c", M({{"1", S("a")}})}, {"d", L({S("a"), S("b")})}};
  const Names names{{"#1", "1"}};
  for (const char* expression :
       {"set b.a = :a",   "set b[1] = :a", "set y.a = :a",  "set y[1] = :a",  "set c[1] = :a",
        "set d.#1 = :a",  "remove b.a",    "remove b[1]",   "remove y.a",     "remove y[1]",
        "remove c[1]",    "remove d.#1",   "delete b.a :a", "delete y[1] :a", "delete c[1] :a",
        "delete d.#1 :a", "add b.a :a",    "add y.a :a",    "add c[1] :a",    "add d.#1 :a"}) {
    INFO(expression);
    Names used = std::string(expression).find("#1") != std::string::npos ? names : Names{};
    CHECK(applyError(expression, item, {{":a", SS({"a"})}}, used) ==
          "The document path provided in the update expression is invalid for update");
  }
}

TEST_CASE("update: REMOVE deletes attributes, map keys and list elements, which shift", "[expr]") {
  Item item{{"a", N("1")},
            {"m", M({{"x", N("1")}, {"y", N("2")}})},
            {"l", L({N("0"), N("1"), N("2"), N("3")})}};
  Item result = update("REMOVE a, m.x, l[1], l[3], l[9], nothere", item);
  CHECK(result.count("a") == 0);
  CHECK(result.at("m") == M({{"y", N("2")}}));
  CHECK(result.at("l") == L({N("0"), N("2")}));  // indexes name the original elements
}

TEST_CASE("update: ADD sums numbers, unions sets and creates missing attributes", "[expr]") {
  Item item{{"n", N("1.5")}, {"s", SS({"a", "b"})}, {"m", M({})}};
  Item values{{":n", N("-2")}, {":s", SS({"b", "c"})}, {":ns", NS({"1"})}};
  Item result = update("ADD n :n, s :s, fresh :ns, m.tally :n", item, values);
  CHECK(result.at("n") == N("-0.5"));
  CHECK(result.at("s") == SS({"a", "b", "c"}));
  CHECK(result.at("fresh") == NS({"1"}));
  CHECK(result.at("m") == M({{"tally", N("-2")}}));
}

TEST_CASE("update: DELETE removes set elements and an emptied set disappears", "[expr]") {
  Item item{{"s", SS({"a", "b", "c"})}, {"t", NS({"1", "2"})}};
  Item result = update("DELETE s :s, t :t, nothere :s", item,
                       {{":s", SS({"a", "x"})}, {":t", NS({"1", "2"})}});
  CHECK(result.at("s") == SS({"b", "c"}));
  CHECK(result.count("t") == 0);
  CHECK(result.count("nothere") == 0);
}

TEST_CASE("update: sections may come in any order and clauses may be comma-separated", "[expr]") {
  Item values{
      {":c", SS({"a", "b"})}, {":d", N("5")}, {":e", SS({"a", "b"})}, {":f", L({S("a"), N("1")})}};
  Item expected{{"d", N("5")}, {"e", SS({"a", "b"})}, {"f", L({S("a"), N("1")})}};
  CHECK(update("REMOVE b DELETE c :c ADD d :d, e :e SET f = :f", {}, values) == expected);
  CHECK(update("ADD #e :e,#d :d DELETE #c :c REMOVE #b SET #f = :f", {}, values,
               {{"#b", "b"}, {"#c", "c"}, {"#d", "d"}, {"#e", "e"}, {"#f", "f"}}) == expected);
}

TEST_CASE("update: target paths and key protection for the calling operation", "[expr]") {
  pd::expr::Placeholders placeholders({}, {{":a", N("1")}});
  auto expression = pd::expr::UpdateExpression::parse("SET b = :a REMOVE c.d", placeholders);
  auto targets = expression.targetPaths();
  REQUIRE(targets.size() == 2);
  CHECK(pd::expr::pathToString(targets[1]) == "[c, d]");
  CHECK(errorOf([&] {
          expression.checkKeysNotUpdated({"a", "c"});
        }) ==
        "One or more parameter values were invalid: Cannot update attribute c. This attribute is "
        "part of the key");
  // UPDATED_NEW: the new item projected on the target paths.
  Item updated = expression.apply({{"c", M({{"d", N("1")}, {"e", N("2")}})}});
  CHECK(pd::expr::ProjectionExpression::fromPaths(targets).apply(updated) == Item{{"b", N("1")}});
}
