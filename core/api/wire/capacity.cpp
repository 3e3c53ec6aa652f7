#include "api/wire/capacity.h"

#include <algorithm>

#include "model/limits.h"

namespace pd {
namespace {
std::size_t unitsOf(std::size_t bytes, std::size_t unit) {
  const std::size_t units = (bytes + unit - 1) / unit;
  return units == 0 ? 1 : units;
}
}  // namespace

double readUnits(std::size_t itemBytes, bool consistentRead) {
  const auto units = static_cast<double>(unitsOf(itemBytes, limits::kReadUnitBytes));
  return consistentRead ? units : units / 2;
}

double writeUnits(std::size_t itemBytes) {
  return static_cast<double>(unitsOf(itemBytes, limits::kWriteUnitBytes));
}

namespace {
bool wanted(const std::string* returnConsumedCapacity) {
  return returnConsumedCapacity && *returnConsumedCapacity != "NONE";
}

void writeIndexMap(JsonWriter& out, const std::vector<IndexUnits>& indexes, bool global) {
  bool any = false;
  for (const auto& index : indexes) {
    if (index.global != global) continue;
    if (!any) out.key(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes").beginObject();
    any = true;
    out.key(index.name).beginObject().key("CapacityUnits").real(index.units).endObject();
  }
  if (any) out.endObject();
}

void writeEntry(JsonWriter& out, const std::string& returnConsumedCapacity,
                const std::string& tableName, double units,
                const std::vector<IndexUnits>& indexes = {}) {
  out.beginObject();
  out.key("TableName").string(tableName).key("CapacityUnits").real(units + totalUnits(indexes));
  if (returnConsumedCapacity == "INDEXES") {
    out.key("Table").beginObject().key("CapacityUnits").real(units).endObject();
    writeIndexMap(out, indexes, false);
    writeIndexMap(out, indexes, true);
  }
  out.endObject();
}
}  // namespace

std::vector<IndexUnits> indexWriteUnits(const std::vector<IndexTouch>& touches) {
  std::vector<IndexUnits> units;
  for (const auto& touch : touches) {
    double cost = 0;
    if (touch.removedSize && touch.addedSize && !touch.keyChanged) {
      cost = writeUnits(std::max(*touch.removedSize, *touch.addedSize));
    } else {
      if (touch.removedSize) cost += writeUnits(*touch.removedSize);
      if (touch.addedSize) cost += writeUnits(*touch.addedSize);
    }
    units.push_back({touch.index->name, touch.index->global, cost});
  }
  return units;
}

double totalUnits(const std::vector<IndexUnits>& indexes) {
  double total = 0;
  for (const auto& index : indexes) total += index.units;
  return total;
}

void writeConsumedCapacity(JsonWriter& out, const std::string* returnConsumedCapacity,
                           const std::string& tableName, double units,
                           const std::vector<IndexUnits>& indexes) {
  if (!wanted(returnConsumedCapacity)) return;
  out.key("ConsumedCapacity");
  writeEntry(out, *returnConsumedCapacity, tableName, units, indexes);
}

void CapacityList::add(const std::string& tableName, double units) {
  for (auto& [name, total] : tables_) {
    if (name == tableName) {
      total += units;
      return;
    }
  }
  tables_.emplace_back(tableName, units);
}

void CapacityList::write(JsonWriter& out, const std::string* returnConsumedCapacity) const {
  if (!wanted(returnConsumedCapacity)) return;
  out.key("ConsumedCapacity").beginArray();
  for (const auto& [name, units] : tables_) writeEntry(out, *returnConsumedCapacity, name, units);
  out.endArray();
}

}  // namespace pd
