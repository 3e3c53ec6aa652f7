// Golden files: a database written by format version 1, committed under tests/golden/storage-v1
// with the dump of what it holds. Every later version of PocketDynamo must still open it to the
// same data. To write the files again (only when a new format version is introduced, into a new
// folder), run: pd_core_tests "[.write-golden]".
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/memory_env.h"
#include "storage_helpers.h"
#include "storage_workload.h"

namespace {

namespace fs = std::filesystem;
const fs::path kFolder = fs::path(PD_GOLDEN_DIR) / "storage-v1";
const char* const kDumpFile = "expected-dump.json";

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

TEST_CASE("storage: golden files of format version 1 open to the same data", "[storage]") {
  REQUIRE(fs::is_directory(kFolder));
  pd::MemoryEnv env;
  std::size_t logs = 0, partitions = 0, streams = 0;
  for (const auto& entry : fs::directory_iterator(kFolder)) {
    const std::string name = entry.path().filename().string();
    if (name == kDumpFile) continue;
    env.files()[name] = readAll(entry.path());
    logs += name.rfind("log-", 0) == 0;
    partitions += name.rfind("part-", 0) == 0;
    streams += name.rfind("streams-", 0) == 0;
  }
  // The folder holds every kind of file, and the log has records after the checkpoint.
  CHECK(logs == 1);
  CHECK(partitions > 1);
  CHECK(streams == 1);
  pd::StorageReport report;
  auto engine = pd::testing::engineAt(pd::testing::kWorkloadClock);
  report = engine->openStorage(env);
  CHECK(report.problems.empty());
  CHECK(pd::testing::dumpDatabase(*engine) == readAll(kFolder / kDumpFile));
}

TEST_CASE("storage: write the golden files", "[.write-golden]") {
  pd::MemoryEnv env;
  auto engine = pd::testing::engineAt(pd::testing::kWorkloadClock);
  engine->openStorage(env);
  engine->durableStore()->setLogBudget(20000);
  for (const auto& step : pd::testing::storageWorkload()) {
    pd::testing::run(*engine, step.operation, step.body.dump());
    if (step.flush) REQUIRE(engine->flush().ok);
  }
  REQUIRE(engine->flush().ok);
  fs::create_directories(kFolder);
  for (const auto& [name, bytes] : env.files()) {
    std::ofstream(kFolder / name, std::ios::binary) << bytes;
  }
  std::ofstream(kFolder / kDumpFile, std::ios::binary) << pd::testing::dumpDatabase(*engine);
}
