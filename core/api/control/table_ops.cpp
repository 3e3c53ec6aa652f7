// CreateTable, DescribeTable, ListTables, DeleteTable and UpdateTable.
#include <algorithm>
#include <cstdio>
#include <random>

#include "api/control/index_schema.h"
#include "api/control/index_updates.h"
#include "api/control/stream_spec.h"
#include "api/control/table_description.h"
#include "api/control/tags.h"
#include "api/operations.h"
#include "api/wire/request_fields.h"
#include "model/errors.h"
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

// Reads the JSON types of ProvisionedThroughput; absent fields stay empty.
std::optional<ThroughputRequest> readThroughput(const Fields& request) {
  const Json* wire = request.structure("ProvisionedThroughput", "ProvisionedThroughput");
  if (!wire) return std::nullopt;
  const Fields fields(*wire);
  return ThroughputRequest{fields.integer("ReadCapacityUnits"),
                           fields.integer("WriteCapacityUnits")};
}

void checkThroughputConstraints(const std::optional<ThroughputRequest>& throughput,
                                Constraints& constraints) {
  if (!throughput) return;
  // DynamoDB lists the write units first.
  const std::string write = "provisionedThroughput.writeCapacityUnits";
  const std::string read = "provisionedThroughput.readCapacityUnits";
  constraints.required(throughput->write.has_value(), write);
  if (throughput->write) constraints.minimum(*throughput->write, 1, write);
  constraints.required(throughput->read.has_value(), read);
  if (throughput->read) constraints.minimum(*throughput->read, 1, read);
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

// One element of AttributeDefinitions ({AttributeName, AttributeType}) or KeySchema
// ({AttributeName, KeyType}); either field may be absent.
struct NamedType {
  const std::string* name;
  const std::string* type;
};

// Reads the JSON types of such a list's elements.
std::vector<NamedType> readPairs(const Json* list, const char* className, const char* typeField) {
  std::vector<NamedType> pairs;
  if (!list) return pairs;
  for (const Json& element : *list) {
    expectListElementStructure(element, className);
    const Fields fields(element);
    pairs.push_back({fields.string("AttributeName"), fields.string(typeField)});
  }
  return pairs;
}

void checkPairConstraints(const std::vector<NamedType>& pairs, const std::string& path,
                          const std::string& typePath, const std::vector<std::string>& allowed,
                          Constraints& constraints) {
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::string member = path + "." + std::to_string(i + 1) + ".member.";
    constraints.required(pairs[i].name != nullptr, member + "attributeName");
    if (pairs[i].name) {
      constraints.length(*pairs[i].name, limits::kMinKeyAttributeNameLength,
                         limits::kMaxKeyAttributeNameLength, member + "attributeName");
    }
    constraints.required(pairs[i].type != nullptr, member + typePath);
    constraints.oneOf(pairs[i].type, allowed, member + typePath);
  }
}

std::string textOrNull(const std::string* text) {
  return text ? *text : "null";
}

// The list's own length rules come before the rules of its elements.
void checkKeySchemaConstraints(const Json* wire, const std::vector<NamedType>& keySchema,
                               Constraints& constraints) {
  constraints.required(wire != nullptr, "keySchema");
  if (wire && keySchema.empty()) {
    constraints.fail("'[]'", "keySchema", "Member must have length greater than or equal to 1");
  }
  if (keySchema.size() > 2) {
    // How DynamoDB prints the elements here is not known; this form names both fields.
    std::string printed;
    for (const auto& key : keySchema) {
      printed += (printed.empty() ? "" : ", ") + std::string("KeySchemaElement(attributeName=") +
                 textOrNull(key.name) + ", keyType=" + textOrNull(key.type) + ")";
    }
    constraints.fail("'[" + printed + "]'", "keySchema",
                     "Member must have length less than or equal to 2");
  }
  checkPairConstraints(keySchema, "keySchema", "keyType", {"HASH", "RANGE"}, constraints);
}

std::string listText(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "]";
}

const std::vector<std::string> kBillingModes = {"PROVISIONED", "PAY_PER_REQUEST"};

const char* kNoThroughputWhenOnDemand =
    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
    "PAY_PER_REQUEST";

