// libFuzzer target: opening damaged storage. Starts from the golden database of
// tests/golden/storage-v1 and damages one of its files as the input says: the first byte picks
// the file, the second the damage ('r' replace the file with the rest of the input, 'x' XOR the
// rest into it at the offset in bytes 3-4, 't' truncate it to the length in bytes 3-4, anything
// else: append the rest to the log as a commit with a valid checksum, so that replay itself is
// fuzzed, not just the framing). Open must never crash or throw; whatever it loads must answer
// every read with valid JSON, and a write and flush must work afterwards.
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/engine.h"
#include "fuzz_common.h"
#include "storage/memory_env.h"
#include "storage/record_file.h"

namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string>& goldenFiles() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> read;
    for (const auto& entry : fs::directory_iterator(fs::path(PD_GOLDEN_DIR) / "storage-v1")) {
      const std::string name = entry.path().filename().string();
      if (name.find(".json") != std::string::npos) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      read[name] = bytes.str();
    }
    return read;
  }();
  return files;
}

void mustBeJson(const pd::Response& response) {
  if (!nlohmann::json::accept(response.body)) {
    pdfuzz::violated("response is not JSON: " + response.body);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  pd::MemoryEnv env;
  env.files() = goldenFiles();
  auto file = env.files().begin();
  std::advance(file, data[0] % env.files().size());
  const std::string rest(reinterpret_cast<const char*>(data) + 4, size - 4);
  const std::size_t at = static_cast<std::size_t>(data[2]) << 8 | data[3];
  std::string& bytes = file->second;
  if (data[1] == 'r') {
    bytes = rest;
  } else if (data[1] == 'x') {
    for (std::size_t i = 0; i < rest.size() && at + i < bytes.size(); ++i) bytes[at + i] ^= rest[i];
  } else if (data[1] == 't') {
    bytes.resize(std::min(bytes.size(), at));
  } else {
    for (auto& [name, log] : env.files()) {
      if (name.rfind("log-", 0) == 0) pd::appendRecord(log, rest);
    }
  }

  pd::Engine engine;
  engine.setClock([] { return 1790000000.0; });
  try {
    engine.openStorage(env);
  } catch (const std::exception& error) {
    pdfuzz::violated(std::string("open threw: ") + error.what());
  }
  const pd::Response tables = engine.execute("ListTables", "{}");
  mustBeJson(tables);
  const nlohmann::json listed = nlohmann::json::parse(tables.body);
  for (const auto& name : listed["TableNames"]) {
    const std::string request = nlohmann::json{{"TableName", name}}.dump();
    mustBeJson(engine.execute("DescribeTable", request));
    mustBeJson(engine.execute("Scan", request));
  }
  mustBeJson(engine.execute("ListStreams", "{}"));
  mustBeJson(engine.execute(
      "CreateTable",
      R"({"TableName":"fuzz","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})"));
  if (!engine.flush().ok) pdfuzz::violated("flush failed after open");
  return 0;
}
