// UpdateTimeToLive and DescribeTimeToLive. TTL state is the table's ttlAttribute; the items it
// expires are deleted by PocketDynamo_SweepExpiredItems (ttl_sweep.cpp).
#include "api/operations.h"
#include "api/wire/request_fields.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {
namespace {

constexpr std::size_t kMaxTtlAttributeNameLength = 255;

Table& ttlTable(Database& db, const std::string& name) {
  Table* table = db.find(name);
  if (!table) {
    throw DynamoError{"ResourceNotFoundException",
                      "Requested resource not found: Table: " + name + " not found"};
  }
  return *table;
}

}  // namespace

std::string updateTimeToLive(Database& db, const Json& body) {
  const Fields request(body);
  const std::string* name = request.string("TableName");
  const Json* specWire = request.structure("TimeToLiveSpecification", "TimeToLiveSpecification");
  const std::string* attribute = nullptr;
  std::optional<bool> enabled;
  if (specWire) {
    const Fields spec(*specWire);
    attribute = spec.string("AttributeName");
    enabled = spec.boolean("Enabled");
  }
  Constraints constraints;
  constraints.resourceName(name, "tableName");
  constraints.required(specWire != nullptr, "timeToLiveSpecification");
  if (specWire) {
    constraints.required(attribute != nullptr, "timeToLiveSpecification.attributeName");
    if (attribute) {
      constraints.length(*attribute, 1, kMaxTtlAttributeNameLength,
                         "timeToLiveSpecification.attributeName");
    }
    constraints.required(enabled.has_value(), "timeToLiveSpecification.enabled");
  }
  constraints.check();

  TableSchema& schema = ttlTable(db, *name).schema();
  // A different attribute is refused first, whether enabling or disabling.
  if (schema.ttlAttribute && *schema.ttlAttribute != *attribute) {
    throw validationError(
        "TimeToLive is active on a different AttributeName: current AttributeName is " +
        *schema.ttlAttribute);
  }
  if (*enabled && schema.ttlAttribute) throw validationError("TimeToLive is already enabled");
  if (!*enabled && !schema.ttlAttribute) throw validationError("TimeToLive is already disabled");
  schema.ttlAttribute = *enabled ? std::optional<std::string>(*attribute) : std::nullopt;

  JsonWriter out;
  out.beginObject().key("TimeToLiveSpecification").beginObject();
  out.key("AttributeName").string(*attribute).key("Enabled").boolean(*enabled);
  out.endObject().endObject();
  return out.take();
}

std::string describeTimeToLive(Database& db, const Json& body) {
  const Fields request(body);
  const std::string* name = request.string("TableName");
  Constraints constraints;
  constraints.resourceName(name, "tableName");
  constraints.check();
  const TableSchema& schema = ttlTable(db, *name).schema();
  JsonWriter out;
  out.beginObject().key("TimeToLiveDescription").beginObject();
  // A disabled table does not remember its old attribute.
  out.key("TimeToLiveStatus").string(schema.ttlAttribute ? "ENABLED" : "DISABLED");
  if (schema.ttlAttribute) out.key("AttributeName").string(*schema.ttlAttribute);
  out.endObject().endObject();
  return out.take();
}

}  // namespace pd
