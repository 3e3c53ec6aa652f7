// A table: its schema and its items, kept as compact encoded blobs in primary-key order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.h"

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

// One stored item: its encoded form and its size by DynamoDB's rule.
struct StoredItem {
  std::string encoded;
  std::uint32_t size = 0;
};

class Table {
 public:
  explicit Table(TableSchema schema) : schema_(std::move(schema)) {}

  const TableSchema& schema() const { return schema_; }
  TableSchema& schema() { return schema_; }

  const StoredItem* find(const std::string& key) const;
  // Inserts or replaces; returns the previous item if there was one.
  std::optional<StoredItem> put(const std::string& key, StoredItem item);
  std::optional<StoredItem> erase(const std::string& key);

  std::size_t itemCount() const { return items_.size(); }
  std::uint64_t sizeBytes() const { return sizeBytes_; }

 private:
  TableSchema schema_;
  std::map<std::string, StoredItem> items_;  // by primary_key.h order key
  std::uint64_t sizeBytes_ = 0;
};

}  // namespace pd
