// UpdateItem: an upsert that applies an UpdateExpression to the item (or to an empty item with
// the key) under an optional condition, returning what ReturnValues asks for.
#include <algorithm>

#include "api/items/collection_metrics.h"
#include "api/items/conditions.h"
#include "api/items/item_common.h"
#include "api/items/key_rules.h"
#include "api/legacy/legacy_conditions.h"
#include "api/legacy/legacy_updates.h"
#include "api/operations.h"
#include "api/wire/capacity.h"
#include "api/wire/expression_params.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"
#include "model/item_codec.h"
#include "model/item_size.h"
#include "model/limits.h"

namespace pd {
namespace {

// The Attributes member for ReturnValues: whole items, or the updated paths of one of them.
void writeReturnValues(JsonWriter& out, const std::string* returnValues,
                       const std::vector<expr::DocumentPath>& updatedPaths,
                       const std::optional<Item>& oldItem, const Item& newItem) {
  if (!returnValues || *returnValues == "NONE") return;
  const bool old = *returnValues == "ALL_OLD" || *returnValues == "UPDATED_OLD";
  if (old && !oldItem) return;
  const Item& source = old ? *oldItem : newItem;
  Item attributes = source;
  if (*returnValues == "UPDATED_OLD" || *returnValues == "UPDATED_NEW") {
    attributes = expr::ProjectionExpression::fromPaths(updatedPaths).apply(source);
  }
  if (attributes.empty()) return;
  out.key("Attributes");
  writeItem(out, attributes);
}

}  // namespace

std::string updateItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const std::string* tableName = request.string("TableName");
  constraints.tableName(tableName, "tableName");
  const Json* keyWire = request.attributeMap("Key");
  constraints.required(keyWire != nullptr, "key");
  WriteCondition condition;
  condition.readLegacy(request, constraints);
  const Json* attributeUpdates = LegacyUpdates::read(request, constraints);
  const std::string* returnValues = request.string("ReturnValues");
  constraints.oneOf(returnValues, kReturnValues, "returnValues");
  const std::string* collectionMetrics = request.string("ReturnItemCollectionMetrics");
  constraints.oneOf(collectionMetrics, kReturnItemCollectionMetrics, "returnItemCollectionMetrics");
  const std::string* updateText = request.string("UpdateExpression");
  condition.readExpression(request, constraints);
  const ExpressionParams params(request);
  constraints.check();

  std::vector<NamedParameter> legacy = {{"AttributeUpdates", attributeUpdates != nullptr}};
  for (const auto& parameter : condition.legacyParameters()) legacy.push_back(parameter);
  params.check({{"UpdateExpression", updateText != nullptr}, condition.expressionParameter()},
               false, legacy);
  condition.checkOperator();
  const Item key = parseItem(*keyWire);
  std::optional<LegacyUpdates> legacyUpdates;
  if (attributeUpdates) legacyUpdates = LegacyUpdates::parse(*attributeUpdates);
  condition.translateLegacy();
  expr::Placeholders placeholders = params.placeholders();
  std::optional<expr::UpdateExpression> update;
  if (updateText) update = expr::UpdateExpression::parse(*updateText, placeholders);
  condition.parse(placeholders);
  placeholders.checkAllUsed();

  Table& table = tableFor(db, *tableName);
  const std::string orderKey = orderKeyOfKey(table.schema(), key);
  if (update) update->checkKeysNotUpdated(keyNames(table.schema()));
  if (legacyUpdates) legacyUpdates->checkKeysNotUpdated(keyNames(table.schema()));
  const std::optional<Item> oldItem = currentItem(table, orderKey);
  condition.enforce(oldItem);

  const auto [newItem, size] = updatedItem(oldItem, key, update ? &*update : nullptr,
                                           legacyUpdates ? &*legacyUpdates : nullptr);
  const auto previous = storeItem(table, orderKey, newItem, size);

  JsonWriter out;
  out.beginObject();
  writeReturnValues(out, returnValues,
                    update          ? update->targetPaths()
                    : legacyUpdates ? legacyUpdates->targetPaths()
                                    : std::vector<expr::DocumentPath>{},
                    oldItem, newItem);
  writeConsumedCapacity(out, capacity, *tableName,
                        replaceUnits(previous ? previous->size() : 0, previous.has_value(), size),
                        indexWriteUnits(table.lastIndexTouches()));
  if (wantsCollectionMetrics(collectionMetrics, table)) {
    writeCollectionMetrics(out.key("ItemCollectionMetrics"), table, key);
  }
  out.endObject();
  return out.take();
}

}  // namespace pd
