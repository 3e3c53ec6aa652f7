// PocketDynamo_SweepExpiredItems: not a DynamoDB operation, but ours. DynamoDB deletes expired
// items in the background; here the host (the JS package's background sweeper, a test) drives
// the deletions:
//   {"TableName"?: string, "Limit"?: n >= 1, "Now"?: epoch seconds,
//    "Examine"?: n >= 1, "StartAfter"?: {"TableName": s, "Key": hex}}
//   -> {"Deleted": n, "Resume"?: {"TableName": s, "Key": hex}}
// Without TableName every table with TTL enabled is swept (in name order); without Now the
// engine's clock is used. Examine bounds the items looked at, so that a sweep can run in small
// slices: Resume then says where the next slice starts (its StartAfter). Until a sweep deletes
// them, expired items still appear in reads.
#include "api/control/ttl_sweep.h"

#include <cmath>
#include <cstdio>
#include <optional>
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

std::string hexOf(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string bytesOfHex(const std::string& hex) {
  auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw validationError("StartAfter.Key must be the hex of a key a sweep returned");
  };
  if (hex.size() % 2) digit('x');
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    out += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  }
  return out;
}

// One sweep call's allowance and position.
struct Sweep {
  double now = 0;
  std::int64_t remaining = INT64_MAX;  // deletions left (Limit)
  std::int64_t examine = INT64_MAX;    // items left to look at (Examine)
  std::int64_t deleted = 0;
  std::optional<std::string> resumeKey;  // set when Examine ran out inside a table
  bool loadedOnly = false;               // LoadedOnly: only partitions already in memory
};

// Deletes the table's expired items after `after` (from the start when null), within the sweep's
// allowance.
void sweepTable(Table& table, const std::string* after, Sweep& sweep) {
  if (!table.schema().ttlAttribute) return;
  const ExpiryCheck check(*table.schema().ttlAttribute, sweep.now);
  std::vector<std::string> keys;
  const Table::Records& records = sweep.loadedOnly ? table.loadedRecords() : table.records();
  auto it = after ? records.upper_bound(std::string_view(*after)) : records.begin();
  std::string_view lastExamined = after ? std::string_view(*after) : std::string_view();
  for (; it != records.end(); ++it) {
    if (static_cast<std::int64_t>(keys.size()) >= sweep.remaining) break;
    if (sweep.examine <= 0) {
      sweep.resumeKey = std::string(lastExamined);  // empty: from the table's start
      break;
    }
    --sweep.examine;
    lastExamined = it->key();
    if (check.expired(it->encoded())) keys.emplace_back(it->key());
  }
  for (const std::string& key : keys) {
    // Checked again on the stored item: a write since may have extended its TTL.
    const ItemRecord* current = table.find(key);
    if (!current || !check.expired(current->encoded())) continue;
    table.erase(key, WriteOrigin::TimeToLive);
    ++sweep.deleted;
    --sweep.remaining;
  }
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
  const auto examine = request.integer("Examine", "Integer");
  const auto loadedOnly = request.boolean("LoadedOnly");
  const Json* nowWire = request.get("Now");
  if (nowWire && (!nowWire->is_number() || !std::isfinite(nowWire->get<double>()))) {
    throw serializationError("Now must be a number of epoch seconds");
  }
  const Json* startWire = request.structure("StartAfter", "StartAfter");
  const std::string* startTable = nullptr;
  const std::string* startKey = nullptr;
  if (startWire) {
    const Fields start(*startWire);
    startTable = start.string("TableName");
    startKey = start.string("Key");
  }
  Constraints constraints;
  if (name) constraints.resourceName(name, "tableName");
  if (limit) constraints.minimum(*limit, 1, "limit");
  if (examine) constraints.minimum(*examine, 1, "examine");
  if (startWire) {
    constraints.required(startTable != nullptr, "startAfter.tableName");
    constraints.required(startKey != nullptr, "startAfter.key");
  }
  constraints.check();

  Sweep sweep;
  sweep.now = nowWire ? nowWire->get<double>() : db.now();
  sweep.remaining = limit.value_or(INT64_MAX);
  sweep.examine = examine.value_or(INT64_MAX);
  sweep.loadedOnly = loadedOnly.value_or(false);
  const std::string after = startKey ? bytesOfHex(*startKey) : std::string();
  std::string resumeTable;
  auto sweepOne = [&](const std::string& tableName, Table& table) {
    const bool resuming = startTable && *startTable == tableName && !after.empty();
    sweepTable(table, resuming ? &after : nullptr, sweep);
    if (sweep.resumeKey) resumeTable = tableName;
    return !sweep.resumeKey && sweep.remaining > 0;
  };
  if (name) {
    Table* table = db.find(*name);
    if (!table) throw DynamoError{"ResourceNotFoundException", "Requested resource not found"};
    sweepOne(*name, *table);
  } else {
    // A cursor's table may have been deleted since: go on from the next name.
    auto it = startTable ? db.tables.lower_bound(*startTable) : db.tables.begin();
    for (; it != db.tables.end(); ++it) {
      if (!sweepOne(it->first, *it->second)) break;
    }
  }
  JsonWriter out;
  out.beginObject().key("Deleted").integer(sweep.deleted);
  if (sweep.resumeKey) {
    out.key("Resume").beginObject().key("TableName").string(resumeTable);
    out.key("Key").string(hexOf(*sweep.resumeKey)).endObject();
  }
  out.endObject();
  return out.take();
}

}  // namespace pd
