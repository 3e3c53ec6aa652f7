#include "api/control/table_description.h"

#include "api/control/index_description.h"

namespace pd {
namespace {

void writeKeySchema(JsonWriter& out, const TableSchema& schema) {
  out.key("KeySchema").beginArray();
  out.beginObject().key("AttributeName").string(schema.hashKey.name);
  out.key("KeyType").string("HASH").endObject();
  if (schema.rangeKey) {
    out.beginObject().key("AttributeName").string(schema.rangeKey->name);
    out.key("KeyType").string("RANGE").endObject();
  }
  out.endArray();
}

}  // namespace

void writeTableDescription(JsonWriter& out, const Table& table, const char* status) {
  const TableSchema& schema = table.schema();
  out.beginObject();
  out.key("AttributeDefinitions").beginArray();
  for (const auto& definition : schema.attributeDefinitions) {
    out.beginObject().key("AttributeName").string(definition.name);
    out.key("AttributeType").string(typeName(definition.type)).endObject();
  }
  out.endArray();
  out.key("TableName").string(schema.name);
  writeKeySchema(out, schema);
  out.key("TableStatus").string(status);
  out.key("CreationDateTime").real(schema.creationDateTime);
  writeThroughput(out, schema.throughput);
  // Partitions not loaded count as of the last checkpoint, without loading them.
  const std::optional<ItemCounts> counts = table.describedCounts();
  out.key("TableSizeBytes")
      .integer(static_cast<std::int64_t>(counts ? counts->bytes : table.sizeBytes()));
  out.key("ItemCount")
      .integer(static_cast<std::int64_t>(counts ? counts->items : table.itemCount()));
  out.key("TableArn").string(schema.arn);
  writeIndexDescriptions(out, table);
  out.key("TableId").string(schema.tableId);
  // DynamoDB returns BillingModeSummary only once a table has been on-demand.
  const bool onDemand = schema.billingMode == BillingMode::PayPerRequest;
  if (onDemand || schema.lastUpdateToPayPerRequestDateTime > 0) {
    out.key("BillingModeSummary").beginObject();
    out.key("BillingMode").string(onDemand ? "PAY_PER_REQUEST" : "PROVISIONED");
    if (schema.lastUpdateToPayPerRequestDateTime > 0) {
      out.key("LastUpdateToPayPerRequestDateTime").real(schema.lastUpdateToPayPerRequestDateTime);
    }
    out.endObject();
  }
  out.key("DeletionProtectionEnabled").boolean(schema.deletionProtectionEnabled);
  // StreamSpecification only while a stream is enabled; the latest stream's ARN and label stay.
  if (const auto& stream = table.stream()) {
    out.key("StreamSpecification").beginObject().key("StreamEnabled").boolean(true);
    out.key("StreamViewType").string(streamViewTypeName(stream->info().viewType)).endObject();
  }
  if (!schema.latestStreamArn.empty()) {
    out.key("LatestStreamLabel").string(schema.latestStreamLabel);
    out.key("LatestStreamArn").string(schema.latestStreamArn);
  }
  out.endObject();
}

}  // namespace pd
