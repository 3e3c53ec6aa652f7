// PutItem and GetItem of 200-byte items through Engine::execute, and the heap cost per stored
// item. Run: build/bench/pd_bench_items (see README "Benchmarks").
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <string>

#include "api/engine.h"
#include "model/item_size.h"

namespace {

constexpr int kPreloaded = 100000;

void createTable(pd::Engine& engine) {
  engine.execute("CreateTable", R"({"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
}

// An item of about 200 bytes by DynamoDB's size rule.
std::string putRequest(int i) {
  const std::string id = "user#" + std::to_string(i);
  return R"({"TableName":"bench","Item":{"pk":{"S":")" + id +
         R"("},"name":{"S":"Ada Lovelace"},"email":{"S":"ada@example.com"},"age":{"N":"36"},)"
         R"("active":{"BOOL":true},"bio":{"S":")" +
         std::string(120, 'x') + R"("}}})";
}

std::string getRequest(int i) {
  return R"({"TableName":"bench","Key":{"pk":{"S":"user#)" + std::to_string(i) + R"("}}})";
}

void BM_PutItem(benchmark::State& state) {
  pd::Engine engine;
  createTable(engine);
  std::vector<std::string> requests;
  for (int i = 0; i < kPreloaded; ++i) requests.push_back(putRequest(i));
  std::size_t i = 0;
  for (auto _ : state) {
    auto response = engine.execute("PutItem", requests[i++ % requests.size()]);
    benchmark::DoNotOptimize(response);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PutItem);

void BM_GetItem(benchmark::State& state) {
  pd::Engine engine;
  createTable(engine);
  std::vector<std::string> requests;
  for (int i = 0; i < kPreloaded; ++i) {
    engine.execute("PutItem", putRequest(i));
    requests.push_back(getRequest(i));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto response = engine.execute("GetItem", requests[(i++ * 7919) % requests.size()]);
    benchmark::DoNotOptimize(response);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetItem);

// Heap bytes per stored item against the item's DynamoDB size.
void BM_MemoryPerItem(benchmark::State& state) {
  for (auto _ : state) {
    const auto before = mallinfo2().uordblks;
    pd::Engine engine;
    createTable(engine);
    for (int i = 0; i < kPreloaded; ++i) engine.execute("PutItem", putRequest(i));
    const auto after = mallinfo2().uordblks;
    const auto response = engine.execute("DescribeTable", R"({"TableName":"bench"})");
    const auto sizePos = response.body.find("\"TableSizeBytes\":") + 17;
    const double tableBytes = std::stod(response.body.substr(sizePos));
    state.counters["heap_bytes_per_item"] = static_cast<double>(after - before) / kPreloaded;
    state.counters["dynamodb_bytes_per_item"] = tableBytes / kPreloaded;
    state.counters["ratio"] = static_cast<double>(after - before) / tableBytes;
  }
}
BENCHMARK(BM_MemoryPerItem)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
