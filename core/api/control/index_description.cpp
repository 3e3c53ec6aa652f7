#include "api/control/index_description.h"

#include "model/attribute_value.h"

namespace pd {
namespace {

void writeKeyElement(JsonWriter& out, const KeyElement& key, const char* type) {
  out.beginObject().key("AttributeName").string(key.name).key("KeyType").string(type).endObject();
}

void writeIndex(JsonWriter& out, const Table& table, const Index& index) {
  const IndexSchema& schema = index.schema();
  out.beginObject();
  out.key("IndexName").string(schema.name);
  out.key("KeySchema").beginArray();
  for (const auto& key : schema.key.hash) writeKeyElement(out, key, "HASH");
  for (const auto& key : schema.key.range) writeKeyElement(out, key, "RANGE");
  out.endArray();
  out.key("Projection")
      .beginObject()
      .key("ProjectionType")
      .string(projectionTypeName(schema.projection));
  if (schema.projection == ProjectionType::Include) {
    out.key("NonKeyAttributes").beginArray();
    for (const auto& name : schema.nonKeyAttributes) out.string(name);
    out.endArray();
  }
  out.endObject();
  if (schema.global) {
    // Index creation is immediate here, so a new index is never back-filling.
    out.key("IndexStatus").string("ACTIVE");
    out.key("Backfilling").boolean(false);
    writeThroughput(out, schema.throughput);
  }
  const std::optional<ItemCounts> counts = table.describedCounts(&schema.name);
  out.key("IndexSizeBytes")
      .integer(static_cast<std::int64_t>(counts ? counts->bytes : index.sizeBytes()));
  out.key("ItemCount")
      .integer(static_cast<std::int64_t>(counts ? counts->items : index.itemCount()));
  out.key("IndexArn").string(schema.arn);
  out.endObject();
}

void writeIndexList(JsonWriter& out, const Table& table, bool global) {
  bool any = false;
  for (const auto& index : table.indexes()) {
    if (index->schema().global != global) continue;
    if (!any) out.key(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes").beginArray();
    any = true;
    writeIndex(out, table, *index);
  }
  if (any) out.endArray();
}

}  // namespace

void writeThroughput(JsonWriter& out, const ProvisionedThroughput& t) {
  out.key("ProvisionedThroughput").beginObject();
  if (t.lastIncreaseDateTime > 0) out.key("LastIncreaseDateTime").real(t.lastIncreaseDateTime);
  if (t.lastDecreaseDateTime > 0) out.key("LastDecreaseDateTime").real(t.lastDecreaseDateTime);
  out.key("NumberOfDecreasesToday").integer(t.numberOfDecreasesToday);
  out.key("ReadCapacityUnits").integer(t.readCapacityUnits);
  out.key("WriteCapacityUnits").integer(t.writeCapacityUnits);
  out.endObject();
}

void writeIndexDescriptions(JsonWriter& out, const Table& table) {
  writeIndexList(out, table, false);
  writeIndexList(out, table, true);
}

}  // namespace pd
