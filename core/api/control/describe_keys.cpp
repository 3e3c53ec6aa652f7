#include "api/control/describe_keys.h"

#include "api/wire/request_fields.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {
namespace {

void writeKeySchema(JsonWriter& out, const KeyElement& hash,
                    const std::optional<KeyElement>& range) {
  out.key("KeySchema").beginArray();
  out.beginObject()
      .key("AttributeName")
      .string(hash.name)
      .key("KeyType")
      .string("HASH")
      .endObject();
  if (range) {
    out.beginObject().key("AttributeName").string(range->name).key("KeyType").string("RANGE");
    out.endObject();
  }
  out.endArray();
}

void writeIndexes(JsonWriter& out, const Table& table, bool global) {
  bool any = false;
  for (const auto& index : table.indexes()) {
    const IndexSchema& schema = index->schema();
    if (schema.global != global) continue;
    if (!any) out.key(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes").beginArray();
    any = true;
    out.beginObject().key("IndexName").string(schema.name);
    writeKeySchema(out, schema.hashKey, schema.rangeKey);
    out.key("Projection").beginObject();
    out.key("ProjectionType").string(projectionTypeName(schema.projection));
    if (schema.projection == ProjectionType::Include) {
      out.key("NonKeyAttributes").beginArray();
      for (const auto& name : schema.nonKeyAttributes) out.string(name);
      out.endArray();
    }
    out.endObject().endObject();
  }
  if (any) out.endArray();
}

}  // namespace

std::string describeKeys(Database& db, const Json& body) {
  const std::string* name = Fields(body).string("TableName");
  const Table* table = name ? db.find(*name) : nullptr;
  if (!table) throw DynamoError{"ResourceNotFoundException", "Requested resource not found"};
  const TableSchema& schema = table->schema();
  JsonWriter out;
  out.beginObject().key("Table").beginObject();
  writeKeySchema(out, schema.hashKey, schema.rangeKey);
  writeIndexes(out, *table, true);
  writeIndexes(out, *table, false);
  out.endObject().endObject();
  return out.take();
}

}  // namespace pd
