#include "api/control/index_schema.h"

#include <algorithm>

#include "model/errors.h"
#include "model/limits.h"

namespace pd {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
const std::vector<std::string> kProjectionTypes = {"ALL", "INCLUDE", "KEYS_ONLY"};
constexpr std::size_t kMaxLocalIndexes = 5;
constexpr std::size_t kMaxGlobalIndexes = 20;
constexpr std::size_t kMaxProjectedAttributes = 100;  // across all indexes of a table

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string listText(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "]";
}

void checkThroughputFields(const IndexRequest& index, const std::string& member,
                           Constraints& constraints) {
  if (!index.throughputWire) return;
  const std::string write = member + "provisionedThroughput.writeCapacityUnits";
  const std::string read = member + "provisionedThroughput.readCapacityUnits";
  constraints.required(index.write.has_value(), write);
  if (index.write) constraints.minimum(*index.write, 1, write);
  constraints.required(index.read.has_value(), read);
  if (index.read) constraints.minimum(*index.read, 1, read);
}

// The key schema: what LSIs and GSIs share, then a GSI's multi-attribute rules (HASH elements
// first, then RANGE ones, at most four of each; the wording of those is UNCONFIRMED).
void checkKeyShape(const IndexRequest& index, const TableKeyFacts& table, bool global) {
  std::vector<std::string> keys;
  for (const auto& key : index.keySchema) keys.push_back(*key.name);
  for (const auto& key : keys) {
    if (!contains(table.definedNames, key)) {
      throw validationError(kInvalid +
                            "Some index key attributes are not defined in AttributeDefinitions. "
                            "Keys: " +
                            listText(keys) +
                            ", AttributeDefinitions: " + listText(table.definedNames));
    }
  }
  if (keys.size() == 2 && keys[0] == keys[1]) {
    throw validationError(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (std::find(keys.begin() + static_cast<std::ptrdiff_t>(i) + 1, keys.end(), keys[i]) !=
        keys.end()) {
      throw validationError("Invalid KeySchema: Duplicate AttributeName in KeySchema: " + keys[i]);
    }
  }
  if (*index.keySchema[0].type != "HASH") {
    throw validationError("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (!global) {
    if (keys.size() == 2 && *index.keySchema[1].type != "RANGE") {
      throw validationError(
          "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    return;
  }
  std::size_t hashes = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (*index.keySchema[i].type != "HASH") continue;
    if (hashes < i) {
      throw validationError(
          "Invalid KeySchema: A HASH KeySchemaElement cannot follow a RANGE KeySchemaElement");
    }
    ++hashes;
  }
  if (hashes > KeyAttributes::kMaxPerRole || keys.size() - hashes > KeyAttributes::kMaxPerRole) {
    throw validationError(
        "Invalid KeySchema: A global secondary index can have at most 4 HASH and 4 RANGE "
        "KeySchemaElements");
  }
}

void checkProjection(const IndexRequest& index) {
  if (!index.projectionType) throw validationError(kInvalid + "Unknown ProjectionType: null");
  if (index.nonKeyWire && *index.projectionType != "INCLUDE") {
    throw validationError(kInvalid + "ProjectionType is " + *index.projectionType +
                          ", but NonKeyAttributes is specified");
  }
  if (!index.nonKeyWire && *index.projectionType == "INCLUDE") {
    // UNCONFIRMED wording and position among the checks.
    throw validationError(kInvalid +
                          "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  const auto& names = index.nonKeyAttributes;
  for (auto it = names.begin(); it != names.end(); ++it) {
    // Recorded once, for a list naming one attribute twice (a user's report; the endpoint was
    // not named, so it may have been DynamoDB local).
    if (std::find(names.begin(), it, *it) != it) {
      throw validationError("Cannot have two attributes with the same name");
    }
  }
}

void checkUniqueName(const IndexRequest& index, std::vector<std::string>& seenNames) {
  if (contains(seenNames, *index.name)) {
    throw validationError(kInvalid + "Duplicate index name: " + *index.name);
  }
  seenNames.push_back(*index.name);
}

AttrType definedType(const std::vector<AttributeDefinition>& definitions, const std::string& name) {
  for (const auto& definition : definitions) {
    if (definition.name == name) return definition.type;
  }
  return AttrType::S;
}

}  // namespace

IndexRequest readIndex(const Json& wire) {
  const Fields fields(wire);
  IndexRequest index;
  index.name = fields.string("IndexName");
  index.keySchemaWire = fields.list("KeySchema", "KeySchemaElement");
  if (index.keySchemaWire) {
    for (const Json& element : *index.keySchemaWire) {
      expectListElementStructure(element, "KeySchemaElement");
      const Fields key(element);
      index.keySchema.push_back({key.string("AttributeName"), key.string("KeyType")});
    }
  }
  index.projectionWire = fields.structure("Projection", "Projection");
  if (index.projectionWire) {
    const Fields projection(*index.projectionWire);
    index.projectionType = projection.string("ProjectionType");
    index.nonKeyWire = projection.list("NonKeyAttributes", "String");
    if (index.nonKeyWire) {
      for (const Json& name : *index.nonKeyWire)
        index.nonKeyAttributes.push_back(expectString(name));
    }
  }
  index.throughputWire = fields.structure("ProvisionedThroughput", "ProvisionedThroughput");
  if (index.throughputWire) {
    const Fields throughput(*index.throughputWire);
    index.read = throughput.integer("ReadCapacityUnits");
    index.write = throughput.integer("WriteCapacityUnits");
  }
  return index;
}

std::optional<std::vector<IndexRequest>> readIndexList(const Fields& request, const char* field,
                                                       const char* className) {
  const Json* list = request.list(field, className);
  if (!list) return std::nullopt;
  std::vector<IndexRequest> indexes;
  for (const Json& element : *list) {
    expectListElementStructure(element, className);
    indexes.push_back(readIndex(element));
  }
  return indexes;
}

void checkOneIndexConstraints(const IndexRequest& index, const std::string& member, bool global,
                              Constraints& constraints, bool local) {
  constraints.required(index.name != nullptr, member + "indexName");
  if (index.name) {
    constraints.tableNamePattern(*index.name, member + "indexName");
    constraints.length(*index.name, limits::kMinTableNameLength, limits::kMaxTableNameLength,
                       member + "indexName");
  }
  constraints.required(index.keySchemaWire != nullptr, member + "keySchema");
  if (index.keySchemaWire && index.keySchema.empty()) {
    constraints.fail("'[]'", member + "keySchema",
                     "Member must have length greater than or equal to 1");
  }
  // A GSI takes up to four partition-key and four sort-key attributes (checked later).
  if (local && index.keySchema.size() > 2) {
    constraints.fail("'[...]'", member + "keySchema",
                     "Member must have length less than or equal to 2");
  }
  for (std::size_t i = 0; i < index.keySchema.size(); ++i) {
    const std::string key = member + "keySchema." + std::to_string(i + 1) + ".member.";
    constraints.required(index.keySchema[i].name != nullptr, key + "attributeName");
    if (index.keySchema[i].name) {
      constraints.length(*index.keySchema[i].name, limits::kMinKeyAttributeNameLength,
                         limits::kMaxKeyAttributeNameLength, key + "attributeName");
    }
    constraints.required(index.keySchema[i].type != nullptr, key + "keyType");
    constraints.oneOf(index.keySchema[i].type, {"HASH", "RANGE"}, key + "keyType");
  }
  constraints.required(index.projectionWire != nullptr, member + "projection");
  constraints.oneOf(index.projectionType, kProjectionTypes, member + "projection.projectionType");
  if (index.nonKeyWire && index.nonKeyAttributes.empty()) {
    constraints.fail("'[]'", member + "projection.nonKeyAttributes",
                     "Member must have length greater than or equal to 1");
  }
  if (global) checkThroughputFields(index, member, constraints);
}

void checkIndexConstraints(const std::optional<std::vector<IndexRequest>>& indexes,
                           const std::string& path, bool global, Constraints& constraints) {
  if (!indexes) return;
  for (std::size_t i = 0; i < indexes->size(); ++i) {
    checkOneIndexConstraints((*indexes)[i], path + "." + std::to_string(i + 1) + ".member.", global,
                             constraints, !global);
  }
}

void checkLocalIndexes(const std::vector<IndexRequest>& indexes, const TableKeyFacts& table,
                       std::vector<std::string>& seenNames) {
  if (indexes.empty()) throw validationError(kInvalid + "List of LocalSecondaryIndexes is empty");
  if (!table.hasRange) {
    throw validationError(kInvalid +
                          "Table KeySchema does not have a range key, which is required when "
                          "specifying a LocalSecondaryIndex");
  }
  for (const auto& index : indexes) {
    checkKeyShape(index, table, false);
    if (index.keySchema.size() != 2) {
      throw validationError(kInvalid +
                            "Index KeySchema does not have a range key for index: " + *index.name);
    }
    const std::string& hash = *index.keySchema[0].name;
    if (hash != table.hashName) {
      throw validationError(kInvalid +
                            "Index KeySchema does not have the same leading hash key as table "
                            "KeySchema for index: " +
                            *index.name + ". index hash key: " + hash +
                            ", table hash key: " + table.hashName);
    }
    checkProjection(index);
    checkUniqueName(index, seenNames);
  }
  if (indexes.size() > kMaxLocalIndexes) {
    throw validationError(kInvalid +
                          "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
  }
}

void checkGlobalIndexRules(const IndexRequest& index, const TableKeyFacts& table,
                           bool updateTable) {
  checkKeyShape(index, table, true);
  checkProjection(index);
  // CreateTable and UpdateTable word the throughput rules differently (UNCONFIRMED for
  // UpdateTable).
  if (table.onDemand && index.throughputWire) {
    throw validationError(
        kInvalid +
        (updateTable
             ? "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: " +
                   *index.name + " when BillingMode is PAY_PER_REQUEST"
             : "ProvisionedThroughput should not be specified for index: " + *index.name +
                   " when BillingMode is PAY_PER_REQUEST"));
  }
  if (!table.onDemand && !index.throughputWire) {
    throw validationError(kInvalid + "ProvisionedThroughput " +
                          (updateTable ? "must be specified" : "is not specified") +
                          " for index: " + *index.name);
  }
}

void checkGlobalIndexes(const std::vector<IndexRequest>& indexes, const TableKeyFacts& table,
                        std::vector<std::string>& seenNames) {
  if (indexes.empty()) throw validationError(kInvalid + "List of GlobalSecondaryIndexes is empty");
  for (const auto& index : indexes) {
    checkGlobalIndexRules(index, table, false);
    checkUniqueName(index, seenNames);
  }
  if (indexes.size() > kMaxGlobalIndexes) {
    throw validationError(kInvalid +
                          "GlobalSecondaryIndex count exceeds the per-table limit of 20");
  }
}

void checkProjectedCount(std::size_t count) {
  if (count > kMaxProjectedAttributes) {
    // Quoted by a template linter as CreateTable's answer; the prefix is assumed (UNCONFIRMED).
    throw validationError(kInvalid +
                          "Number of projected attributes in all indexes exceeds limit of 100");
  }
}

IndexSchema indexSchemaFor(const IndexRequest& index, bool global,
                           const std::vector<AttributeDefinition>& definitions,
                           const std::string& tableArn) {
  IndexSchema schema;
  schema.name = *index.name;
  schema.arn = tableArn + "/index/" + *index.name;
  schema.global = global;
  for (const auto& key : index.keySchema) {
    const KeyElement element{*key.name, definedType(definitions, *key.name)};
    (*key.type == "HASH" ? schema.key.hash : schema.key.range).push_back(element);
  }
  const std::string& type = *index.projectionType;
  schema.projection = type == "ALL"         ? ProjectionType::All
                      : type == "KEYS_ONLY" ? ProjectionType::KeysOnly
                                            : ProjectionType::Include;
  schema.nonKeyAttributes = index.nonKeyAttributes;
  if (index.read) schema.throughput.readCapacityUnits = *index.read;
  if (index.write) schema.throughput.writeCapacityUnits = *index.write;
  return schema;
}

}  // namespace pd
