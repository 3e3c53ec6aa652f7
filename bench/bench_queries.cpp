// Query and Scan through Engine::execute: a Query returning 100 items of about 200 bytes from
// a partition of 10,000, and a Scan with a FilterExpression over 100,000 items.
#include <benchmark/benchmark.h>

#include <string>

#include "api/engine.h"

namespace {

std::string item(const std::string& pk, int sk) {
  return R"({"pk":{"S":")" + pk + R"("},"sk":{"N":")" + std::to_string(sk) +
         R"("},"name":{"S":"Ada Lovelace"},"email":{"S":"ada@example.com"},"age":{"N":")" +
         std::to_string(sk % 90) + R"("},"active":{"BOOL":true},"bio":{"S":")" +
         std::string(120, 'x') + R"("}})";
}

void createTable(pd::Engine& engine) {
  engine.execute("CreateTable", R"({"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                            {"AttributeName":"sk","AttributeType":"N"}],
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})");
}

void put(pd::Engine& engine, const std::string& pk, int sk) {
  engine.execute("PutItem", R"({"TableName":"bench","Item":)" + item(pk, sk) + "}");
}

void BM_Query100From10000(benchmark::State& state) {
  pd::Engine engine;
  createTable(engine);
  for (int i = 0; i < 10000; ++i) put(engine, "customer#1", i);
  for (int i = 0; i < 1000; ++i) put(engine, "customer#" + std::to_string(i + 2), 0);
  int start = 0;
  for (auto _ : state) {
    const std::string request =
        R"({"TableName":"bench","KeyConditionExpression":"pk = :pk AND sk BETWEEN :a AND :b",)"
        R"("ExpressionAttributeValues":{":pk":{"S":"customer#1"},":a":{"N":")" +
        std::to_string(start) + R"("},":b":{"N":")" + std::to_string(start + 99) + R"("}}})";
    auto response = engine.execute("Query", request);
    benchmark::DoNotOptimize(response);
    start = (start + 100) % 9900;
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_Query100From10000)->Unit(benchmark::kMicrosecond);

void BM_ScanFilter100000(benchmark::State& state) {
  pd::Engine engine;
  createTable(engine);
  for (int i = 0; i < 100000; ++i) put(engine, "user#" + std::to_string(i), 0);
  for (auto _ : state) {
    // Follows LastEvaluatedKey through every 1 MB page, as a client would.
    std::string startKey;
    int pages = 0;
    do {
      std::string request =
          R"({"TableName":"bench","FilterExpression":"age = :a","Select":"COUNT",)"
          R"("ExpressionAttributeValues":{":a":{"N":"42"}})";
      if (!startKey.empty()) request += R"(,"ExclusiveStartKey":)" + startKey;
      request += "}";
      const auto response = engine.execute("Scan", request);
      const auto at = response.body.find("\"LastEvaluatedKey\":");
      startKey = at == std::string::npos
                     ? ""
                     : response.body.substr(at + 19, response.body.size() - at - 20);
      ++pages;
    } while (!startKey.empty());
    state.counters["pages"] = pages;
  }
  state.SetItemsProcessed(state.iterations() * 100000);
}
BENCHMARK(BM_ScanFilter100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
