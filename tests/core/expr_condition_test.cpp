// Specification: ConditionExpression / FilterExpression checks (with DynamoDB's messages and
// their order) and evaluation.
#include <catch2/catch.hpp>

#include <string>

#include "expr_test_helpers.h"

using namespace exprtest;

namespace {
const std::string kFilter = "Invalid FilterExpression: ";
}

TEST_CASE("doubled parentheses are rejected as redundant", "[expr]") {
  for (const char* expression :
       {"a=a and a > ((views))", "(a)between(((b.c)).d)and(c)", "a > whatever((:things), ((a)))",
        "a=a AND ((a=a AND a=a)) AND a=a", "a=a OR ((a=a OR a=a)) OR a=a",
        "a=a AND ((a=a AND (a=a AND a=a)))", "((a = b))"}) {
    INFO(expression);
    CHECK(filterError(expression) == kFilter + "The expression has redundant parentheses;");
  }
  CHECK(filterError("((a=a) AND (a=a))", {}, {}) ==
        kFilter +
            "The first operand must be distinct from the remaining operands for this "
            "operator or function; operator: =, first operand: [a]");
}

TEST_CASE("unknown function names are rejected, names are case-sensitive", "[expr]") {
  CHECK(filterError("a=a and whatever((:things)) > a") ==
        kFilter + "Invalid function name; function: whatever");
  CHECK(filterError("attRIbute_exIsts((views), #a)") ==
        kFilter + "Invalid function name; function: attRIbute_exIsts");
  CHECK(conditionError("if_not_exists(a, :b)") ==
        "Invalid ConditionExpression: Invalid function name; function: if_not_exists");
}

TEST_CASE("only size() may be an operand, and size() may not be a condition", "[expr]") {
  const std::pair<const char*, const char*> cases[] = {
      {"a=a and attribute_exists((views), (#a)) > b", "attribute_exists"},
      {"attribute_not_exists(things) > b", "attribute_not_exists"},
      {"attribute_type(things, :a) > b", "attribute_type"},
      {"begins_with(things, a) > b", "begins_with"},
      {"contains(:things, c) > b", "contains"},
      {"size(contains(a, b)) > a", "contains"},
      {"size(things)", "size"},
      {"a between b and attribute_exists(things)", "attribute_exists"},
      {"a in (b, attribute_exists(things))", "attribute_exists"},
      {"NOT size(a)", "size"},
  };
  for (const auto& [expression, function] : cases) {
    INFO(expression);
    CHECK(filterError(expression) ==
          kFilter + "The function is not allowed to be used this way in an expression; function: " +
              function);
  }
}

TEST_CASE("plain attribute names must not be reserved words", "[expr]") {
  CHECK(filterError("attribute_exists(views, #a)") ==
        kFilter + "Attribute name is a reserved keyword; reserved keyword: views");
  CHECK(filterError(":a < abOrT") ==
        kFilter + "Attribute name is a reserved keyword; reserved keyword: abOrT");
  CHECK(filterError("a.b.#c.Status = :v", {{"#c", "c"}}, {{":v", N("1")}}) ==
        kFilter + "Attribute name is a reserved keyword; reserved keyword: Status");
  CHECK(filterError("#s = :v", {{"#s", "status"}}, {{":v", N("1")}}) == "<nothing thrown>");
}

TEST_CASE("undefined #name and :value placeholders are named", "[expr]") {
  const std::pair<const char*, const char*> names[] = {
      {"attribute_exists(#Pictures.RearView, :a) and a=a", "#Pictures"},
      {"begins_with(Pictures.#RearView)", "#RearView"},
      {"(#P between :lo and :hi) and (#PC in (:cat1, :cat2))", "#P"},
      {"#4g > a", "#4g"},
      {"#_ > a", "#_"},
      {"(a)between(b.c[45].#d)and(:a)", "#d"},
  };
  for (const auto& [expression, name] : names) {
    INFO(expression);
    CHECK(filterError(expression) ==
          kFilter +
              "An expression attribute name used in the document path is not defined; attribute "
              "name: " +
              name);
  }
  const std::pair<const char*, const char*> values[] = {
      {"begins_with(:hello, #a, #b)", ":hello"}, {":a < :b", ":a"}, {":_ > a", ":_"}};
  for (const auto& [expression, value] : values) {
    INFO(expression);
    CHECK(filterError(expression) ==
          kFilter +
              "An expression attribute value used in expression is not defined; attribute "
              "value: " +
              value);
  }
}

