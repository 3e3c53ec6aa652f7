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

void writeConsumedCapacity(JsonWriter& out, const std::string* returnConsumedCapacity,
                           const std::string& tableName, double units) {
  if (!returnConsumedCapacity || *returnConsumedCapacity == "NONE") return;
  out.key("ConsumedCapacity").beginObject();
  out.key("TableName").string(tableName).key("CapacityUnits").real(units);
  if (*returnConsumedCapacity == "INDEXES") {
    out.key("Table").beginObject().key("CapacityUnits").real(units).endObject();
  }
  out.endObject();
}

}  // namespace pd
