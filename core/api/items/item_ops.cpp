// PutItem, GetItem and DeleteItem. Each reads its request in DynamoDB's order: JSON types,
// then the constraint list (in the order DynamoDB lists it), then the operation's own rules,
// then the table, then the key schema.
#include <algorithm>

#include "api/items/collection_metrics.h"
#include "api/items/conditions.h"
#include "api/items/item_common.h"
#include "api/items/key_rules.h"
#include "api/items/projection.h"
#include "api/legacy/legacy_conditions.h"
#include "api/operations.h"
#include "api/wire/capacity.h"
#include "api/wire/expression_params.h"
#include "api/wire/request_fields.h"
#include "model/errors.h"
#include "model/item_codec.h"
#include "model/item_size.h"
#include "model/limits.h"

namespace pd {

std::string putItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const std::string* tableName = request.string("TableName");
  constraints.tableName(tableName, "tableName");
  const Json* itemWire = request.attributeMap("Item");
  constraints.required(itemWire != nullptr, "item");
  WriteCondition condition;
  condition.readLegacy(request, constraints);
  const std::string* returnValues = request.string("ReturnValues");
  constraints.oneOf(returnValues, kReturnValues, "returnValues");
  const std::string* collectionMetrics = request.string("ReturnItemCollectionMetrics");
  constraints.oneOf(collectionMetrics, kReturnItemCollectionMetrics, "returnItemCollectionMetrics");
  condition.readExpression(request, constraints);
  const ExpressionParams params(request);
  constraints.check();

  params.check({condition.expressionParameter()}, false, condition.legacyParameters());
  condition.checkOperator();
  const Item item = parseItem(*itemWire);
  checkOldOrNone(returnValues);
  const std::size_t size = checkedPutSize(item);
  condition.translateLegacy();
  expr::Placeholders placeholders = params.placeholders();
  condition.parse(placeholders);
  placeholders.checkAllUsed();

  Table& table = tableFor(db, *tableName);
  const std::string key = orderKeyOfItem(table.schema(), item);
  if (condition.present()) condition.enforce(currentItem(table, key));
  auto old = storeItem(table, key, item, size);

  JsonWriter out;
  out.beginObject();
  writeOldItem(out, old, returnValues);
  // A replacing put is charged for the larger of the old and the new item.
  writeConsumedCapacity(out, capacity, *tableName,
                        replaceUnits(old ? old->size() : 0, old.has_value(), size),
                        indexWriteUnits(table.lastIndexTouches()));
  if (wantsCollectionMetrics(collectionMetrics, table)) {
    writeCollectionMetrics(out.key("ItemCollectionMetrics"), table, item);
  }
  out.endObject();
  return out.take();
}

std::string getItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const Json* attributesToGet = readAttributesToGet(request, constraints);
  const std::string* tableName = request.string("TableName");
  constraints.tableName(tableName, "tableName");
  const Json* keyWire = request.attributeMap("Key");
  constraints.required(keyWire != nullptr, "key");
  const auto consistentRead = request.boolean("ConsistentRead");
  const std::string* projectionText = request.string("ProjectionExpression");
  const ExpressionParams params(request);
  constraints.check();

  // GetItem has no expression that takes values: DynamoDB ignores ExpressionAttributeValues.
  params.check({}, projectionText != nullptr, {{"AttributesToGet", attributesToGet != nullptr}});
  const Item key = parseItem(*keyWire, Envelope::Bare);
  expr::Placeholders placeholders = params.placeholders();
  const auto projection = resolveProjection(attributesToGet, projectionText, placeholders);
  placeholders.checkAllUsed();
  Table& table = tableFor(db, *tableName);
  const ReadItem read = readItem(table, orderKeyOfKey(table.schema(), key), projection);

  JsonWriter out;
  out.beginObject();
  if (read) {
    out.key("Item");
    read.write(out);
  }
  writeConsumedCapacity(out, capacity, *tableName,
                        readUnits(read.size, consistentRead.value_or(false)));
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
  const std::string* collectionMetrics = request.string("ReturnItemCollectionMetrics");
  constraints.oneOf(collectionMetrics, kReturnItemCollectionMetrics, "returnItemCollectionMetrics");
  const Json* keyWire = request.attributeMap("Key");
  constraints.required(keyWire != nullptr, "key");
  WriteCondition condition;
  condition.readLegacy(request, constraints);
  condition.readExpression(request, constraints);
  const ExpressionParams params(request);
  constraints.check();

  params.check({condition.expressionParameter()}, false, condition.legacyParameters());
  condition.checkOperator();
  const Item key = parseItem(*keyWire);
  checkOldOrNone(returnValues);
  condition.translateLegacy();
  expr::Placeholders placeholders = params.placeholders();
  condition.parse(placeholders);
  placeholders.checkAllUsed();

  Table& table = tableFor(db, *tableName);
  const std::string orderKey = orderKeyOfKey(table.schema(), key);
  if (condition.present()) condition.enforce(currentItem(table, orderKey));
  auto old = table.erase(orderKey);

  JsonWriter out;
  out.beginObject();
  writeOldItem(out, old, returnValues);
  // Deleting a missing item still costs one write unit.
  writeConsumedCapacity(out, capacity, *tableName, writeUnits(old ? old->size() : 0),
                        indexWriteUnits(table.lastIndexTouches()));
  if (wantsCollectionMetrics(collectionMetrics, table)) {
    writeCollectionMetrics(out.key("ItemCollectionMetrics"), table, key);
  }
  out.endObject();
  return out.take();
}

}  // namespace pd
