// Consumed capacity as DynamoDB computes it: reads in 4 KB units (half a unit each when
// eventually consistent), writes in 1 KB units, at least one unit per request.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "api/json_writer.h"

namespace pd {

double readUnits(std::size_t itemBytes, bool consistentRead);
double writeUnits(std::size_t itemBytes);

// Writes "ConsumedCapacity": {...} for ReturnConsumedCapacity TOTAL or INDEXES; nothing for
// NONE or absent.
void writeConsumedCapacity(JsonWriter& out, const std::string* returnConsumedCapacity,
                           const std::string& tableName, double units);

// The batch and transaction operations: "ConsumedCapacity": [{...}, ...], one entry per table
// in the order the tables were first charged.
class CapacityList {
 public:
  void add(const std::string& tableName, double units);
  void write(JsonWriter& out, const std::string* returnConsumedCapacity) const;

 private:
  std::vector<std::pair<std::string, double>> tables_;
};

}  // namespace pd
