// DescribeEndpoints, DescribeLimits, DescribeContinuousBackups and UpdateContinuousBackups:
// answers about the endpoint and the account, and the point-in-time-recovery flag of a table
// (described as DynamoDB describes it; there is no backup behind it).
#include "api/operations.h"
#include "api/wire/request_fields.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {
namespace {

Table& backupTable(Database& db, const Json& body) {
  const std::string* name = Fields(body).string("TableName");
  Constraints constraints;
  constraints.tableName(name, "tableName");
  constraints.check();
  Table* table = db.find(*name);
  if (!table) throw DynamoError{"TableNotFoundException", "Table not found: " + *name};
  return *table;
}

std::string continuousBackups(const Database& db, const TableSchema& schema) {
  JsonWriter out;
  out.beginObject().key("ContinuousBackupsDescription").beginObject();
  out.key("ContinuousBackupsStatus").string("ENABLED");
  out.key("PointInTimeRecoveryDescription").beginObject();
  const bool enabled = schema.pointInTimeRecoverySince > 0;
  out.key("PointInTimeRecoveryStatus").string(enabled ? "ENABLED" : "DISABLED");
  if (enabled) {
    out.key("RecoveryPeriodInDays").integer(schema.recoveryPeriodInDays);
    out.key("EarliestRestorableDateTime").real(schema.pointInTimeRecoverySince);
    out.key("LatestRestorableDateTime").real(db.now());
  }
  return out.endObject().endObject().endObject().take();
}

}  // namespace

std::string setRegion(Database& db, const Json& body) {
  // The region of a SigV4 credential scope, or open({ region }): ARNs and records carry it.
  const std::string* region = Fields(body).string("Region");
  if (!region || region->empty() || region->size() > 64 ||
      region->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    throw validationError("Region must be 1 to 64 characters of a-z, 0-9 and '-'");
  }
  db.region = *region;
  return "{}";
}

std::string describeEndpoints(Database& db, const Json&) {
  JsonWriter out;
  out.beginObject().key("Endpoints").beginArray().beginObject();
  out.key("Address").string("dynamodb." + db.region + ".amazonaws.com");
  out.key("CachePeriodInMinutes").integer(1440);
  return out.endObject().endArray().endObject().take();
}

std::string describeLimits(Database&, const Json&) {
  // DynamoDB's default quotas for an account in a region.
  return R"({"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,)"
         R"("TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})";
}

std::string describeContinuousBackups(Database& db, const Json& body) {
  return continuousBackups(db, backupTable(db, body).schema());
}

std::string updateContinuousBackups(Database& db, const Json& body) {
  const Fields request(body);
  const Json* specWire =
      request.structure("PointInTimeRecoverySpecification", "PointInTimeRecoverySpecification");
  std::optional<bool> enabled;
  std::optional<std::int64_t> days;
  if (specWire) {
    const Fields spec(*specWire);
    enabled = spec.boolean("PointInTimeRecoveryEnabled");
    days = spec.integer("RecoveryPeriodInDays", "Integer");
  }
  Constraints constraints;
  constraints.required(specWire != nullptr, "pointInTimeRecoverySpecification");
  if (specWire) {
    const std::string path = "pointInTimeRecoverySpecification.";
    constraints.required(enabled.has_value(), path + "pointInTimeRecoveryEnabled");
    if (days) {
      constraints.minimum(*days, 1, path + "recoveryPeriodInDays");
      constraints.maximum(*days, 35, path + "recoveryPeriodInDays");
    }
  }
  constraints.check();
  TableSchema& schema = backupTable(db, body).schema();
  if (days && !*enabled) {
    throw validationError(
        "RecoveryPeriodInDays can only be specified when "
        "PointInTimeRecoveryEnabled is true");
  }
  if (!*enabled) {
    schema.pointInTimeRecoverySince = 0;
  } else if (schema.pointInTimeRecoverySince == 0) {
    schema.pointInTimeRecoverySince = db.now();
  }
  if (*enabled) schema.recoveryPeriodInDays = static_cast<int>(days.value_or(35));
  return continuousBackups(db, schema);
}

}  // namespace pd
