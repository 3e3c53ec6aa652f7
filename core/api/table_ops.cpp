// CreateTable, DescribeTable, ListTables, DeleteTable and UpdateTable.
#include <algorithm>
#include <cstdio>
#include <random>

#include "api/errors.h"
#include "api/operations.h"
#include "api/request.h"
#include "api/table_description.h"
#include "model/limits.h"

namespace pd {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

DynamoError tableNotFound(const std::string& name) {
  return {"ResourceNotFoundException",
          "Requested resource not found: Table: " + name + " not found"};
}

std::string randomUuid() {
  static std::mt19937_64 generator{std::random_device{}()};
  const std::uint64_t high = generator(), low = generator();
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                static_cast<unsigned>(high & 0xFFF),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
  return text;
}

AttrType keyAttrType(const std::string& wire) {
  return wire == "S" ? AttrType::S : wire == "N" ? AttrType::N : AttrType::B;
}

std::string tableResponse(const char* wrapper, const Table& table, const char* status) {
  JsonWriter out;
  out.beginObject().key(wrapper);
  writeTableDescription(out, table, status);
  out.endObject();
  return out.take();
}

struct ThroughputRequest {
  std::optional<std::int64_t> read, write;
};

// Reads and checks ProvisionedThroughput; absent fields stay empty.
std::optional<ThroughputRequest> readThroughput(const Fields& request, Constraints& constraints) {
  const Json* wire = request.structure("ProvisionedThroughput", "ProvisionedThroughput");
  if (!wire) return std::nullopt;
  const Fields fields(*wire);
  ThroughputRequest throughput{fields.integer("ReadCapacityUnits"),
                               fields.integer("WriteCapacityUnits")};
  // DynamoDB lists the write units first.
  const std::string write = "provisionedThroughput.writeCapacityUnits";
  const std::string read = "provisionedThroughput.readCapacityUnits";
  constraints.required(throughput.write.has_value(), write);
  if (throughput.write) constraints.minimum(*throughput.write, 1, write);
  constraints.required(throughput.read.has_value(), read);
  if (throughput.read) constraints.minimum(*throughput.read, 1, read);
  return throughput;
}

// Units above 1e12 pass the constraints but are refused by the service.
void checkThroughputBounds(const ThroughputRequest& throughput) {
  constexpr std::int64_t kMaxUnits = 1000000000000;
  if (*throughput.read > kMaxUnits) {
    throw validationError("Given value " + std::to_string(*throughput.read) +
                          " for ReadCapacityUnits is out of bounds");
  }
  if (*throughput.write > kMaxUnits) {
    throw validationError("Given value " + std::to_string(*throughput.write) +
                          " for WriteCapacityUnits is out of bounds");
  }
}

struct NamedType {
  const std::string* name;
  const std::string* type;
};

// AttributeDefinitions or KeySchema: a list of {name, type} objects with their constraints.
std::vector<NamedType> readPairs(const Json* list, const char* typeField, const std::string& path,
                                 const std::string& typePath,
                                 const std::vector<std::string>& allowedTypes,
                                 Constraints& constraints) {
  std::vector<NamedType> pairs;
  if (!list) return pairs;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& element = (*list)[i];
    expectStructure(element, typeField[0] == 'K' ? "KeySchemaElement" : "AttributeDefinition");
    const Fields fields(element);
    NamedType pair{fields.string("AttributeName"), fields.string(typeField)};
    const std::string member = path + "." + std::to_string(i + 1) + ".member.";
    constraints.required(pair.name != nullptr, member + "attributeName");
    if (pair.name) constraints.length(*pair.name, 1, 255, member + "attributeName");
    constraints.required(pair.type != nullptr, member + typePath);
    constraints.oneOf(pair.type, allowedTypes, member + typePath);
    pairs.push_back(pair);
  }
  return pairs;
}

std::string listText(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "]";
}

}  // namespace

