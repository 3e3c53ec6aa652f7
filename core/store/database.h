// Everything the engine holds: its tables and the clock that stamps them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "store/table.h"

namespace pd {

struct Database {
  std::map<std::string, std::unique_ptr<Table>> tables;  // by name, so ListTables is sorted
  std::function<double()> now;                           // epoch seconds
  std::string region = "local";
  std::string accountId = "000000000000";

  Table* find(const std::string& name) const;
};

}  // namespace pd
