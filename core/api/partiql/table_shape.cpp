#include "api/partiql/table_shape.h"

namespace pd::partiql {
namespace {

KeyNames keysOf(const Json& keySchema) {
  KeyNames keys;
  for (const Json& element : keySchema) {
    const std::string name = element.value("AttributeName", "");
    const bool range = element.value("KeyType", "") == "RANGE";
    if (range ? keys.range.has_value() : !keys.hash.empty()) {
      keys.more.push_back(name);
    } else if (range) {
      keys.range = name;
    } else {
      keys.hash = name;
    }
  }
  return keys;
}

void addIndexes(const Json& table, const char* member, bool global, TableShape& shape) {
  if (!table.contains(member)) return;
  for (const Json& index : table[member]) {
    IndexShape entry;
    entry.name = index.value("IndexName", "");
    entry.keys = keysOf(index.value("KeySchema", Json::array()));
    entry.global = global;
    const Json projection = index.value("Projection", Json::object());
    entry.projection = projection.value("ProjectionType", "ALL");
    for (const Json& name : projection.value("NonKeyAttributes", Json::array())) {
      entry.nonKeyAttributes.push_back(name.get<std::string>());
    }
    shape.indexes.push_back(std::move(entry));
  }
}

}  // namespace

const IndexShape* TableShape::findIndex(const std::string& name) const {
  for (const IndexShape& index : indexes) {
    if (index.name == name) return &index;
  }
  return nullptr;
}

TableShape tableShapeOf(const Json& description) {
  const Json table = description.value("Table", Json::object());
  TableShape shape;
  shape.keys = keysOf(table.value("KeySchema", Json::array()));
  addIndexes(table, "GlobalSecondaryIndexes", true, shape);
  addIndexes(table, "LocalSecondaryIndexes", false, shape);
  return shape;
}

}  // namespace pd::partiql
