// Specification: how DynamoDB rejects malformed expression text (the parse stage), shared by
// every expression kind.
#include <catch2/catch.hpp>

#include <string>

#include "expr/lexer.h"
#include "expr/reserved_words.h"
#include "expr_test_helpers.h"

using namespace exprtest;
using pd::expr::Kind;

TEST_CASE(
    "a syntax error names the failing token and the text from the token before it to the "
    "token after it",
    "[expr]") {
  // Messages seen from real DynamoDB.
  CHECK(updateError("ADD hits : incr", {}, {{":incr", N("1")}}) ==
        "Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
  CHECK(updateError("INVALID SYNTAX HERE") ==
        "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
  CHECK(conditionError("attribute_type()") ==
        "Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\"");
  CHECK(projectionError("a b") ==
        "Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
  CHECK(projectionError("!!!") ==
        "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
}

TEST_CASE("a syntax error at the end of the input names the token <EOF>", "[expr]") {
  CHECK(projectionError("a,") ==
        "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
  CHECK(conditionError("a =") ==
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
  CHECK(conditionError("NOT :x", {}, {{":x", N("1")}}) ==
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":x\"");
}

TEST_CASE("the expression kind in every message comes from the parameter", "[expr]") {
  CHECK(conditionError("a", {}, {}, Kind::Filter)
            .rfind("Invalid FilterExpression: Syntax error", 0) == 0);
  CHECK(conditionError("a", {}, {}, Kind::KeyCondition)
            .rfind("Invalid KeyConditionExpression: Syntax error", 0) == 0);
  CHECK(conditionError("a").rfind("Invalid ConditionExpression: Syntax error", 0) == 0);
}

TEST_CASE("condition syntax errors DynamoDB rejects", "[expr]") {
  const char* const expressions[] = {
      "things are not gonna be ok",
      "a > 4",
      "attribute_exists(Pictures-RearView)",
      "attribute_exists(\"Pictures.RearView\")",
      "attribute_exists(Pictures..RearView)",
      "attribute_exists(Pi#ctures.RearView)",
      "attribute_exists(asdf[a])",
      "a in b, c",
      "a > between",
      "a in b",
      "a in (b,c,)",
      "(a)between(b.(c.d))and(c)",
      "(a)between(b.c.d)and((c)",
      "#$.b > a",
      "a > :things.stuff",
      "b[:a] > a",
      "b[#_] > a",
      "\xC3\xBC > a",
      "(a)between(b.c[4.5].#d)and(:a)",
      "size(a).b > a",
      "(size(a)).b > a",
      "size(a)[0] > a",
      "(size(a))[0] > a",
      "a",
      "a AND b",
      "(a = b) = c",
      "a = b c",
      "_a = b",
  };
  for (const char* expression : expressions) {
    INFO(expression);
    CHECK(filterError(expression).rfind("Invalid FilterExpression: Syntax error; token: ", 0) == 0);
  }
}

TEST_CASE("update syntax errors DynamoDB rejects", "[expr]") {
  const char* const expressions[] = {
      "whatever",
      "set a",
      "add a",
      "delete a",
      "set a=set",
      "remove a = b",
      "add a = b",
      "delete a = b",
      "delete a b",
      "delete a if_not_exist(b)",
      "add abort b",
      "add a if_not_exist(b)",
      "remove a b",
      "set a b",
      "set :a = b",
      "add :a b",
      "delete :a b",
      "remove :a",
      "set a = b / c",
      "set a = b * c",
      "set a[1] = \"eight\"",
      "set a[1] = 1",
      "SET a = if_not_exist(a, 100)",
      "SET if_not_exist(a, b) = a",
      "set (a = (b + c))",
      "set a = (b.c).d + e",
      "set a = (b.c)[0] + e",
      "set a = b + c + d",
  };
  for (const char* expression : expressions) {
    INFO(expression);
    CHECK(updateError(expression).rfind("Invalid UpdateExpression: Syntax error; token: ", 0) == 0);
  }
}

TEST_CASE("projection syntax errors", "[expr]") {
  for (const char* expression : {"a,,b", "a.", "a[", "a[b]", "a[1", "#", ":a", "a.[1]"}) {
    INFO(expression);
    CHECK(projectionError(expression)
              .rfind("Invalid ProjectionExpression: Syntax error; token: ", 0) == 0);
  }
}

TEST_CASE("an empty or blank expression is rejected as empty", "[expr]") {
  CHECK(conditionError("") == "Invalid ConditionExpression: The expression can not be empty;");
  CHECK(filterError("   ") == "Invalid FilterExpression: The expression can not be empty;");
  CHECK(updateError("") == "Invalid UpdateExpression: The expression can not be empty;");
  CHECK(projectionError("") == "Invalid ProjectionExpression: The expression can not be empty;");
}

TEST_CASE("an expression longer than 4096 bytes is rejected before parsing", "[expr]") {
  std::string projection = "a";
  while (projection.size() < 4096) projection += ",a";
  projection.resize(4096);
  if (projection.back() == ',') projection.back() = 'b';
  CHECK(projectionError(projection).find("Expression size") == std::string::npos);
  CHECK(filterError(std::string(4097, 'a')) ==
        "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
        "expression size: 4097");
  CHECK(updateError(std::string(5000, 'a')) ==
        "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
}

TEST_CASE("nesting deeper than the parser's cap is a syntax error, never a stack overflow",
          "[expr]") {
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "(";
  CHECK(filterError(deep).rfind("Invalid FilterExpression: Syntax error; token: \"(\"", 0) == 0);
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "NOT ";
  CHECK(filterError(nots + "a = b").rfind("Invalid FilterExpression: Syntax error", 0) == 0);
  std::string calls;
  for (int i = 0; i < 700; ++i) calls += "size(";
  CHECK(filterError(calls).rfind("Invalid FilterExpression: Syntax error", 0) == 0);
  // 100 nested conditions are fine.
  std::string ok = "a = b";
  for (int i = 0; i < 99; ++i) ok = "a = b AND (" + ok + ")";
  CHECK(filterError(ok) == "<nothing thrown>");
}

TEST_CASE("keywords are recognised in any letter case", "[expr]") {
  Item item{{"a", N("5")}};
  Item values{{":lo", N("1")}, {":hi", N("9")}};
  CHECK(matches("a BeTwEeN :lo aNd :hi", item, {}, values));
  CHECK(matches("not a in (:lo, :hi)", item, {}, values));
  CHECK(update("sEt b = :lo", item, {{":lo", N("1")}}).count("b") == 1);
}

TEST_CASE("the lexer splits names, placeholders, numbers and operators", "[expr]") {
  auto tokens = pd::expr::tokenize(" #a.b[12] <= :v_1 <> x_2 ");
  std::vector<std::string> texts;
  for (const auto& token : tokens) texts.push_back(token.text);
  CHECK(texts ==
        std::vector<std::string>{"#a", ".", "b", "[", "12", "]", "<=", ":v_1", "<>", "x_2", ""});
  CHECK(tokens.back().type == pd::expr::TokenType::End);
}

TEST_CASE("DynamoDB's reserved-word list has all 573 words, matched in any case", "[expr]") {
  CHECK(pd::expr::reservedWordCount() == 573);
  CHECK(pd::expr::isReservedWord("abort"));
  CHECK(pd::expr::isReservedWord("ZONE"));
  CHECK(pd::expr::isReservedWord("Status"));
  CHECK(pd::expr::isReservedWord("size"));
  CHECK_FALSE(pd::expr::isReservedWord("things"));
  CHECK_FALSE(pd::expr::isReservedWord("abortion"));
}
