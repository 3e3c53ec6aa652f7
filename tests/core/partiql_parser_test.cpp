// The PartiQL parser (core/api/partiql/parser.h): the statement kinds, WHERE's shapes, values,
// parameters, and the ValidationException for text that is not a statement.
#include <catch2/catch.hpp>

#include "api/partiql/parser.h"
#include "model/errors.h"

using namespace pd::partiql;

namespace {

std::string syntaxMessage(const std::string& text) {
  try {
    parseStatement(text);
  } catch (const pd::DynamoError& error) {
    CHECK(error.type == "ValidationException");
    return error.message;
  }
  return "";
}

}  // namespace

TEST_CASE("PartiQL SELECT: projection, table and index, WHERE, ORDER BY", "[partiql]") {
  const Statement s = parseStatement(
      "select a, \"b\".c[2], d['k'] FROM \"T\".\"I\" WHERE x = 1 AND y > ? ORDER BY x DESC");
  CHECK(s.kind == StatementKind::Select);
  CHECK(s.table == "T");
  REQUIRE(s.index);
  CHECK(*s.index == "I");
  REQUIRE(s.projection.size() == 3);
  CHECK(s.projection[1].size() == 3);
  CHECK(s.projection[1][0].name == "b");
  CHECK(s.projection[1][2].index == 2);
  CHECK(s.projection[2][1].name == "k");
  REQUIRE(s.where);
  CHECK(s.where->kind == NodeKind::And);
  CHECK(s.where->children[1].children[1].kind == NodeKind::Parameter);
  CHECK(s.parameterCount == 1);
  REQUIRE(s.orderBy);
  CHECK(s.descending);
}

TEST_CASE("PartiQL SELECT *: no projection, no WHERE", "[partiql]") {
  const Statement s = parseStatement("SELECT * FROM Music;");
  CHECK(s.projection.empty());
  CHECK(s.table == "Music");
  CHECK_FALSE(s.where);
}

TEST_CASE("PartiQL WHERE: precedence of OR, AND and NOT; BETWEEN, IN, IS MISSING", "[partiql]") {
  const Statement s = parseStatement(
      "SELECT * FROM t WHERE a = 1 OR NOT b BETWEEN 1 AND 5 AND c IN [1, 2] AND d IS NOT MISSING "
      "AND e NOT IN (3) AND begins_with(f, 'x')");
  REQUIRE(s.where);
  REQUIRE(s.where->kind == NodeKind::Or);
  const Node& conjunction = s.where->children[1];
  REQUIRE(conjunction.kind == NodeKind::And);
  REQUIRE(conjunction.children.size() == 5);
  CHECK(conjunction.children[0].kind == NodeKind::Not);
  CHECK(conjunction.children[0].children[0].kind == NodeKind::Between);
  CHECK(conjunction.children[1].kind == NodeKind::In);
  CHECK(conjunction.children[1].children.size() == 3);
  CHECK(conjunction.children[2].kind == NodeKind::Not);
  CHECK(conjunction.children[2].children[0].kind == NodeKind::IsMissing);
  CHECK(conjunction.children[3].kind == NodeKind::Not);
  CHECK(conjunction.children[4].kind == NodeKind::Call);
  CHECK(conjunction.children[4].text == "begins_with");
}

