// PartiQL in front of the engine (api/partiql/statements.h): the statements run as the
// engine's own requests, and the answer's `wrote` says whether one of them wrote.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "api/engine.h"
#include "api/partiql/statements.h"

namespace {

struct Front {
  pd::Engine engine;
  std::vector<std::string> ran;  // the operations the statements became

  pd::Response statement(const std::string& operation, const std::string& body) {
    return pd::partiql::execute(operation, body,
                                [this](std::string_view op, std::string_view text) {
                                  ran.emplace_back(op);
                                  return engine.execute(op, text);
                                });
  }
};

void createTable(pd::Engine& engine) {
  const pd::Response created = engine.execute(
      "CreateTable",
      R"({"TableName":"Things","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
      R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
      R"("BillingMode":"PAY_PER_REQUEST"})");
  INFO(created.body);
  REQUIRE(created.ok);
}

}  // namespace

TEST_CASE("a PartiQL SELECT does not write; an INSERT does, through a conditional PutItem") {
  Front front;
  createTable(front.engine);
  const pd::Response inserted = front.statement(
      "ExecuteStatement", R"({"Statement":"INSERT INTO Things VALUE {'id': 'a'}"})");
  CHECK(inserted.ok);
  CHECK(inserted.wrote);
  CHECK(front.ran == std::vector<std::string>{"PocketDynamo_DescribeKeys", "PutItem"});

  front.ran.clear();
  const pd::Response selected =
      front.statement("ExecuteStatement", R"({"Statement":"SELECT * FROM Things WHERE id = 'a'"})");
  CHECK(selected.ok);
  CHECK_FALSE(selected.wrote);
  CHECK(selected.body == R"({"Items":[{"id":{"S":"a"}}]})");
  CHECK(front.ran == std::vector<std::string>{"PocketDynamo_DescribeKeys", "Query"});

  const pd::Response read = front.statement(
      "ExecuteTransaction",
      R"({"TransactStatements":[{"Statement":"SELECT * FROM Things WHERE id = 'a'"}]})");
  CHECK(read.ok);
  CHECK_FALSE(read.wrote);
  const pd::Response batch =
      front.statement("BatchExecuteStatement",
                      R"({"Statements":[{"Statement":"SELECT * FROM Things WHERE id = 'a'"}]})");
  CHECK(batch.ok);
  CHECK_FALSE(batch.wrote);
}

TEST_CASE("a PartiQL INSERT of an existing key is DuplicateItemException and did not write") {
  Front front;
  createTable(front.engine);
  REQUIRE(
      front.statement("ExecuteStatement", R"({"Statement":"INSERT INTO Things VALUE {'id': 'a'}"})")
          .ok);
  const pd::Response again = front.statement(
      "ExecuteStatement", R"({"Statement":"INSERT INTO Things VALUE {'id': 'a'}"})");
  CHECK_FALSE(again.ok);
  CHECK_FALSE(again.wrote);
  CHECK(
      again.body ==
      R"({"__type":"com.amazonaws.dynamodb.v20120810#DuplicateItemException","message":"Duplicate primary key exists in table"})");
}

TEST_CASE("PartiQL on a table that does not exist, and the engine alone") {
  Front front;
  const pd::Response missing =
      front.statement("ExecuteStatement", R"({"Statement":"SELECT * FROM Nope"})");
  CHECK_FALSE(missing.ok);
  CHECK(
      missing.body ==
      R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"})");
  // The engine does not answer PartiQL itself: the statements stand in front of it.
  const pd::Response alone =
      front.engine.execute("ExecuteStatement", R"({"Statement":"SELECT * FROM Things"})");
  CHECK_FALSE(alone.ok);
  CHECK(alone.body.find("UnknownOperationException") != std::string::npos);
  CHECK(pd::partiql::answers("BatchExecuteStatement"));
  CHECK_FALSE(pd::partiql::answers("PutItem"));
}
