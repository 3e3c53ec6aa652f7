// Every case file in tests/cases, replayed natively.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "case_runner.h"

TEST_CASE("every request/response case file passes natively", "[cases]") {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(PD_CASES_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    INFO(file);
    CHECK(pd::testing::runCaseFile(file) == "");
  }
}
