// Query on a GSI against the same query on a base table: 100 items of about 200 bytes out of
// 100,000, in 1,000 groups of 100. The base table is keyed by (grp, ts); the indexed table is
// keyed by id with a GSI on (grp, ts) projecting ALL, so both answers are the same items.
// Target: the GSI query within 1.5x of the base-table query.
#include <benchmark/benchmark.h>

#include <string>

#include "api/engine.h"

namespace {

constexpr int kItems = 100000;
constexpr int kGroups = 1000;

std::string item(int i) {
  return R"({"id":{"S":"user#)" + std::to_string(i) + R"("},"grp":{"S":"g#)" +
         std::to_string(i % kGroups) + R"("},"ts":{"N":")" + std::to_string(i) +
         R"("},"name":{"S":"Ada Lovelace"},"email":{"S":"ada@example.com"},"bio":{"S":")" +
         std::string(100, 'x') + R"("}})";
}

const char* kDefinitions = R"("AttributeDefinitions":[
    {"AttributeName":"id","AttributeType":"S"},{"AttributeName":"grp","AttributeType":"S"},
    {"AttributeName":"ts","AttributeType":"N"}],)";

void createTables(pd::Engine& engine) {
  engine.execute("CreateTable", std::string(R"({"TableName":"base","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"grp","AttributeType":"S"},
                            {"AttributeName":"ts","AttributeType":"N"}],
    "KeySchema":[{"AttributeName":"grp","KeyType":"HASH"},{"AttributeName":"ts","KeyType":"RANGE"}]})"));
  engine.execute("CreateTable",
                 std::string(R"({"TableName":"indexed","BillingMode":"PAY_PER_REQUEST",)") +
                     kDefinitions + R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
    "GlobalSecondaryIndexes":[{"IndexName":"by_grp","Projection":{"ProjectionType":"ALL"},
      "KeySchema":[{"AttributeName":"grp","KeyType":"HASH"},{"AttributeName":"ts","KeyType":"RANGE"}]}]})");
  for (int i = 0; i < kItems; ++i) {
    engine.execute("PutItem", R"({"TableName":"base","Item":)" + item(i) + "}");
    engine.execute("PutItem", R"({"TableName":"indexed","Item":)" + item(i) + "}");
  }
}

pd::Engine& engine() {
  static pd::Engine* shared = [] {
    static pd::Engine instance;
    createTables(instance);
    return &instance;
  }();
  return *shared;
}

std::string groupQuery(const char* table, const char* indexName, int group) {
  std::string request = R"({"TableName":")" + std::string(table) + "\",";
  if (indexName) request += R"("IndexName":")" + std::string(indexName) + "\",";
  return request + R"("KeyConditionExpression":"grp = :g",)" +
         R"("ExpressionAttributeValues":{":g":{"S":"g#)" + std::to_string(group) + R"("}}})";
}

void runQueries(benchmark::State& state, const char* table, const char* indexName) {
  pd::Engine& shared = engine();
  int group = 0;
  for (auto _ : state) {
    auto response = shared.execute("Query", groupQuery(table, indexName, group));
    benchmark::DoNotOptimize(response);
    group = (group + 7) % kGroups;
  }
  state.SetItemsProcessed(state.iterations() * (kItems / kGroups));
}

void BM_QueryBaseTable100(benchmark::State& state) {
  runQueries(state, "base", nullptr);
}
BENCHMARK(BM_QueryBaseTable100)->Unit(benchmark::kMicrosecond);

void BM_QueryGsi100(benchmark::State& state) {
  runQueries(state, "indexed", "by_grp");
}
BENCHMARK(BM_QueryGsi100)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
