// The workload the storage tests write: tables with an index and a stream, item writes of every
// kind, batches, a transaction with a client token, TTL, an index added later, and a table
// deleted and created again, with flushes in between.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pd::testing {

constexpr double kWorkloadClock = 1790000000;  // a fixed clock, so dumps compare equal

// One step of the workload: a request, and whether a flush follows it.
struct Step {
  std::string operation;
  nlohmann::json body;
  bool flush;
};

std::vector<Step> storageWorkload();
nlohmann::json workloadItem(const std::string& pk, int sk, const std::string& category, int n);

}  // namespace pd::testing
