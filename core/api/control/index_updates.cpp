#include "api/control/index_updates.h"

#include <algorithm>

#include "model/errors.h"
#include "model/limits.h"

namespace pd {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
constexpr std::int64_t kMaxUnits = 1000000000000;

void checkThroughput(const Json* wire, const std::optional<std::int64_t>& read,
                     const std::optional<std::int64_t>& write, const std::string& member,
                     Constraints& constraints) {
  constraints.required(wire != nullptr, member + "provisionedThroughput");
  if (!wire) return;
  const std::string w = member + "provisionedThroughput.writeCapacityUnits";
  const std::string r = member + "provisionedThroughput.readCapacityUnits";
  constraints.required(write.has_value(), w);
  if (write) constraints.minimum(*write, 1, w);
  constraints.required(read.has_value(), r);
  if (read) constraints.minimum(*read, 1, r);
}

void checkIndexName(const std::string* name, const std::string& path, Constraints& constraints) {
  constraints.required(name != nullptr, path);
  if (!name) return;
  constraints.tableNamePattern(*name, path);
  constraints.length(*name, limits::kMinTableNameLength, limits::kMaxTableNameLength, path);
}

const std::string& nameOf(const GsiUpdateRequest& update) {
  static const std::string none;
  const std::string* name = update.updateName         ? update.updateName
                            : update.createIndex.name ? update.createIndex.name
                                                      : update.deleteName;
  return name ? *name : none;
}

void checkUnitBounds(const GsiUpdateRequest& update) {
  const auto& name = nameOf(update);
  const auto read = update.create ? update.createIndex.read : update.updateRead;
  const auto write = update.create ? update.createIndex.write : update.updateWrite;
  if (read && *read > kMaxUnits) {
    throw validationError("Given value " + std::to_string(*read) +
                          " for ReadCapacityUnits is out of bounds for index " + name);
  }
  if (write && *write > kMaxUnits) {
    throw validationError("Given value " + std::to_string(*write) +
                          " for WriteCapacityUnits is out of bounds for index " + name);
  }
}

DynamoError indexNotFound(const std::string& name) {
  // UNCONFIRMED wording (the exception type is DynamoDB's).
  return {"ResourceNotFoundException",
          "Requested resource not found: Index: " + name + " not found"};
}

// The table's definitions with the request's new ones appended.
std::vector<AttributeDefinition> mergedDefinitions(const TableSchema& schema,
                                                   const std::vector<AttributeDefinition>& added) {
  std::vector<AttributeDefinition> merged = schema.attributeDefinitions;
  for (const auto& definition : added) {
    const auto same = [&](const AttributeDefinition& d) { return d.name == definition.name; };
    if (std::none_of(merged.begin(), merged.end(), same)) merged.push_back(definition);
  }
  return merged;
}

void checkAction(const Table& table, const GsiUpdateRequest& update,
                 const std::vector<AttributeDefinition>& definitions) {
  const TableSchema& schema = table.schema();
  const Index* existing = table.findIndex(nameOf(update));
  if (update.create) {
    if (existing) throw validationError("Attempting to create an index which already exists");
    TableKeyFacts facts;
    facts.hashName = schema.hashKey.name;
    facts.hasRange = schema.rangeKey.has_value();
    for (const auto& definition : definitions) facts.definedNames.push_back(definition.name);
    facts.onDemand = schema.billingMode == BillingMode::PayPerRequest;
    checkGlobalIndexRules(update.createIndex, facts, true);
    std::size_t projected = update.createIndex.nonKeyAttributes.size();
    for (const auto& index : table.indexes()) projected += index->schema().nonKeyAttributes.size();
    checkProjectedCount(projected);
    return;
  }
  if (!existing) throw indexNotFound(nameOf(update));
  if (!existing->schema().global) {
    throw validationError(std::string(update.remove ? "Cannot delete" : "Cannot update") +
                          " an index that is not a GlobalSecondaryIndex: " + nameOf(update));
  }
  if (update.update && schema.billingMode == BillingMode::PayPerRequest) {
    // UNCONFIRMED wording.
    throw validationError(kInvalid + "The only Updates for index: " + nameOf(update) +
                          " when TableThroughputMode is PAY_PER_REQUEST can be to "
                          "OnDemandThroughput, WarmThroughput");
  }
}

void applyThroughput(ProvisionedThroughput& current, std::int64_t read, std::int64_t write,
                     double now) {
  if (read > current.readCapacityUnits || write > current.writeCapacityUnits) {
    current.lastIncreaseDateTime = now;
  }
  if (read < current.readCapacityUnits || write < current.writeCapacityUnits) {
    current.lastDecreaseDateTime = now;
    ++current.numberOfDecreasesToday;
  }
  current.readCapacityUnits = read;
  current.writeCapacityUnits = write;
}

}  // namespace

