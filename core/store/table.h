// A table: its schema and its items, kept as compact encoded blobs in primary-key order.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/attribute_value.h"
#include "store/item_record.h"

namespace pd {

struct KeyElement {
  std::string name;
  AttrType type = AttrType::S;  // S, N or B
};

struct AttributeDefinition {
  std::string name;
  AttrType type = AttrType::S;
};

struct ProvisionedThroughput {
  std::int64_t readCapacityUnits = 0;
  std::int64_t writeCapacityUnits = 0;
  double lastIncreaseDateTime = 0;
  double lastDecreaseDateTime = 0;
  std::int64_t numberOfDecreasesToday = 0;
};

enum class BillingMode { Provisioned, PayPerRequest };

struct TableSchema {
  std::string name;
  std::string arn;
  std::string tableId;
  double creationDateTime = 0;  // epoch seconds
  KeyElement hashKey;
  std::optional<KeyElement> rangeKey;
  std::vector<AttributeDefinition> attributeDefinitions;  // in request order
  BillingMode billingMode = BillingMode::Provisioned;
  double lastUpdateToPayPerRequestDateTime = 0;  // 0 until the table was first on-demand
  ProvisionedThroughput throughput;
  bool deletionProtectionEnabled = false;
};

class Table {
 public:
  using Records = std::set<ItemRecord, RecordOrder>;

  explicit Table(TableSchema schema) : schema_(std::move(schema)) {}

  const TableSchema& schema() const { return schema_; }
  TableSchema& schema() { return schema_; }

  const ItemRecord* find(std::string_view key) const;
  // Inserts or replaces the item stored under `key`; returns the previous one, if any.
  std::optional<ItemRecord> put(std::string_view key, std::string_view encoded, std::uint32_t size);
  std::optional<ItemRecord> erase(std::string_view key);

  // Items in order-key order, for queries and scans.
  const Records& records() const { return items_; }

  std::size_t itemCount() const { return items_.size(); }
  std::uint64_t sizeBytes() const { return sizeBytes_; }

 private:
  TableSchema schema_;
  Records items_;
  std::uint64_t sizeBytes_ = 0;
};

}  // namespace pd