// A CreateTable request after its JSON types were checked.
struct CreateTableRequest {
  const std::string* name;
  const Json* definitionsWire;
  const Json* keySchemaWire;
  std::vector<NamedType> definitions;
  std::vector<NamedType> keySchema;
  const std::string* billingMode;
  std::optional<ThroughputRequest> throughput;
  std::optional<bool> deletionProtection;
  std::optional<std::vector<IndexRequest>> localIndexes;
  std::optional<std::vector<IndexRequest>> globalIndexes;
  std::optional<StreamSpecRequest> stream;
  TagList tags;
};

CreateTableRequest readCreateTable(const Fields& request) {
  CreateTableRequest r;
  r.definitionsWire = request.list("AttributeDefinitions", "AttributeDefinition");
  r.name = request.string("TableName");
  r.billingMode = request.string("BillingMode");
  r.throughput = readThroughput(request);
  r.keySchemaWire = request.list("KeySchema", "KeySchemaElement");
  r.deletionProtection = request.boolean("DeletionProtectionEnabled");
  r.definitions = readPairs(r.definitionsWire, "AttributeDefinition", "AttributeType");
  r.keySchema = readPairs(r.keySchemaWire, "KeySchemaElement", "KeyType");
  r.localIndexes = readIndexList(request, "LocalSecondaryIndexes", "LocalSecondaryIndex");
  r.globalIndexes = readIndexList(request, "GlobalSecondaryIndexes", "GlobalSecondaryIndex");
  r.stream = readStreamSpecification(request);
  r.tags = readTags(request);
  return r;
}

// The constraint list, in the order DynamoDB reports it.
void checkCreateTableConstraints(const CreateTableRequest& r) {
  checkCreateTableName(r.name);
  Constraints constraints;
  constraints.required(r.definitionsWire != nullptr, "attributeDefinitions");
  checkPairConstraints(r.definitions, "attributeDefinitions", "attributeType", {"B", "N", "S"},
                       constraints);
  constraints.tableNamePattern(*r.name, "tableName");
  constraints.oneOf(r.billingMode, kBillingModes, "billingMode");
  checkThroughputConstraints(r.throughput, constraints);
  checkKeySchemaConstraints(r.keySchemaWire, r.keySchema, constraints);
  // Recorded: a GSI's errors come before an LSI's, whatever the request's order.
  checkIndexConstraints(r.globalIndexes, "globalSecondaryIndexes", true, constraints);
  checkIndexConstraints(r.localIndexes, "localSecondaryIndexes", false, constraints);
  checkStreamSpecConstraints(r.stream, constraints);
  checkTagConstraints(r.tags, constraints);
  constraints.check();
}

