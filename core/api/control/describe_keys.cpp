#include "api/control/describe_keys.h"

#include "api/wire/request_fields.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {
namespace {

void writeKeyElements(JsonWriter& out, const std::vector<KeyElement>& keys, const char* type) {
  for (const auto& key : keys) {
    out.beginObject().key("AttributeName").string(key.name).key("KeyType").string(type);
    out.endObject();
  }
}

void writeKeySchema(JsonWriter& out, const KeyAttributes& key) {
  out.key("KeySchema").beginArray();
  writeKeyElements(out, key.hash, "HASH");
  writeKeyElements(out, key.range, "RANGE");
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
    writeKeySchema(out, schema.key);
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
  writeKeySchema(out, keyAttributesOf(schema));
  writeIndexes(out, *table, true);
  writeIndexes(out, *table, false);
  out.endObject().endObject();
  return out.take();
}

}  // namespace pd
