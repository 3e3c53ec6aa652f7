// Consumed capacity as DynamoDB computes it: reads in 4 KB units (half a unit each when
// eventually consistent), writes in 1 KB units, at least one unit per request.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/json_writer.h"
#include "store/index.h"

namespace pd {

double readUnits(std::size_t itemBytes, bool consistentRead);
double writeUnits(std::size_t itemBytes);

// The units one write charged to one secondary index.
struct IndexUnits {
  std::string name;
  bool global = true;
  double units = 0;
};

// The write units of the indexes a table write changed: a new or removed entry is one write of
// its size, an entry updated in place one write of the larger size, a moved entry two writes.
std::vector<IndexUnits> indexWriteUnits(const std::vector<IndexTouch>& touches);
double totalUnits(const std::vector<IndexUnits>& indexes);

// Writes "ConsumedCapacity": {...} for ReturnConsumedCapacity TOTAL or INDEXES; nothing for
// NONE or absent. CapacityUnits counts the table's units and the indexes'; INDEXES also breaks
// them down (a "GlobalSecondaryIndexes"/"LocalSecondaryIndexes" map per kind touched).
void writeConsumedCapacity(JsonWriter& out, const std::string* returnConsumedCapacity,
                           const std::string& tableName, double units,
                           const std::vector<IndexUnits>& indexes = {});

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