TEST_CASE("PartiQL values: strings, numbers, booleans, null, lists, maps and sets", "[partiql]") {
  const Statement s = parseStatement(
      "INSERT INTO t VALUE {'s': 'it''s', 'n': -1.5e3, 'b': TRUE, 'z': null, 'l': [1, 'a'], "
      "'m': {'k': false}, 'ss': <<'a', 'b'>>, 'p': ?}");
  CHECK(s.kind == StatementKind::Insert);
  REQUIRE(s.item);
  const Node& map = *s.item;
  REQUIRE(map.kind == NodeKind::Map);
  REQUIRE(map.keys.size() == 8);
  CHECK(map.children[0].value == pd::Json::parse(R"({"S":"it's"})"));
  CHECK(map.children[1].value == pd::Json::parse(R"({"N":"-1.5e3"})"));
  CHECK(map.children[2].value == pd::Json::parse(R"({"BOOL":true})"));
  CHECK(map.children[3].value == pd::Json::parse(R"({"NULL":true})"));
  CHECK(map.children[4].kind == NodeKind::List);
  CHECK(map.children[5].kind == NodeKind::Map);
  CHECK(map.children[6].kind == NodeKind::Set);
  CHECK(map.children[7].kind == NodeKind::Parameter);
  CHECK(s.parameterCount == 1);
}

TEST_CASE("PartiQL UPDATE: SET and REMOVE clauses in order, RETURNING", "[partiql]") {
  const Statement s = parseStatement(
      "UPDATE t SET a = a + 1, b.c = 'x' REMOVE d SET e = list_append(e, [1]) "
      "WHERE k = 1 RETURNING MODIFIED NEW *");
  CHECK(s.kind == StatementKind::Update);
  REQUIRE(s.actions.size() == 4);
  CHECK(s.actions[0].value.kind == NodeKind::Arithmetic);
  CHECK(s.actions[1].path.size() == 2);
  CHECK(s.actions[2].remove);
  CHECK(s.actions[3].value.kind == NodeKind::Call);
  CHECK(s.returning == "UPDATED_NEW");
}

TEST_CASE("PartiQL FROM-first UPDATE: FROM, WHERE, then SET and REMOVE", "[partiql]") {
  const Statement s = parseStatement("FROM t WHERE k = 1 SET a = 2 REMOVE b RETURNING ALL OLD *");
  CHECK(s.kind == StatementKind::Update);
  CHECK(s.table == "t");
  CHECK(s.where);
  REQUIRE(s.actions.size() == 2);
  CHECK(s.actions[1].remove);
  CHECK(s.returning == "ALL_OLD");
}

TEST_CASE("PartiQL DELETE and EXISTS", "[partiql]") {
  const Statement d = parseStatement("DELETE FROM t WHERE k = 1 RETURNING ALL OLD *");
  CHECK(d.kind == StatementKind::Delete);
  CHECK(d.returning == "ALL_OLD");
  const Statement e = parseStatement("EXISTS(SELECT * FROM t WHERE k = 1)");
  CHECK(e.kind == StatementKind::Exists);
  CHECK(e.table == "t");
}

TEST_CASE("PartiQL text that is not a statement is a ValidationException", "[partiql]") {
  const std::string prefix = "Statement wasn't well formed, can't be processed: ";
  for (const char* text :
       {"", "SELEC * FROM t", "SELECT * FROM", "SELECT * FROM t WHERE",
        "INSERT INTO t VALUES {'a': 1}", "UPDATE t WHERE k = 1", "DELETE FROM t",
        "DELETE FROM t WHERE k = 1 RETURNING ALL NEW *", "SELECT * FROM t WHERE a = 'open",
        "SELECT * FROM \"t", "SELECT * FROM t WHERE a = #", "CREATE TABLE t",
        "SELECT * FROM t /* open"}) {
    INFO(text);
    CHECK(syntaxMessage(text).rfind(prefix, 0) == 0);
  }
  // DynamoDB's own words for some of them.
  CHECK(syntaxMessage("CREATE TABLE t") == prefix + "Expected data manipulation");
  CHECK(syntaxMessage("SELECT * FROM t WHERE a = 1 foo") ==
        prefix + "Unexpected token after expression");
  CHECK(syntaxMessage("SELECT * FROM t WHERE a = 1)") ==
        prefix + "Unexpected token after expression");
  CHECK(syntaxMessage("DELETE FROM t WHERE a = 1 ORDER BY a") ==
        prefix + "Unexpected token after expression");
  CHECK(syntaxMessage("INSERT INTO t x VALUE {'a': 1}") ==
        prefix + "Unexpected token after expression");
  CHECK(syntaxMessage("SELECT * FROM t WHERE a = 1 # note") == prefix);
  CHECK(syntaxMessage("SELECT * FROM t WHERE a = 1 /* note") == prefix);
}

TEST_CASE("PartiQL table aliases are refused in DynamoDB's words", "[partiql]") {
  for (const char* text : {"SELECT * FROM t x WHERE a = 1", "SELECT * FROM \"t\" AS x",
                           "UPDATE t x SET a = 1 WHERE k = 1", "DELETE FROM t x WHERE k = 1"}) {
    INFO(text);
    CHECK(syntaxMessage(text) == "Aliasing is not supported");
  }
}

TEST_CASE("PartiQL comments: -- to the end of the line, /* */ anywhere", "[partiql]") {
  const Statement s = parseStatement("-- first\nSELECT * FROM t /* between */ WHERE a = 1 -- last");
  CHECK(s.table == "t");
  CHECK(s.where);
}
