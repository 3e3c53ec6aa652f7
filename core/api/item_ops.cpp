// PutItem, GetItem and DeleteItem. Each reads its request in DynamoDB's order: JSON types,
// then the constraint list (in the order DynamoDB lists it), then the operation's own rules,
// then the table, then the key schema.
#include <algorithm>

#include "api/capacity.h"
#include "api/errors.h"
#include "api/key_rules.h"
#include "api/operations.h"
#include "api/projection.h"
#include "api/request.h"
#include "model/item_codec.h"
#include "model/item_size.h"
#include "model/limits.h"

namespace pd {
namespace {

const std::vector<std::string> kReturnValues = {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE",
                                                "UPDATED_NEW"};
const std::vector<std::string> kReturnConsumedCapacity = {"INDEXES", "TOTAL", "NONE"};
const std::vector<std::string> kReturnItemCollectionMetrics = {"SIZE", "NONE"};

// Conditional writes are not evaluated by this version yet: refusing them is safer than
// writing unconditionally.
void rejectConditions(const Fields& request) {
  for (const char* name : {"ConditionExpression", "Expected", "ConditionalOperator"}) {
    if (request.has(name)) {
      throw validationError(std::string(name) +
                            " is not supported by this version of PocketDynamo");
    }
  }
}

Table& tableFor(Database& db, const std::string& name) {
  Table* table = db.find(name);
  if (!table) throw DynamoError{"ResourceNotFoundException", "Requested resource not found"};
  return *table;
}

void checkOldOrNone(const std::string* returnValues) {
  if (returnValues && *returnValues != "NONE" && *returnValues != "ALL_OLD") {
    throw validationError("ReturnValues can only be ALL_OLD or NONE");
  }
}

bool wantsOld(const std::string* returnValues) {
  return returnValues && *returnValues == "ALL_OLD";
}

void writeOldItem(JsonWriter& out, const std::optional<ItemRecord>& old,
                  const std::string* returnValues) {
  if (!old || !wantsOld(returnValues)) return;
  out.key("Attributes");
  writeItem(out, decodeItem(old->encoded()));
}

}  // namespace

std::string putItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const std::string* tableName = request.string("TableName");
  constraints.tableName(tableName, "tableName");
  const Json* itemWire = request.attributeMap("Item");
  constraints.required(itemWire != nullptr, "item");
  const std::string* returnValues = request.string("ReturnValues");
  constraints.oneOf(returnValues, kReturnValues, "returnValues");
  constraints.oneOf(request.string("ReturnItemCollectionMetrics"), kReturnItemCollectionMetrics,
                    "returnItemCollectionMetrics");
  constraints.check();

  const Item item = parseItem(*itemWire);
  checkOldOrNone(returnValues);
  rejectConditions(request);
  const std::size_t size = itemSize(item);
  if (size > limits::kMaxItemBytes) {
    throw validationError("Item size has exceeded the maximum allowed size");
  }
  Table& table = tableFor(db, *tableName);
  const std::string key = orderKeyOfItem(table.schema(), item);

  auto old = table.put(key, encodeItem(item), static_cast<std::uint32_t>(size));

  JsonWriter out;
  out.beginObject();
  writeOldItem(out, old, returnValues);
  // A replacing put is charged for the larger of the old and the new item.
  const std::size_t charged = old ? std::max<std::size_t>(old->size(), size) : size;
  writeConsumedCapacity(out, capacity, *tableName, writeUnits(charged));
  out.endObject();
  return out.take();
}

std::string getItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const ProjectionRequest projectionRequest = readProjectionRequest(request, constraints);
  const std::string* tableName = request.string("TableName");
  constraints.tableName(tableName, "tableName");
  const Json* keyWire = request.attributeMap("Key");
  constraints.required(keyWire != nullptr, "key");
  const auto consistentRead = request.boolean("ConsistentRead");
  constraints.check();

  checkExpressionParameters(projectionRequest);
  const Item key = parseItem(*keyWire);
  const Projection projection = resolveProjection(projectionRequest);
  Table& table = tableFor(db, *tableName);
  const ItemRecord* stored = table.find(orderKeyOfKey(table.schema(), key));

  JsonWriter out;
  out.beginObject();
  if (stored) {
    out.key("Item");
    writeItem(out, projection.apply(decodeItem(stored->encoded())));
  }
  writeConsumedCapacity(out, capacity, *tableName,
                        readUnits(stored ? stored->size() : 0, consistentRead.value_or(false)));
  out.endObject();
  return out.take();
}

std::string deleteItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const std::string* tableName = request.string("TableName");
  constraints.tableName(tableName, "tableName");
  const std::string* returnValues = request.string("ReturnValues");
  constraints.oneOf(returnValues, kReturnValues, "returnValues");
  constraints.oneOf(request.string("ReturnItemCollectionMetrics"), kReturnItemCollectionMetrics,
                    "returnItemCollectionMetrics");
  const Json* keyWire = request.attributeMap("Key");
  constraints.required(keyWire != nullptr, "key");
  constraints.check();

  const Item key = parseItem(*keyWire);
  checkOldOrNone(returnValues);
  rejectConditions(request);
  Table& table = tableFor(db, *tableName);
  auto old = table.erase(orderKeyOfKey(table.schema(), key));

  JsonWriter out;
  out.beginObject();
  writeOldItem(out, old, returnValues);
  // Deleting a missing item still costs one write unit.
  writeConsumedCapacity(out, capacity, *tableName, writeUnits(old ? old->size() : 0));
  out.endObject();
  return out.take();
}

}  // namespace pd