std::string createTable(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const Json* definitionsWire = request.list("AttributeDefinitions", "AttributeDefinition");
  const Json* keySchemaWire = request.list("KeySchema", "KeySchemaElement");
  const std::string* name = request.string("TableName");
  const std::string* billingMode = request.string("BillingMode");
  const auto deletionProtection = request.boolean("DeletionProtectionEnabled");
  checkControlPlaneTableName(name, constraints);

  constraints.required(definitionsWire != nullptr, "attributeDefinitions");
  const auto definitions = readPairs(definitionsWire, "AttributeType", "attributeDefinitions",
                                     "attributeType", {"B", "N", "S"}, constraints);
  constraints.oneOf(billingMode, {"PROVISIONED", "PAY_PER_REQUEST"}, "billingMode");
  const auto throughput = readThroughput(request, constraints);
  constraints.required(keySchemaWire != nullptr, "keySchema");
  const auto keySchema =
      readPairs(keySchemaWire, "KeyType", "keySchema", "keyType", {"HASH", "RANGE"}, constraints);
  if (keySchemaWire && keySchemaWire->empty()) {
    constraints.fail("'[]'", "keySchema", "Member must have length greater than or equal to 1");
  }
  if (keySchema.size() > 2) {
    std::string printed;
    for (const auto& key : keySchema) {
      printed += (printed.empty() ? "" : ", ") + std::string("KeySchemaElement(attributeName=") +
                 *key.name + ", keyType=" + *key.type + ")";
    }
    constraints.fail("'[" + printed + "]'", "keySchema",
                     "Member must have length less than or equal to 2");
  }
  constraints.check();

  const bool onDemand = billingMode && *billingMode == "PAY_PER_REQUEST";
  if (onDemand && throughput) {
    throw validationError(kInvalid +
                          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                          "BillingMode is PAY_PER_REQUEST");
  }
  if (!onDemand && !throughput) {
    throw validationError(kInvalid +
                          "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                          "BillingMode is PROVISIONED");
  }
  if (throughput) checkThroughputBounds(*throughput);
  if (keySchema.size() > definitions.size()) {
    throw validationError("Invalid KeySchema: Some index key attribute have no definition");
  }
  std::vector<std::string> definedNames;
  for (const auto& definition : definitions) definedNames.push_back(*definition.name);
  std::vector<std::string> keyNames;
  for (const auto& key : keySchema) keyNames.push_back(*key.name);
  for (const auto& keyName : keyNames) {
    if (std::find(definedNames.begin(), definedNames.end(), keyName) == definedNames.end()) {
      throw validationError(kInvalid +
                            "Some index key attributes are not defined in AttributeDefinitions. "
                            "Keys: " +
                            listText(keyNames) +
                            ", AttributeDefinitions: " + listText(definedNames));
    }
  }
  if (keySchema.size() == 2 && *keySchema[0].name == *keySchema[1].name) {
    throw validationError(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (*keySchema[0].type != "HASH") {
    throw validationError("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (keySchema.size() == 2 && *keySchema[1].type != "RANGE") {
    throw validationError("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  if (definitions.size() != keySchema.size()) {
    throw validationError(kInvalid +
                          "Number of attributes in KeySchema does not exactly match number of "
                          "attributes defined in AttributeDefinitions");
  }
  if (db.find(*name)) throw DynamoError{"ResourceInUseException", "Table already exists: " + *name};

  TableSchema schema;
  schema.name = *name;
  schema.arn = "arn:aws:dynamodb:" + db.region + ":" + db.accountId + ":table/" + *name;
  schema.tableId = randomUuid();
  schema.creationDateTime = db.now();
  for (const auto& definition : definitions) {
    schema.attributeDefinitions.push_back({*definition.name, keyAttrType(*definition.type)});
  }
  auto typeOf = [&](const std::string& keyName) {
    for (const auto& definition : schema.attributeDefinitions) {
      if (definition.name == keyName) return definition.type;
    }
    return AttrType::S;
  };
  schema.hashKey = {keyNames[0], typeOf(keyNames[0])};
  if (keyNames.size() == 2) schema.rangeKey = KeyElement{keyNames[1], typeOf(keyNames[1])};
  schema.billingMode = onDemand ? BillingMode::PayPerRequest : BillingMode::Provisioned;
  schema.billingModeWasSet = onDemand;
  if (onDemand) schema.lastUpdateToPayPerRequestDateTime = schema.creationDateTime;
  if (throughput) {
    schema.throughput.readCapacityUnits = *throughput->read;
    schema.throughput.writeCapacityUnits = *throughput->write;
  }
  schema.deletionProtectionEnabled = deletionProtection.value_or(false);

  auto table = std::make_unique<Table>(std::move(schema));
  const Table& created = *table;
  db.tables.emplace(*name, std::move(table));
  return tableResponse("TableDescription", created, "ACTIVE");
}

std::string describeTable(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* name = request.string("TableName");
  checkControlPlaneTableName(name, constraints);
  constraints.check();
  const Table* table = db.find(*name);
  if (!table) throw tableNotFound(*name);
  return tableResponse("Table", *table, "ACTIVE");
}

std::string listTables(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* start = request.string("ExclusiveStartTableName");
  const auto limit = request.integer("Limit");
  if (limit) {
    constraints.minimum(*limit, 1, "limit");
    constraints.maximum(*limit, limits::kMaxListTablesLimit, "limit");
  }
  if (start) constraints.tableName(start, "exclusiveStartTableName");
  constraints.check();

  const std::size_t pageSize = static_cast<std::size_t>(limit.value_or(100));
  auto it = start ? db.tables.upper_bound(*start) : db.tables.begin();
  JsonWriter out;
  out.beginObject().key("TableNames").beginArray();
  std::size_t count = 0;
  const std::string* last = nullptr;
  for (; it != db.tables.end() && count < pageSize; ++it, ++count) {
    out.string(it->first);
    last = &it->first;
  }
  out.endArray();
  if (it != db.tables.end() && last) out.key("LastEvaluatedTableName").string(*last);
  out.endObject();
  return out.take();
}

std::string deleteTable(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* name = request.string("TableName");
  checkControlPlaneTableName(name, constraints);
  constraints.check();
  const auto it = db.tables.find(*name);
  if (it == db.tables.end()) throw tableNotFound(*name);
  if (it->second->schema().deletionProtectionEnabled) {
    throw validationError(
        "Resource cannot be deleted as it is currently protected against deletion. Disable "
        "deletion protection first.");
  }
  std::string response = tableResponse("TableDescription", *it->second, "DELETING");
  db.tables.erase(it);
  return response;
}

std::string updateTable(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* name = request.string("TableName");
  const std::string* billingMode = request.string("BillingMode");
  const auto deletionProtection = request.boolean("DeletionProtectionEnabled");
  checkControlPlaneTableName(name, constraints);
  constraints.oneOf(billingMode, {"PROVISIONED", "PAY_PER_REQUEST"}, "billingMode");
  const auto throughput = readThroughput(request, constraints);
  constraints.check();
  if (throughput) checkThroughputBounds(*throughput);

  if (!throughput && !billingMode && !deletionProtection) {
    throw validationError(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  }
  Table* table = db.find(*name);
  if (!table) throw tableNotFound(*name);
  TableSchema& schema = table->schema();
  const bool toOnDemand = billingMode ? *billingMode == "PAY_PER_REQUEST"
                                      : schema.billingMode == BillingMode::PayPerRequest;
  if (toOnDemand && throughput) {
    throw validationError(kInvalid +
                          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                          "BillingMode is PAY_PER_REQUEST");
  }
  if (!toOnDemand && schema.billingMode == BillingMode::PayPerRequest && !throughput) {
    throw validationError(
        kInvalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  }
  auto& current = schema.throughput;
  if (throughput && schema.billingMode == BillingMode::Provisioned &&
      *throughput->read == current.readCapacityUnits &&
      *throughput->write == current.writeCapacityUnits) {
    const auto r = std::to_string(current.readCapacityUnits);
    const auto w = std::to_string(current.writeCapacityUnits);
    throw validationError(
        "The provisioned throughput for the table will not change. The requested value equals "
        "the current value. Current ReadCapacityUnits provisioned for the table: " +
        r + ". Requested ReadCapacityUnits: " + r +
        ". Current WriteCapacityUnits provisioned for the table: " + w +
        ". Requested WriteCapacityUnits: " + w +
        ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request "
        "higher limits.");
  }

  const double now = db.now();
  if (billingMode) {
    if (toOnDemand && schema.billingMode != BillingMode::PayPerRequest) {
      schema.lastUpdateToPayPerRequestDateTime = now;
      current.readCapacityUnits = 0;
      current.writeCapacityUnits = 0;
    }
    schema.billingMode = toOnDemand ? BillingMode::PayPerRequest : BillingMode::Provisioned;
    schema.billingModeWasSet = true;
  }
  if (throughput) {
    if (*throughput->read > current.readCapacityUnits ||
        *throughput->write > current.writeCapacityUnits) {
      current.lastIncreaseDateTime = now;
    }
    if (*throughput->read < current.readCapacityUnits ||
        *throughput->write < current.writeCapacityUnits) {
      current.lastDecreaseDateTime = now;
      ++current.numberOfDecreasesToday;
    }
    current.readCapacityUnits = *throughput->read;
    current.writeCapacityUnits = *throughput->write;
  }
  if (deletionProtection) schema.deletionProtectionEnabled = *deletionProtection;
  return tableResponse("TableDescription", *table, "ACTIVE");
}

}  // namespace pd
