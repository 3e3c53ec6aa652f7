#include "api/item_common.h"

#include "api/errors.h"
#include "api/wire_values.h"
#include "model/item_codec.h"

namespace pd {

const std::vector<std::string> kReturnValues = {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE",
                                                "UPDATED_NEW"};
const std::vector<std::string> kReturnConsumedCapacity = {"INDEXES", "TOTAL", "NONE"};
const std::vector<std::string> kReturnItemCollectionMetrics = {"SIZE", "NONE"};
const std::vector<std::string> kReturnValuesOnFailure = {"ALL_OLD", "NONE"};

Table& tableFor(Database& db, const std::string& name) {
  Table* table = db.find(name);
  if (!table) throw DynamoError{"ResourceNotFoundException", "Requested resource not found"};
  return *table;
}

std::optional<Item> currentItem(const Table& table, const std::string& orderKey) {
  const ItemRecord* record = table.find(orderKey);
  if (!record) return std::nullopt;
  return decodeItem(record->encoded());
}

std::optional<expr::ConditionExpression> parseCondition(const std::string* text,
                                                        expr::Placeholders& placeholders) {
  if (!text) return std::nullopt;
  return expr::ConditionExpression::parse(expr::Kind::Condition, *text, placeholders);
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

}  // namespace pd
