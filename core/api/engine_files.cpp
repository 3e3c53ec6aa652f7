// The engine's side of loading partitions from asynchronous storage: which files to fetch
// before a request or a flush, and loading the others one at a time in the background.
#include "api/engine.h"
#include "api/partitions_needed.h"

#include <algorithm>

namespace pd {
namespace {

// DescribeTable counts the partitions not loaded from the catalog, when it has their counts.
bool describedWithoutLoading(const Table& table) {
  if (!table.describedCounts()) return false;
  for (const auto& index : table.indexes()) {
    if (!table.describedCounts(&index->schema().name)) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> Engine::filesNeeded(std::string_view operation,
                                             std::string_view requestJson) {
  std::vector<std::string> names;
  if (!store_) return names;
  bool anyUnloaded = false;
  for (const auto& [name, table] : db_.tables) anyUnloaded |= table->unloadedPartitions().any();
  if (!anyUnloaded) return names;  // everything is in memory: no request needs a file
  for (const auto& [table, needed] : partitionsNeeded(db_, operation, requestJson).tables) {
    if (operation == "DescribeTable" && describedWithoutLoading(*table)) continue;
    for (int p = 0; p < kPartitionsPerTable; ++p) {
      if (!needed.whole && !needed.partitions.count(p)) continue;
      table->touch(p);  // kept by trims while the request waits for its files
      // A file of format 1 or 2 holds 16 partitions: named once.
      for (std::string& file : store_->unloadedFiles(*table, p)) {
        if (std::find(names.begin(), names.end(), file) == names.end()) {
          names.push_back(std::move(file));
        }
      }
    }
  }
  return names;
}

std::vector<std::string> Engine::filesNeededToFlush() {
  return store_ ? store_->unloadedFiles(true) : std::vector<std::string>{};
}

std::vector<std::string> Engine::nextUnloadedFiles() {
  // Loading the rest stops where a memory budget is full.
  if (store_ && store_->memoryBudget() && store_->loadedBytes() >= store_->memoryBudget())
    return {};
  for (const auto& [name, table] : db_.tables) {
    for (int p = 0; store_ && table->unloadedPartitions().any() && p < kPartitionsPerTable; ++p) {
      std::vector<std::string> files = store_->unloadedFiles(*table, p);
      if (!files.empty()) return files;
    }
  }
  return {};
}

bool Engine::loadFile(const std::string& name) {
  return store_ && store_->loadFile(name);
}

void Engine::setMemoryBudget(std::uint64_t bytes) {
  if (store_) store_->setMemoryBudget(bytes);
}

std::size_t Engine::trimMemory(std::uint64_t keepFrom) {
  return store_ ? store_->trimToBudget(keepFrom) : 0;
}

}  // namespace pd