TEST_CASE("functions need their number of operands", "[expr]") {
  const std::tuple<const char*, const char*, int> cases[] = {
      {"attribute_exists(things, a) and a=a", "attribute_exists", 2},
      {"attribute_not_exists(things, b)", "attribute_not_exists", 2},
      {"attribute_type(things)", "attribute_type", 1},
      {"begins_with(things)", "begins_with", 1},
      {"begins_with(things, size(a), b)", "begins_with", 3},
      {"contains(things)", "contains", 1},
      {"size(things, a) > b", "size", 2},
  };
  for (const auto& [expression, function, count] : cases) {
    INFO(expression);
    CHECK(filterError(expression) ==
          kFilter +
              "Incorrect number of operands for operator or function; operator or "
              "function: " +
              function + ", number of operands: " + std::to_string(count));
  }
}

TEST_CASE("functions reject operands of the wrong type", "[expr]") {
  const std::tuple<const char*, const char*, AttributeValue, const char*> cases[] = {
      {"attribute_type(a, size(a)) and a=a and a=:a", "attribute_type", N("1"), "N"},
      {"attribute_type(a, :a)", "attribute_type", B("a"), "B"},
      {"attribute_type(a, :a)", "attribute_type", L({}), "L"},
      {"begins_with(a, size(a)) and a=:a", "begins_with", N("1"), "N"},
      {"begins_with(a, :a)", "begins_with", Bool(true), "BOOL"},
      {"begins_with(:a, a)", "begins_with", SS({"1"}), "SS"},
      {"begins_with(a, :a)", "begins_with", M({}), "M"},
      {"size(size(a)) > :a", "size", N("1"), "N"},
      {"attribute_not_exists(size(:a))", "size", N("1"), "N"},
      {"size(:a) > a", "size", Bool(true), "BOOL"},
      {"size(:a) > a", "size", Null(), "NULL"},
  };
  for (const auto& [expression, function, value, type] : cases) {
    INFO(expression);
    CHECK(filterError(expression, {}, {{":a", value}}) ==
          kFilter + "Incorrect operand type for operator or function; operator or function: " +
              function + ", operand type: " + type);
  }
  CHECK(filterError("attribute_type(a, b)") ==
        kFilter +
            "Incorrect operand type for operator or function; operator or function: "
            "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
}

TEST_CASE("attribute_type needs one of the ten type names", "[expr]") {
  CHECK(filterError("attribute_type(a, :a)", {}, {{":a", S("1")}}) ==
        kFilter +
            "Invalid attribute type name found; type: 1, valid types: "
            "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
}

TEST_CASE("attribute_exists and attribute_not_exists need a document path", "[expr]") {
  CHECK(filterError("attribute_exists(:a) and a=a", {}, {{":a", S("1")}}) ==
        kFilter +
            "Operator or function requires a document path; operator or function: "
            "attribute_exists");
  CHECK(filterError("attribute_not_exists(size(:a))", {}, {{":a", S("1")}}) ==
        kFilter +
            "Operator or function requires a document path; operator or function: "
            "attribute_not_exists");
}

TEST_CASE("a comparison or function may not compare a path with itself", "[expr]") {
  const std::tuple<const char*, const char*, const char*> cases[] = {
      {"a = a AND #a = b AND :views > a", "=", "[a]"},
      {"#a <> a", "<>", "[a]"},
      {"a > #a", ">", "[a]"},
      {"contains(ab.bc[1].a, ab.bc[1].#a)", "contains", "[ab, bc, [1], a]"},
      {"attribute_type(ab.bc[1].#a, ab.bc[1].a)", "attribute_type", "[ab, bc, [1], a]"},
      {"begins_with(ab.bc[1].a, ab.bc[1].#a)", "begins_with", "[ab, bc, [1], a]"},
  };
  for (const auto& [expression, op, path] : cases) {
    INFO(expression);
    CHECK(filterError(expression, {{"#a", "a"}}, {{":views", N("1")}}) ==
          kFilter +
              "The first operand must be distinct from the remaining operands for this "
              "operator or function; operator: " +
              op + ", first operand: " + path);
  }
  CHECK(filterError(":a > :a", {}, {{":a", N("1")}}) == "<nothing thrown>");
}

TEST_CASE("BETWEEN bounds given as values must share a type and be in order", "[expr]") {
  CHECK(filterError("a between :b and :a", {}, {{":a", S("a")}, {":b", N("1")}}) ==
        kFilter +
            "The BETWEEN operator requires same data type for lower and upper bounds; "
            "lower bound operand: AttributeValue: {N:1}, upper bound operand: "
            "AttributeValue: {S:a}");
  CHECK(filterError("a between :b and :a", {}, {{":a", S("a")}, {":b", S("b")}}) ==
        kFilter +
            "The BETWEEN operator requires upper bound to be greater than or equal to "
            "lower bound; lower bound operand: AttributeValue: {S:b}, upper bound "
            "operand: AttributeValue: {S:a}");
  CHECK(filterError("a between :b and :a", {}, {{":a", N("10")}, {":b", N("9")}}) ==
        "<nothing thrown>");
}

TEST_CASE("IN takes at most 100 operands", "[expr]") {
  Item values;
  std::string list;
  for (int i = 0; i < 101; ++i) {
    const std::string name = ":v" + std::to_string(i);
    values[name] = N(std::to_string(i));
    if (i < 100) list += (i ? "," : "") + name;
  }
  CHECK(filterError("a IN (" + list + ")", {}, values).find("unused") == std::string::npos);
  CHECK(filterError("a IN (" + list + ",:v100)", {}, values) ==
        kFilter + "The IN operator is provided with too many operands; number of operands: 101");
}

TEST_CASE("an expression may hold at most 300 operators", "[expr]") {
  std::string text = "a = :v";
  for (int i = 0; i < 150; ++i) text += " AND a = :v";
  CHECK(filterError(text, {}, {{":v", N("1")}}) ==
        kFilter + "The expression contains too many operators; operator count: 301");
}

TEST_CASE(
    "checks run in DynamoDB's order: syntax, parentheses, functions, reserved words, "
    "then each condition left to right",
    "[expr]") {
  // A syntax error anywhere wins over everything.
  CHECK(filterError("((a)) = abort AND").rfind(kFilter + "Syntax error", 0) == 0);
  // Redundant parentheses win over reserved words and unknown functions.
  CHECK(filterError("whatever(abort) = ((a))") ==
        kFilter + "The expression has redundant parentheses;");
  // Unknown functions win over reserved words.
  CHECK(filterError("abort = whatever(a)") ==
        kFilter + "Invalid function name; function: whatever");
  // Reserved words win over undefined placeholders.
  CHECK(filterError("#x = :y AND abort = b") ==
        kFilter + "Attribute name is a reserved keyword; reserved keyword: abort");
  // Within one condition an undefined placeholder wins over an operand count.
  CHECK(filterError("begins_with(#x)").find("attribute name: #x") != std::string::npos);
  // An earlier condition's error wins over a later condition's.
  CHECK(filterError("size(a, b) > c AND #x = d").find("number of operands: 2") !=
        std::string::npos);
}

TEST_CASE("unused placeholders are reported after all expressions, names first", "[expr]") {
  pd::expr::Placeholders placeholders({{"#a", "a"}, {"#b", "b"}, {"#c", "c"}},
                                      {{":a", S("a")}, {":b", S("b")}, {":c", S("c")}});
  pd::expr::ConditionExpression::parse(pd::expr::Kind::Condition, "#a = :a", placeholders);
  CHECK(errorOf([&] { placeholders.checkAllUsed(); }) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}");
  pd::expr::UpdateExpression::parse("SET #b = :b, #c = :b", placeholders);
  CHECK(errorOf([&] { placeholders.checkAllUsed(); }) ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}");
  CHECK(placeholders.usedNames() == std::set<std::string>{"#a", "#b", "#c"});
  CHECK(placeholders.usedValues() == std::set<std::string>{":a", ":b"});
}

TEST_CASE("comparisons use DynamoDB's ordering and never compare different types", "[expr]") {
  Item item{{"n", N("10")}, {"s", S("abc")}, {"b", B("\x01\xff")}, {"t", Bool(true)}};
  Item values{{":n9", N("9.5")},     {":n10", N("10.0")}, {":s", S("abd")},
              {":b", B("\x01\x02")}, {":str10", S("10")}, {":t", Bool(true)}};
  CHECK(matches("n > :n9", item, {}, values));
  CHECK(matches("n = :n10", item, {}, values));
  CHECK(matches("n >= :n10 AND n <= :n10", item, {}, values));
  CHECK(matches("s < :s", item, {}, values));
  CHECK(matches("b > :b", item, {}, values));  // bytes compare unsigned
  CHECK_FALSE(matches("n = :str10", item, {}, values));
  CHECK_FALSE(matches("n < :str10", item, {}, values));
  CHECK_FALSE(matches("n >= :str10", item, {}, values));
  CHECK(matches("n <> :str10", item, {}, values));
  CHECK(matches("t = :t", item, {}, values));
  // BOOL is not ordered: an item attribute of another type makes the comparison false, a
  // :value of an unordered type is an error.
  CHECK_FALSE(matches("t < :s", item, {}, values));
  CHECK(conditionError("t < :t", {}, values) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator "
        "or function: <, operand type: BOOL");
}

TEST_CASE("a missing attribute or a missing item makes comparisons false and <> true", "[expr]") {
  Item values{{":v", N("1")}};
  CHECK_FALSE(matches("x = :v", {}, {}, values));
  CHECK_FALSE(matches("x < :v", {}, {}, values));
  CHECK(matches("x <> :v", {}, {}, values));
  CHECK(matches("attribute_not_exists(x)", {}));
  CHECK_FALSE(matches("attribute_exists(x)", {}));
  pd::expr::Placeholders placeholders({}, {});
  auto condition = pd::expr::ConditionExpression::parse(pd::expr::Kind::Condition,
                                                        "attribute_not_exists(k)", placeholders);
  CHECK(condition.evaluate(nullptr));
}

TEST_CASE("lists, maps and sets compare equal by content", "[expr]") {
  Item item{{"l", L({N("1"), S("a")})}, {"m", M({{"k", NS({"1", "2"})}})}, {"ns", NS({"1", "2"})}};
  Item values{{":l", L({N("1"), S("a")})},
              {":m", M({{"k", NS({"2", "1"})}})},
              {":ns", NS({"2", "1"})},
              {":l2", L({S("a"), N("1")})}};
  CHECK(matches("l = :l AND m = :m AND ns = :ns", item, {}, values));
  CHECK_FALSE(matches("l = :l2", item, {}, values));
}

TEST_CASE("BETWEEN is inclusive and IN is equality with any operand", "[expr]") {
  Item item{{"a", N("5")}, {"s", S("m")}};
  Item values{{":1", N("1")}, {":5", N("5")}, {":9", N("9")}, {":a", S("a")}, {":z", S("z")}};
  CHECK(matches("a BETWEEN :1 AND :5", item, {}, values));
  CHECK(matches("a BETWEEN :5 AND :9", item, {}, values));
  CHECK_FALSE(matches("a BETWEEN :a AND :z", item, {}, values));
  CHECK(matches("s BETWEEN :a AND :z", item, {}, values));
  CHECK(matches("a IN (:1, :5)", item, {}, values));
  CHECK_FALSE(matches("a IN (:1, :9, :a)", item, {}, values));
}

TEST_CASE("NOT binds tighter than AND, AND tighter than OR", "[expr]") {
  Item values{{":1", N("1")}};
  Item item{{"a", N("1")}};
  // a=1 OR (b=1 AND c=1): true.
  CHECK(matches("a = :1 OR b = :1 AND c = :1", item, {}, values));
  // (NOT a=1) AND b=1 ... false; NOT (a=1 AND b=1) would be true.
  CHECK_FALSE(matches("NOT a = :1 AND b <> :1", item, {}, values));
  CHECK(matches("NOT (a = :1 AND b = :1)", item, {}, values));
  CHECK(matches("NOT NOT a = :1", item, {}, values));
}

TEST_CASE("attribute_type tests the stored type by name", "[expr]") {
  Item item{{"a", SS({"x"})}, {"n", Null()}};
  CHECK(matches("attribute_type(a, :t)", item, {}, {{":t", S("SS")}}));
  CHECK_FALSE(matches("attribute_type(a, :t)", item, {}, {{":t", S("S")}}));
  CHECK(matches("attribute_type(n, :t)", item, {}, {{":t", S("NULL")}}));
  CHECK_FALSE(matches("attribute_type(nothere, :t)", item, {}, {{":t", S("NULL")}}));
}

TEST_CASE("begins_with works on strings and binaries of the same type", "[expr]") {
  Item item{{"s", S("hello")}, {"b", B("\x01\x02\x03")}, {"n", N("12")}};
  CHECK(matches("begins_with(s, :p)", item, {}, {{":p", S("he")}}));
  CHECK_FALSE(matches("begins_with(s, :p)", item, {}, {{":p", S("lo")}}));
  CHECK(matches("begins_with(b, :p)", item, {}, {{":p", B("\x01\x02")}}));
  CHECK_FALSE(matches("begins_with(b, :p)", item, {}, {{":p", S("\x01")}}));
  CHECK_FALSE(matches("begins_with(n, :p)", item, {}, {{":p", S("1")}}));
}

TEST_CASE("contains finds substrings, set members and list elements", "[expr]") {
  Item item{{"s", S("hello")},
            {"ss", SS({"a", "b"})},
            {"ns", NS({"1.5", "2"})},
            {"bs", BS({"x"})},
            {"l", L({S("a"), M({{"k", N("1")}})})}};
  CHECK(matches("contains(s, :v)", item, {}, {{":v", S("ell")}}));
  CHECK(matches("contains(ss, :v)", item, {}, {{":v", S("b")}}));
  CHECK_FALSE(matches("contains(ss, :v)", item, {}, {{":v", SS({"b"})}}));
  CHECK(matches("contains(ns, :v)", item, {}, {{":v", N("1.5")}}));
  CHECK_FALSE(matches("contains(ns, :v)", item, {}, {{":v", S("2")}}));
  CHECK(matches("contains(bs, :v)", item, {}, {{":v", B("x")}}));
  CHECK(matches("contains(l, :v)", item, {}, {{":v", M({{"k", N("1")}})}}));
  CHECK_FALSE(matches("contains(nothere, :v)", item, {}, {{":v", S("a")}}));
}

TEST_CASE("size counts string characters, binary bytes and elements", "[expr]") {
  Item item{{"s", S("h\xC3\xA9llo")},
            {"b", B("abc")},
            {"ss", SS({"a", "b"})},
            {"l", L({N("1")})},
            {"m", M({{"a", N("1")}, {"b", N("2")}})},
            {"n", N("123")}};
  Item values{{":5", N("5")}, {":3", N("3")}, {":2", N("2")}, {":1", N("1")}};
  CHECK(matches("size(s) = :5", item, {}, values));
  CHECK(matches("size(b) = :3", item, {}, values));
  CHECK(matches("size(ss) = :2 AND size(l) = :1 AND size(m) = :2", item, {}, values));
  CHECK_FALSE(matches("size(n) = :3", item, {}, values));
  CHECK_FALSE(matches("size(nothere) < :1", item, {}, values));
}

TEST_CASE("nested paths and list indexes reach into maps and lists", "[expr]") {
  Item item{{"a", M({{"b", L({N("0"), M({{"c", S("deep")}})})}})}};
  Item values{{":v", S("deep")}};
  CHECK(matches("a.b[1].c = :v", item, {}, values));
  CHECK(matches("#a.#b[1].#c = :v", item, {{"#a", "a"}, {"#b", "b"}, {"#c", "c"}}, values));
  CHECK(matches("(a.b)[1].c = :v", item, {}, values));
  CHECK_FALSE(matches("a.b[2].c = :v", item, {}, values));
  CHECK_FALSE(matches("a[0] = :v", item, {}, values));
  CHECK(matches("#dotted = :v", {{"x.y", S("deep")}}, {{"#dotted", "x.y"}}, values));
}
