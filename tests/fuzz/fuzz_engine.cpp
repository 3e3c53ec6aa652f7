// libFuzzer target: whole requests through pd::Engine::execute. The first byte chooses the
// operation ('0' CreateTable, '1' PutItem, '2' GetItem, '3' UpdateItem, '4' DeleteItem,
// '5' Query, '6' Scan; any byte works, modulo 7 after subtracting '0'), the rest is the JSON
// body. Each input runs against a fresh engine holding table "tbl" (pk S, sk N) with two items
// and table "hsh" (id S) with one, then reads the items back, so a write that stored something
// unreadable is found too. The engine must never answer InternalServerError (an exception
// other than DynamoError escaped an operation) and must always answer valid JSON.
// A PutItem or GetItem is also run on a second engine, seeded alike, without the fast paths: both
// must answer alike. A GetItem, Query or Scan is also answered in document form
// (Engine::executeDocument), which must hold the wire answer's values.
// PD_FUZZ_VERBOSE=1 prints every response (for example when replaying the seed corpus).
#include <nlohmann/json.hpp>

#include "../core/document_reference.h"
#include "api/engine.h"
#include "fuzz_common.h"

namespace {

constexpr const char* kOperations[] = {"CreateTable", "PutItem", "GetItem", "UpdateItem",
                                       "DeleteItem",  "Query",   "Scan"};

void mustSucceed(pd::Engine& engine, const char* operation, const char* body) {
  const pd::Response response = engine.execute(operation, body);
  if (!response.ok) pdfuzz::violated(std::string("setup failed: ") + response.body);
}

void checkResponse(const pd::Response& response) {
  static const bool verbose = std::getenv("PD_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%s\n", response.body.c_str());
  if (!nlohmann::json::accept(response.body)) {
    pdfuzz::violated("response is not JSON: " + response.body);
  }
  if (!response.ok && response.body.find("InternalServerError") != std::string::npos) {
    pdfuzz::violated("internal error: " + response.body);
  }
}

// Tables "tbl" (pk S, sk N; two items) and "hsh" (id S; one item).
void seed(pd::Engine& engine) {
  mustSucceed(
      engine, "CreateTable",
      R"({"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
      R"({"AttributeName":"sk","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk",)"
      R"("KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"})");
  mustSucceed(
      engine, "CreateTable",
      R"({"TableName":"hsh","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})");
  mustSucceed(
      engine, "PutItem",
      R"({"TableName":"tbl","Item":{"pk":{"S":"p1"},"sk":{"N":"10"},"a":{"N":"1"},)"
      R"("s":{"S":"abc"},"l":{"L":[{"N":"1"},{"S":"two"},{"L":[{"N":"3"}]}]},)"
      R"("m":{"M":{"a":{"N":"1"},"b":{"S":"x"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},)"
      R"("bs":{"BS":["AQ=="]},"bool":{"BOOL":true},"null":{"NULL":true},"bin":{"B":"AAH/"}}})");
  mustSucceed(engine, "PutItem",
              R"({"TableName":"tbl","Item":{"pk":{"S":"p1"},"sk":{"N":"20"},"a":{"N":"2"}}})");
  mustSucceed(engine, "PutItem", R"({"TableName":"hsh","Item":{"id":{"S":"x"},"v":{"S":"y"}}})");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  pd::Engine engine;
  engine.setClock([] { return 1700000000.0; });
  seed(engine);

  const auto index = static_cast<std::uint8_t>(data[0] - '0') % 7;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const pd::Response response = engine.execute(kOperations[index], body);
  checkResponse(response);
  if (index == 1 || index == 2) {
    // PutItem's and GetItem's fast paths must answer as the general path does (the same seeded
    // tables).
    pd::Engine general;
    general.setClock([] { return 1700000000.0; });
    general.setFastPaths(false);
    seed(general);
    const pd::Response expected = general.execute(kOperations[index], body);
    if (expected.ok != response.ok || expected.body != response.body) {
      pdfuzz::violated(std::string("fast ") + kOperations[index] + " answered " + response.body +
                       ", the general path " + expected.body);
    }
  }
  if (index == 2 || index == 5 || index == 6) {
    // The document form of a read holds the wire answer's values (tests/core/document_reference.h).
    const pd::DocumentResponse document = engine.executeDocument(kOperations[index], body);
    const pd::Response wire = engine.execute(kOperations[index], body);
    if (document.ok != wire.ok) pdfuzz::violated("document form: ok differs: " + wire.body);
    if (!wire.ok || document.form == 2) {
      if (document.body != wire.body) {
        pdfuzz::violated("document form answered " + document.body + ", wire " + wire.body);
      }
    } else {
      const auto parsed = nlohmann::json::parse(document.body, nullptr, false);
      if (parsed.is_discarded() ||
          parsed != pd::testing::documentAnswer(nlohmann::json::parse(wire.body)) ||
          (document.form == 1) != pd::testing::hasMarked(parsed)) {
        pdfuzz::violated("document form answered " + document.body + " for " + wire.body);
      }
    }
  }

  // Whatever the request did, the stored items must still read back.
  checkResponse(
      engine.execute("GetItem", R"({"TableName":"tbl","Key":{"pk":{"S":"p1"},"sk":{"N":"10"}}})"));
  checkResponse(engine.execute("GetItem", R"({"TableName":"hsh","Key":{"id":{"S":"x"}}})"));
  checkResponse(engine.execute("Scan", R"({"TableName":"tbl"})"));
  return 0;
}
