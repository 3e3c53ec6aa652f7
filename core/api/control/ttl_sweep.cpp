// PocketDynamo_SweepExpiredItems: not a DynamoDB operation, but ours. DynamoDB deletes expired
// items in the background; here the host (the JS package, a test) drives the deletions:
//   {"TableName"?: string, "Limit"?: n >= 1, "Now"?: epoch seconds} -> {"Deleted": n}
// Without TableName every table with TTL enabled is swept (in name order); without Now the
// engine's clock is used. Until a sweep deletes them, expired items still appear in reads.
#include "api/control/ttl_sweep.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include "api/operations.h"
#include "api/wire/request_fields.h"
#include "model/errors.h"
#include "model/item_codec.h"
#include "model/json_writer.h"

namespace pd {
namespace {

// DynamoDB ignores expiry times more than five years in the past.
constexpr double kFiveYearsSeconds = 5 * 365 * 24 * 3600.0;

Decimal decimalOf(double seconds) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return Decimal::parse(text);
}

// Deletes the table's expired items, at most `limit`; returns how many.
std::int64_t sweepTable(Table& table, double now, std::int64_t limit) {
  if (!table.schema().ttlAttribute || limit <= 0) return 0;
  const ExpiryCheck check(*table.schema().ttlAttribute, now);
  std::vector<std::string> keys;
  for (const ItemRecord& record : table.records()) {
    if (static_cast<std::int64_t>(keys.size()) >= limit) break;
    if (check.expired(record.encoded())) keys.emplace_back(record.key());
  }
  std::int64_t deleted = 0;
  for (const std::string& key : keys) {
    // Checked again on the stored item: a write since may have extended its TTL.
    const ItemRecord* current = table.find(key);
    if (!current || !check.expired(current->encoded())) continue;
    table.erase(key, WriteOrigin::TimeToLive);
    ++deleted;
  }
  return deleted;
}

}  // namespace

ExpiryCheck::ExpiryCheck(std::string attribute, double now)
    : attribute_(std::move(attribute)),
      now_(decimalOf(now)),
      oldest_(decimalOf(now - kFiveYearsSeconds)) {}

bool ExpiryCheck::expired(std::string_view encodedItem) const {
  const Item item = decodeItem(encodedItem);
  const auto it = item.find(attribute_);
  if (it == item.end() || it->second.type != AttrType::N) return false;
  const Decimal expiry = Decimal::parse(it->second.scalar);
  return expiry.compare(now_) <= 0 && expiry.compare(oldest_) >= 0;
}

std::string sweepExpiredItems(Database& db, const Json& body) {
  const Fields request(body);
  const std::string* name = request.string("TableName");
  const auto limit = request.integer("Limit", "Integer");
  const Json* nowWire = request.get("Now");
  if (nowWire && (!nowWire->is_number() || !std::isfinite(nowWire->get<double>()))) {
    throw serializationError("Now must be a number of epoch seconds");
  }
  Constraints constraints;
  if (name) constraints.resourceName(name, "tableName");
  if (limit) constraints.minimum(*limit, 1, "limit");
  constraints.check();

  const double now = nowWire ? nowWire->get<double>() : db.now();
  std::int64_t remaining = limit.value_or(INT64_MAX), deleted = 0;
  if (name) {
    Table* table = db.find(*name);
    if (!table) throw DynamoError{"ResourceNotFoundException", "Requested resource not found"};
    deleted = sweepTable(*table, now, remaining);
  } else {
    for (auto& entry : db.tables) deleted += sweepTable(*entry.second, now, remaining - deleted);
  }
  JsonWriter out;
  out.beginObject().key("Deleted").integer(deleted).endObject();
  return out.take();
}

}  // namespace pd
