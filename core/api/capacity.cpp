#include "api/capacity.h"

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

void writeEntry(JsonWriter& out, const std::string& returnConsumedCapacity,
                const std::string& tableName, double units) {
  out.beginObject();
  out.key("TableName").string(tableName).key("CapacityUnits").real(units);
  if (returnConsumedCapacity == "INDEXES") {
    out.key("Table").beginObject().key("CapacityUnits").real(units).endObject();
  }
  out.endObject();
}
}  // namespace

void writeConsumedCapacity(JsonWriter& out, const std::string* returnConsumedCapacity,
                           const std::string& tableName, double units) {
  if (!wanted(returnConsumedCapacity)) return;
  out.key("ConsumedCapacity");
  writeEntry(out, *returnConsumedCapacity, tableName, units);
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
