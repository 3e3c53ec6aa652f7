// What the single-item operations (PutItem, GetItem, DeleteItem, UpdateItem) share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/json_writer.h"
#include "api/request.h"
#include "expr/expressions.h"
#include "store/database.h"

namespace pd {

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

}  // namespace pd
