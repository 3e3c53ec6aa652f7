// What the single-item operations (PutItem, GetItem, DeleteItem, UpdateItem) share with the
// batch and transaction operations, which run the same per-item steps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/request_fields.h"
#include "expr/expressions.h"
#include "model/json_writer.h"
#include "store/database.h"

namespace pd {

class LegacyUpdates;

extern const std::vector<std::string> kReturnValues;
extern const std::vector<std::string> kReturnConsumedCapacity;
extern const std::vector<std::string> kReturnItemCollectionMetrics;
extern const std::vector<std::string> kReturnValuesOnFailure;

// The table, or ResourceNotFoundException with the item operations' message.
Table& tableFor(Database& db, const std::string& name);

// The item stored under an order key, decoded.
std::optional<Item> currentItem(const Table& table, const std::string& orderKey);

// ConditionExpression parsed against the request's placeholders (nullopt when absent).
std::optional<expr::ConditionExpression> parseCondition(const std::string* text,
                                                        expr::Placeholders& placeholders);

// PutItem and DeleteItem: "ReturnValues can only be ALL_OLD or NONE".
void checkOldOrNone(const std::string* returnValues);
bool wantsOld(const std::string* returnValues);
void writeOldItem(JsonWriter& out, const std::optional<ItemRecord>& old,
                  const std::string* returnValues);

// The size of an item to put; "Item size has exceeded the maximum allowed size" above 400 KB.
std::size_t checkedPutSize(const Item& item);

// The item an update leaves: the update expression, or the legacy AttributeUpdates, applied to
// the current item (or to the key alone when there is none). The nesting error when a value
// set at a nested path leaves the item more than 32 levels deep; "Item size to update has
// exceeded the maximum allowed size" when it grows past 400 KB. Returns the new item and its size.
std::pair<Item, std::size_t> updatedItem(const std::optional<Item>& oldItem, const Item& key,
                                         const expr::UpdateExpression* update,
                                         const LegacyUpdates* legacyUpdates);

// Stores an item under its order key; returns the item it replaced.
std::optional<ItemRecord> storeItem(Table& table, const std::string& orderKey, const Item& item,
                                    std::size_t size);

// Write units of a put or update: the larger of the replaced item and the new one.
double replaceUnits(std::size_t oldSize, bool hadOld, std::size_t newSize);

// One item read by key (GetItem, BatchGetItem, TransactGetItems): the stored item projected,
// and the stored size that the read is charged for (0 when there is no item).
struct ReadItem {
  const ItemRecord* record = nullptr;  // null when there is no item
  std::optional<Item> projected;       // set only when a projection applies
  std::size_t size = 0;

  explicit operator bool() const { return record != nullptr; }
  // The item as DynamoDB JSON: straight from its stored bytes unless projected.
  void write(JsonWriter& out) const;
};
ReadItem readItem(const Table& table, const std::string& orderKey,
                  const std::optional<expr::ProjectionExpression>& projection);

}  // namespace pd
