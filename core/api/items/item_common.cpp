#include "api/items/item_common.h"

#include <algorithm>

#include "api/items/index_keys.h"
#include "api/legacy/legacy_updates.h"
#include "api/wire/capacity.h"
#include "api/wire/encoded_json.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"
#include "model/item_codec.h"
#include "model/item_size.h"
#include "model/limits.h"

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

namespace {

// True when `value`, at `level` (an attribute is level 1), nests past DynamoDB's 32 levels.
// Stops at the first level past it, so it never recurses deeper than that.
bool nestsTooDeep(const AttributeValue& value, int level) {
  if (level > limits::kMaxNestingDepth) return true;
  if (value.type == AttrType::M) {
    for (const auto& [name, child] : value.map) {
      if (nestsTooDeep(child, level + 1)) return true;
    }
  }
  if (value.type == AttrType::L) {
    for (const auto& child : value.list) {
      if (nestsTooDeep(child, level + 1)) return true;
    }
  }
  return false;
}

}  // namespace

std::size_t checkedPutSize(const Item& item) {
  const std::size_t size = itemSize(item);
  if (size > limits::kMaxItemBytes) {
    throw validationError("Item size has exceeded the maximum allowed size");
  }
  return size;
}

std::pair<Item, std::size_t> updatedItem(const std::optional<Item>& oldItem, const Item& key,
                                         const expr::UpdateExpression* update,
                                         const LegacyUpdates* legacyUpdates) {
  Item newItem = oldItem ? *oldItem : key;
  if (update) newItem = update->apply(newItem, oldItem.has_value());
  if (legacyUpdates) newItem = legacyUpdates->apply(newItem);
  // A value set at a nested path adds its levels to the path's: the item must still fit.
  for (const auto& [name, value] : newItem) {
    if (nestsTooDeep(value, 1)) throw nestingTooDeep(Envelope::Bare);
  }
  const std::size_t size = itemSize(newItem);
  if (size > limits::kMaxItemBytes) {
    throw validationError("Item size to update has exceeded the maximum allowed size");
  }
  return {std::move(newItem), size};
}

std::optional<ItemRecord> storeItem(Table& table, const std::string& orderKey, const Item& item,
                                    std::size_t size) {
  checkIndexKeys(table, item);
  return table.put(orderKey, encodeItem(item), static_cast<std::uint32_t>(size), &item);
}

double replaceUnits(std::size_t oldSize, bool hadOld, std::size_t newSize) {
  return writeUnits(hadOld ? std::max(oldSize, newSize) : newSize);
}

ReadItem readItem(const Table& table, const std::string& orderKey,
                  const std::optional<expr::ProjectionExpression>& projection) {
  ReadItem read;
  read.record = table.find(orderKey);
  if (!read.record) return read;
  read.size = read.record->size();
  if (projection) read.projected = projection->apply(decodeItem(read.record->encoded()));
  return read;
}

void ReadItem::write(JsonWriter& out) const {
  if (projected) {
    writeItem(out, *projected);
  } else {
    writeEncodedItem(out, record->encoded());
  }
}

}  // namespace pd
