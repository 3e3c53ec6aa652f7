// Golden files: for every storage format version, a database written by that version, committed
// under tests/golden/storage-v<version> with the dump of what it holds. Every later version of
// PocketDynamo must still open each of them to the same data. When a new format version is
// introduced, write its folder once with: pd_core_tests "[.write-golden]" (it refuses to
// overwrite a folder that is already there: released golden files never change).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "storage/change_log.h"
#include "storage/memory_env.h"
#include "storage/payload.h"
#include "storage/record_file.h"
#include "storage_helpers.h"
#include "storage_workload.h"

namespace {

namespace fs = std::filesystem;
using Files = std::map<std::string, std::string>;

const char* const kDumpFile = "expected-dump.json";

fs::path folderOf(std::uint32_t version) {
  return fs::path(PD_GOLDEN_DIR) / ("storage-v" + std::to_string(version));
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The storage-v<N> folders there are, by version.
std::map<std::uint32_t, fs::path> goldenFolders() {
  std::map<std::uint32_t, fs::path> folders;
  for (const auto& entry : fs::directory_iterator(PD_GOLDEN_DIR)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.rfind("storage-v", 0) != 0) continue;
    folders[static_cast<std::uint32_t>(std::stoul(name.substr(9)))] = entry.path();
  }
  return folders;
}

Files storeFilesIn(const fs::path& folder) {
  Files files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name != kDumpFile) files[name] = readAll(entry.path());
  }
  return files;
}

std::uint32_t headerVersion(const std::string& bytes) {
  std::uint32_t version = 0;
  for (int i = 3; i >= 0; --i) {
    version = version << 8 | static_cast<unsigned char>(bytes.at(8 + static_cast<std::size_t>(i)));
  }
  return version;
}

// The folder holds every kind of file, all written in `version`, and its log has commits after
// the checkpoint (from version 2 on, after the catalog copy the log starts with).
void checkShape(const Files& files, std::uint32_t version) {
  std::size_t catalogs = 0, logs = 0, partitions = 0, streams = 0;
  for (const auto& [name, bytes] : files) {
    INFO(name);
    REQUIRE(bytes.size() >= pd::kFileHeaderSize);
    CHECK(headerVersion(bytes) == version);
    catalogs += name.rfind("catalog-", 0) == 0;
    partitions += name.rfind("part-", 0) == 0;
    streams += name.rfind("streams-", 0) == 0;
    if (name.rfind("log-", 0) != 0) continue;
    ++logs;
    const pd::RecordScan scan = pd::scanRecords(bytes, pd::magic::kLog);
    CHECK(scan.problem.empty());
    REQUIRE(scan.records.size() >= 2);
    if (version >= 2) {
      pd::PayloadReader first(scan.records.front());
      first.varint();
      CHECK(first.byte() == pd::log_entry::kCheckpointCatalog);
    }
  }
  CHECK(catalogs == 1);
  // Version 3 keeps older logs while their changes are needed.
  if (version >= 3) {
    CHECK(logs >= 1);
  } else {
    CHECK(logs == 1);
  }
  CHECK(partitions > 1);
  CHECK(streams == 1);
}

}  // namespace

TEST_CASE("storage: golden files of every format version open to the same data", "[storage]") {
  const auto folders = goldenFolders();
  // Every version ever written has its folder, so none of them can stop opening unnoticed.
  for (std::uint32_t version = 1; version <= pd::kStorageFormatVersion; ++version) {
    INFO("tests/golden/storage-v" << version << " is missing: run \"[.write-golden]\"");
    CHECK(folders.count(version) == 1);
  }
  for (const auto& [version, folder] : folders) {
    INFO(folder.string());
    const Files files = storeFilesIn(folder);
    checkShape(files, version);
    pd::MemoryEnv env;
    env.files() = files;
    auto engine = pd::testing::engineAt(pd::testing::kWorkloadClock);
    const pd::StorageReport report = engine->openStorage(env);
    CHECK(report.problems.empty());
    CHECK(report.unacknowledged.empty());
    CHECK(env.files() == files);  // opening wrote and removed nothing
    CHECK(pd::testing::dumpDatabase(*engine) == readAll(folder / kDumpFile));

    // The database takes writes in the current version, and they survive a reopen.
    pd::testing::run(*engine, "PutItem",
                     nlohmann::json{{"TableName", "orders"},
                                    {"Item", pd::testing::workloadItem("golden", 1, "new", 1)}}
                         .dump());
    REQUIRE(engine->flush().ok);
    auto reopened = pd::testing::engineAt(pd::testing::kWorkloadClock);
    CHECK(reopened->openStorage(env).problems.empty());
    CHECK(pd::testing::dumpDatabase(*reopened) == pd::testing::dumpDatabase(*engine));
  }
}

TEST_CASE("storage: write the golden files of the current format version", "[.write-golden]") {
  const fs::path folder = folderOf(pd::kStorageFormatVersion);
  INFO(folder.string() << " already exists: golden files of a released version never change");
  REQUIRE_FALSE(fs::exists(folder));
  pd::MemoryEnv env;
  auto engine = pd::testing::engineAt(pd::testing::kWorkloadClock);
  engine->openStorage(env);
  engine->durableStore()->setLogBudget(20000);
  // One partition per checkpoint step, so that older logs are kept (version 3 on).
  engine->durableStore()->setStepBudget(1);
  for (const auto& step : pd::testing::storageWorkload()) {
    pd::testing::run(*engine, step.operation, step.body.dump());
    if (step.flush) REQUIRE(engine->flush().ok);
  }
  REQUIRE(engine->flush().ok);
  checkShape(env.files(), pd::kStorageFormatVersion);
  fs::create_directories(folder);
  for (const auto& [name, bytes] : env.files()) {
    std::ofstream(folder / name, std::ios::binary) << bytes;
  }
  std::ofstream(folder / kDumpFile, std::ios::binary) << pd::testing::dumpDatabase(*engine);
}