std::optional<std::vector<GsiUpdateRequest>> readGsiUpdates(const Fields& request) {
  const Json* list = request.list("GlobalSecondaryIndexUpdates", "GlobalSecondaryIndexUpdate");
  if (!list) return std::nullopt;
  std::vector<GsiUpdateRequest> updates;
  for (const Json& element : *list) {
    expectListElementStructure(element, "GlobalSecondaryIndexUpdate");
    const Fields fields(element);
    GsiUpdateRequest u;
    if (const Json* wire = fields.structure("Update", "UpdateGlobalSecondaryIndexAction")) {
      u.update = true;
      const Fields update(*wire);
      u.updateName = update.string("IndexName");
      u.updateThroughputWire = update.structure("ProvisionedThroughput", "ProvisionedThroughput");
      if (u.updateThroughputWire) {
        const Fields throughput(*u.updateThroughputWire);
        u.updateRead = throughput.integer("ReadCapacityUnits");
        u.updateWrite = throughput.integer("WriteCapacityUnits");
      }
    }
    if (const Json* wire = fields.structure("Create", "CreateGlobalSecondaryIndexAction")) {
      u.create = true;
      u.createIndex = readIndex(*wire);
    }
    if (const Json* wire = fields.structure("Delete", "DeleteGlobalSecondaryIndexAction")) {
      u.remove = true;
      u.deleteName = Fields(*wire).string("IndexName");
    }
    updates.push_back(std::move(u));
  }
  return updates;
}

void checkGsiUpdateConstraints(const std::optional<std::vector<GsiUpdateRequest>>& updates,
                               Constraints& constraints) {
  if (!updates) return;
  for (std::size_t i = 0; i < updates->size(); ++i) {
    const GsiUpdateRequest& u = (*updates)[i];
    const std::string member = "globalSecondaryIndexUpdates." + std::to_string(i + 1) + ".member.";
    if (u.update) {
      checkIndexName(u.updateName, member + "update.indexName", constraints);
      checkThroughput(u.updateThroughputWire, u.updateRead, u.updateWrite, member + "update.",
                      constraints);
    }
    if (u.create) checkOneIndexConstraints(u.createIndex, member + "create.", false, constraints);
    if (u.remove) checkIndexName(u.deleteName, member + "delete.indexName", constraints);
  }
}

void checkGsiUpdateRules(const std::vector<GsiUpdateRequest>& updates) {
  std::vector<std::string> seen;
  for (const auto& update : updates) {
    if (!update.update && !update.create && !update.remove) {
      throw validationError(kInvalid +
                            "One of GlobalSecondaryIndexUpdate.Update, "
                            "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete "
                            "must not be null");
    }
    const std::string& name = nameOf(update);
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      throw validationError(kInvalid +
                            "Only one global secondary index update per index is allowed "
                            "simultaneously. Index: " +
                            name);
    }
    seen.push_back(name);
    checkUnitBounds(update);
  }
}

void checkGsiUpdatesAgainst(const Table& table, const std::vector<GsiUpdateRequest>& updates,
                            const std::vector<AttributeDefinition>& definitions) {
  const std::vector<AttributeDefinition> merged = mergedDefinitions(table.schema(), definitions);
  for (const auto& update : updates) checkAction(table, update, merged);
}

void applyGsiUpdates(Table& table, const std::vector<GsiUpdateRequest>& updates,
                     const std::vector<AttributeDefinition>& definitions, double now) {
  const std::vector<AttributeDefinition> merged = mergedDefinitions(table.schema(), definitions);
  for (const auto& update : updates) {
    if (update.remove) table.removeIndex(*update.deleteName);
    if (update.update) {
      IndexSchema* schema = table.findIndexSchema(*update.updateName);
      applyThroughput(schema->throughput, *update.updateRead, *update.updateWrite, now);
    }
  }
  for (const auto& update : updates) {
    if (!update.create) continue;
    table.addIndex(indexSchemaFor(update.createIndex, true, merged, table.schema().arn));
  }
  // The table keeps the definitions its keys and its indexes' keys still use.
  std::vector<AttributeDefinition> kept;
  for (const auto& definition : merged) {
    bool used = definition.name == table.schema().hashKey.name ||
                (table.schema().rangeKey && definition.name == table.schema().rangeKey->name);
    for (const auto& index : table.indexes()) {
      for (const KeyElement* key : index->schema().key.all()) {
        used = used || definition.name == key->name;
      }
    }
    if (used) kept.push_back(definition);
  }
  table.schema().attributeDefinitions = kept;
}

}  // namespace pd
