// Replays the JSON case files of tests/cases against an Engine (see tests/cases/README.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pd::testing {

// Empty when the actual JSON matches the expected one, else a description of the first
// difference (with its JSON path).
std::string compareJson(const nlohmann::json& expected, const nlohmann::json& actual,
                        const std::string& path = "$");

// Runs one case file; returns the failures (empty when the case passes).
std::string runCaseFile(const std::string& path);

}  // namespace pd::testing
