// TransactWriteItems and TransactGetItems: all-or-nothing groups of up to 100 actions. Every
// action is checked, every condition evaluated and every new item computed against the state
// before the transaction; only then is anything written, so a cancelled transaction changes
// nothing.
#include "api/items/collection_metrics.h"
#include "api/items/index_keys.h"
#include "api/items/item_common.h"
#include "api/operations.h"
#include "api/transactions/client_tokens.h"
#include "api/transactions/transact_actions.h"
#include "api/wire/capacity.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"
#include "model/limits.h"

namespace pd {
namespace {

// Transactional reads and writes cost twice their plain counterparts.
constexpr double kTransactionCost = 2;

// The outcome of one write action, computed before anything is applied.
struct PlannedWrite {
  bool store = false;  // Put or Update: store newItem; Delete: erase
  Item newItem;
  std::size_t newSize = 0;
};

// Evaluates every action against the current items; the cancellation reasons if any fails.
std::vector<PlannedWrite> planWrites(const std::vector<TransactAction>& actions) {
  std::vector<PlannedWrite> plans(actions.size());
  std::vector<CancellationReason> reasons(actions.size());
  bool failed = false;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const TransactAction& action = actions[i];
    const std::optional<Item> current = currentItem(*action.table, action.orderKey);
    if (action.condition && !action.condition->evaluate(current ? &*current : nullptr)) {
      reasons[i] = {"ConditionalCheckFailed", "The conditional request failed",
                    action.returnOldOnFailure ? current : std::nullopt};
      failed = true;
      continue;
    }
    try {
      if (action.kind == ActionKind::Put) {
        plans[i] = {true, action.item, action.putSize};
      } else if (action.kind == ActionKind::Update) {
        auto [item, size] = updatedItem(current, action.item, &*action.update, nullptr);
        plans[i] = {true, std::move(item), size};
      }
    } catch (const DynamoError& error) {
      // An update that cannot apply, or grows the item past 400 KB, cancels the transaction.
      reasons[i] = {"ValidationError", error.message, std::nullopt};
      failed = true;
    }
  }
  if (failed) throw cancellationError(reasons);
  return plans;
}

// "The aggregate size of the items in the transaction cannot exceed 4 MB", checked before any
// table or condition.
void checkTransactionSize(const std::vector<TransactAction>& actions) {
  std::size_t total = 0;
  for (const auto& action : actions) total += action.putSize;
  if (total > limits::kMaxTransactionBytes) {
    throw validationError("Transaction request cannot be larger than 4 MB");
  }
}

void findTables(Database& db, std::vector<TransactAction>& actions) {
  for (auto& action : actions) action.table = &tableFor(db, *action.tableName);
}

}  // namespace

std::string transactWriteItems(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* token = request.string("ClientRequestToken");
  if (token) constraints.length(*token, 1, 36, "clientRequestToken");
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const std::string* collectionMetrics = request.string("ReturnItemCollectionMetrics");
  constraints.oneOf(collectionMetrics, kReturnItemCollectionMetrics, "returnItemCollectionMetrics");
  std::vector<TransactAction> actions = readTransactItems(request, constraints, true);
  constraints.check();

  const std::string requestText = body.dump();
  if (token) {
    if (auto response = replayClientToken(db, *token, requestText)) return std::move(*response);
  }
  for (auto& action : actions) resolveAction(action);
  checkTransactionSize(actions);
  findTables(db, actions);
  resolveActionKeys(actions);
  const std::vector<PlannedWrite> plans = planWrites(actions);
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (plans[i].store) checkIndexKeys(*actions[i].table, plans[i].newItem);
  }

  // Nothing can fail from here on: apply every write.
  CapacityList consumed;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const TransactAction& action = actions[i];
    double units = 0;
    if (plans[i].store) {
      const auto old =
          storeItem(*action.table, action.orderKey, plans[i].newItem, plans[i].newSize);
      units = replaceUnits(old ? old->size() : 0, old.has_value(), plans[i].newSize);
    } else if (action.kind == ActionKind::Delete) {
      const auto old = action.table->erase(action.orderKey);
      units = writeUnits(old ? old->size() : 0);
    } else {
      const ItemRecord* stored = action.table->find(action.orderKey);
      units = writeUnits(stored ? stored->size() : 0);
    }
    // A condition check writes nothing, so the touches of an earlier write must not count.
    if (plans[i].store || action.kind == ActionKind::Delete) {
      units += totalUnits(indexWriteUnits(action.table->lastIndexTouches()));
    }
    consumed.add(*action.tableName, units * kTransactionCost);
  }
  std::vector<CollectionWrite> written;
  for (const auto& action : actions) {
    if (action.kind != ActionKind::ConditionCheck) {
      written.push_back({action.table, action.tableName, &action.item});
    }
  }
  JsonWriter out;
  out.beginObject();
  consumed.write(out, capacity);
  writeCollectionMetricsMap(out, collectionMetrics, written);
  out.endObject();
  std::string response = out.take();
  if (token) rememberClientToken(db, *token, requestText, response);
  return response;
}

std::string transactGetItems(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  std::vector<TransactAction> actions = readTransactItems(request, constraints, false);
  constraints.check();

  for (auto& action : actions) resolveAction(action);
  findTables(db, actions);
  resolveActionKeys(actions);

  JsonWriter out;
  out.beginObject().key("Responses").beginArray();
  CapacityList consumed;
  for (const auto& action : actions) {
    const ReadItem read = readItem(*action.table, action.orderKey, action.projection);
    out.beginObject();
    if (read) {
      out.key("Item");
      read.write(out);
    }
    out.endObject();
    consumed.add(*action.tableName, readUnits(read.size, true) * kTransactionCost);
  }
  out.endArray();
  consumed.write(out, capacity);
  out.endObject();
  return out.take();
}

}  // namespace pd