void checkBillingAndThroughput(const CreateTableRequest& r) {
  const bool onDemand = r.billingMode && *r.billingMode == "PAY_PER_REQUEST";
  if (onDemand && r.throughput) throw validationError(kInvalid + kNoThroughputWhenOnDemand);
  if (!onDemand && !r.throughput) {
    throw validationError(kInvalid +
                          "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                          "BillingMode is PROVISIONED");
  }
  if (r.throughput) checkThroughputBounds(*r.throughput);
}

void checkDefinitionCount(const CreateTableRequest& r, std::vector<std::string> keyNames);

// The key schema against the attribute definitions, in DynamoDB's order of checks.
void checkKeySchemaRules(const CreateTableRequest& r) {
  const auto& keySchema = r.keySchema;
  if (keySchema.size() > r.definitions.size()) {
    throw validationError("Invalid KeySchema: Some index key attribute have no definition");
  }
  std::vector<std::string> definedNames, keyNames;
  for (const auto& definition : r.definitions) definedNames.push_back(*definition.name);
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
  if (keySchema.size() == 2 && keyNames[0] == keyNames[1]) {
    throw validationError(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (*keySchema[0].type != "HASH") {
    throw validationError("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (keySchema.size() == 2 && *keySchema[1].type != "RANGE") {
    throw validationError("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  if (!r.localIndexes && !r.globalIndexes) checkDefinitionCount(r, keyNames);
}

// Every attribute definition must be a key of the table or of an index, and each only once.
void checkDefinitionCount(const CreateTableRequest& r, std::vector<std::string> keyNames) {
  for (const auto* indexes : {&r.localIndexes, &r.globalIndexes}) {
    if (!*indexes) continue;
    for (const auto& index : **indexes) {
      for (const auto& key : index.keySchema) {
        if (std::find(keyNames.begin(), keyNames.end(), *key.name) == keyNames.end()) {
          keyNames.push_back(*key.name);
        }
      }
    }
  }
  if (r.definitions.size() != keyNames.size()) {
    throw validationError(kInvalid +
                          "Number of attributes in KeySchema does not exactly match number of "
                          "attributes defined in AttributeDefinitions");
  }
}

// The indexes, once the table's key schema passed: LSIs, then GSIs, then the definitions.
void checkIndexRules(const CreateTableRequest& r) {
  if (!r.localIndexes && !r.globalIndexes) return;
  TableKeyFacts facts;
  facts.hashName = *r.keySchema[0].name;
  facts.hasRange = r.keySchema.size() == 2;
  for (const auto& definition : r.definitions) facts.definedNames.push_back(*definition.name);
  facts.onDemand = r.billingMode && *r.billingMode == "PAY_PER_REQUEST";
  std::vector<std::string> seenNames;
  if (r.localIndexes) checkLocalIndexes(*r.localIndexes, facts, seenNames);
  if (r.globalIndexes) checkGlobalIndexes(*r.globalIndexes, facts, seenNames);
  std::size_t projected = 0;
  for (const auto* indexes : {&r.localIndexes, &r.globalIndexes}) {
    if (!*indexes) continue;
    for (const auto& index : **indexes) projected += index.nonKeyAttributes.size();
  }
  checkProjectedCount(projected);
  std::vector<std::string> keyNames;
  for (const auto& key : r.keySchema) keyNames.push_back(*key.name);
  checkDefinitionCount(r, keyNames);
}

TableSchema schemaFor(const Database& db, const CreateTableRequest& r) {
  TableSchema schema;
  schema.name = *r.name;
  schema.arn = "arn:aws:dynamodb:" + db.region + ":" + db.accountId + ":table/" + *r.name;
  schema.tableId = randomUuid();
  schema.creationDateTime = db.now();
  for (const auto& definition : r.definitions) {
    schema.attributeDefinitions.push_back({*definition.name, keyAttrType(*definition.type)});
  }
  auto keyElement = [&](const NamedType& key) {
    for (const auto& definition : schema.attributeDefinitions) {
      if (definition.name == *key.name) return KeyElement{definition.name, definition.type};
    }
    return KeyElement{*key.name, AttrType::S};
  };
  schema.hashKey = keyElement(r.keySchema[0]);
  if (r.keySchema.size() == 2) schema.rangeKey = keyElement(r.keySchema[1]);
  const bool onDemand = r.billingMode && *r.billingMode == "PAY_PER_REQUEST";
  schema.billingMode = onDemand ? BillingMode::PayPerRequest : BillingMode::Provisioned;
  if (onDemand) schema.lastUpdateToPayPerRequestDateTime = schema.creationDateTime;
  if (r.throughput) {
    schema.throughput.readCapacityUnits = *r.throughput->read;
    schema.throughput.writeCapacityUnits = *r.throughput->write;
  }
  schema.deletionProtectionEnabled = r.deletionProtection.value_or(false);
  return schema;
}

void addIndexes(Table& table, const CreateTableRequest& r) {
  const TableSchema& schema = table.schema();
  for (const auto* indexes : {&r.localIndexes, &r.globalIndexes}) {
    if (!*indexes) continue;
    const bool global = indexes == &r.globalIndexes;
    for (const auto& index : **indexes) {
      table.addIndex(indexSchemaFor(index, global, schema.attributeDefinitions, schema.arn));
    }
  }
}

}  // namespace

std::string createTable(Database& db, const Json& body) {
  const CreateTableRequest request = readCreateTable(Fields(body));
  checkCreateTableConstraints(request);
  checkBillingAndThroughput(request);
  checkKeySchemaRules(request);
  checkIndexRules(request);
  if (request.stream) checkStreamSpecRules(*request.stream);
  if (db.find(*request.name)) {
    throw DynamoError{"ResourceInUseException", "Table already exists: " + *request.name};
  }
  TableSchema schema = schemaFor(db, request);
  applyTags(schema, request.tags);  // before the table exists: refused tags create nothing
  auto table = std::make_unique<Table>(std::move(schema), db.changeSink);
  addIndexes(*table, request);
  if (request.stream) applyCreateStreamSpec(db, *table, *request.stream);
  const Table& created = *table;
  db.tables.emplace(*request.name, std::move(table));
  return tableResponse("TableDescription", created, "ACTIVE");
}

namespace {

// TableName of DescribeTable and DeleteTable, checked as DynamoDB checks it.
const std::string& readTableName(const Fields& request) {
  const std::string* name = request.string("TableName");
  checkControlPlaneTableName(name);
  Constraints constraints;
  constraints.tableNamePattern(*name, "tableName");
  constraints.check();
  return *name;
}

}  // namespace

std::string describeTable(Database& db, const Json& body) {
  const std::string& name = readTableName(Fields(body));
  const Table* table = db.find(name);
  if (!table) throw tableNotFound(name);
  return tableResponse("Table", *table, "ACTIVE");
}

std::string listTables(Database& db, const Json& body) {
  const Fields request(body);
  const std::string* start = request.string("ExclusiveStartTableName");
  const auto limit = request.integer("Limit", "Integer");
  Constraints constraints;  // DynamoDB lists the limit first
  if (limit) {
    constraints.minimum(*limit, 1, "limit");
    constraints.maximum(*limit, limits::kMaxListTablesLimit, "limit");
  }
  if (start) constraints.resourceName(start, "exclusiveStartTableName");
  constraints.check();

  const std::size_t pageSize = static_cast<std::size_t>(limit.value_or(100));
  // Names strictly after ExclusiveStartTableName, which need not name an existing table.
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
  // Only when more names remain after this page.
  if (it != db.tables.end() && last) out.key("LastEvaluatedTableName").string(*last);
  out.endObject();
  return out.take();
}

std::string deleteTable(Database& db, const Json& body) {
  const std::string& name = readTableName(Fields(body));
  const auto it = db.tables.find(name);
  if (it == db.tables.end()) throw tableNotFound(name);
  if (it->second->schema().deletionProtectionEnabled) {
    throw validationError(
        "Resource cannot be deleted as it is currently protected against deletion. Disable "
        "deletion protection first.");
  }
  std::string response = tableResponse("TableDescription", *it->second, "DELETING");
  disableStream(*it->second);
  db.tables.erase(it);
  return response;
}

namespace {

// An UpdateTable request after its JSON types were checked.
struct UpdateTableRequest {
  const std::string* name;
  const std::string* billingMode;
  std::optional<ThroughputRequest> throughput;
  std::optional<bool> deletionProtection;
  std::vector<NamedType> definitions;
  std::optional<std::vector<GsiUpdateRequest>> gsiUpdates;
  std::optional<StreamSpecRequest> stream;
};

UpdateTableRequest readUpdateTable(const Fields& request) {
  UpdateTableRequest r;
  r.definitions = readPairs(request.list("AttributeDefinitions", "AttributeDefinition"),
                            "AttributeDefinition", "AttributeType");
  r.gsiUpdates = readGsiUpdates(request);
  r.name = request.string("TableName");
  r.billingMode = request.string("BillingMode");
  r.throughput = readThroughput(request);
  r.deletionProtection = request.boolean("DeletionProtectionEnabled");
  r.stream = readStreamSpecification(request);
  return r;
}

// Everything DynamoDB checks before it looks the table up.
void checkUpdateTableRequest(const UpdateTableRequest& r) {
  checkControlPlaneTableName(r.name);
  Constraints constraints;
  checkPairConstraints(r.definitions, "attributeDefinitions", "attributeType", {"B", "N", "S"},
                       constraints);
  constraints.tableNamePattern(*r.name, "tableName");
  constraints.oneOf(r.billingMode, kBillingModes, "billingMode");
  checkThroughputConstraints(r.throughput, constraints);
  checkGsiUpdateConstraints(r.gsiUpdates, constraints);
  checkStreamSpecConstraints(r.stream, constraints);
  constraints.check();
  if (r.throughput) checkThroughputBounds(*r.throughput);
  const bool indexUpdates = r.gsiUpdates && !r.gsiUpdates->empty();
  if (!r.throughput && !r.billingMode && !r.deletionProtection && !indexUpdates && !r.stream) {
    throw validationError(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  }
  if (r.gsiUpdates) checkGsiUpdateRules(*r.gsiUpdates);
  if (r.stream) checkStreamSpecRules(*r.stream);
}

void checkUnchangedThroughput(const ProvisionedThroughput& current,
                              const ThroughputRequest& requested) {
  if (*requested.read != current.readCapacityUnits ||
      *requested.write != current.writeCapacityUnits) {
    return;
  }
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

// A new throughput on a provisioned table stamps the time of the increase or decrease.
void applyThroughputChange(ProvisionedThroughput& current, const ThroughputRequest& requested,
                           double now) {
  if (*requested.read > current.readCapacityUnits ||
      *requested.write > current.writeCapacityUnits) {
    current.lastIncreaseDateTime = now;
  }
  if (*requested.read < current.readCapacityUnits ||
      *requested.write < current.writeCapacityUnits) {
    current.lastDecreaseDateTime = now;
    ++current.numberOfDecreasesToday;
  }
  current.readCapacityUnits = *requested.read;
  current.writeCapacityUnits = *requested.write;
}

}  // namespace

std::string updateTable(Database& db, const Json& body) {
  const UpdateTableRequest request = readUpdateTable(Fields(body));
  checkUpdateTableRequest(request);
  Table* table = db.find(*request.name);
  if (!table) throw tableNotFound(*request.name);

  TableSchema& schema = table->schema();
  const bool wasOnDemand = schema.billingMode == BillingMode::PayPerRequest;
  const bool toOnDemand =
      request.billingMode ? *request.billingMode == "PAY_PER_REQUEST" : wasOnDemand;
  const auto& throughput = request.throughput;
  if (toOnDemand && throughput) throw validationError(kInvalid + kNoThroughputWhenOnDemand);
  if (!toOnDemand && wasOnDemand && !throughput) {
    throw validationError(
        kInvalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  }
  auto& current = schema.throughput;
  if (throughput && !wasOnDemand) checkUnchangedThroughput(current, *throughput);
  std::vector<AttributeDefinition> definitions;
  for (const auto& d : request.definitions) definitions.push_back({*d.name, keyAttrType(*d.type)});
  if (request.gsiUpdates) checkGsiUpdatesAgainst(*table, *request.gsiUpdates, definitions);
  if (request.stream) checkUpdateStreamSpec(*table, *request.stream);

  const double now = db.now();
  if (toOnDemand && !wasOnDemand) {
    schema.lastUpdateToPayPerRequestDateTime = now;
    current.readCapacityUnits = 0;
    current.writeCapacityUnits = 0;
    // On-demand GSIs report zero throughput too.
    for (const auto& index : table->indexes()) {
      if (!index->schema().global) continue;
      table->findIndexSchema(index->schema().name)->throughput = ProvisionedThroughput{};
    }
  }
  schema.billingMode = toOnDemand ? BillingMode::PayPerRequest : BillingMode::Provisioned;
  if (throughput && wasOnDemand) {
    // Leaving on-demand sets the first provisioned units: not an increase of the old ones.
    current.readCapacityUnits = *throughput->read;
    current.writeCapacityUnits = *throughput->write;
  } else if (throughput) {
    applyThroughputChange(current, *throughput, now);
  }
  if (request.deletionProtection) schema.deletionProtectionEnabled = *request.deletionProtection;
  if (request.gsiUpdates) applyGsiUpdates(*table, *request.gsiUpdates, definitions, now);
  if (request.stream) applyUpdateStreamSpec(db, *table, *request.stream);
  return tableResponse("TableDescription", *table, "ACTIVE");
}

}  // namespace pd
