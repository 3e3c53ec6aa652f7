#include "api/items/collection_metrics.h"

#include "api/wire/wire_values.h"
#include "store/primary_key.h"

namespace pd {
namespace {

constexpr double kBytesPerGB = 1024.0 * 1024.0 * 1024.0;

// The bytes of one collection: its items, and again each item in every local index that holds
// it (an upper bound on what the index projects, which is all the estimate needs).
std::uint64_t collectionBytes(const Table& table, const AttributeValue& partitionKey) {
  const std::string prefix = orderKey(partitionKey, nullptr);
  const Table::Records& records = table.records(&prefix, &prefix);
  std::size_t localIndexes = 0;
  for (const auto& index : table.indexes()) localIndexes += index->schema().global ? 0 : 1;
  std::uint64_t bytes = 0;
  for (auto it = records.lower_bound(std::string_view(prefix)); it != records.end(); ++it) {
    if (it->key().substr(0, prefix.size()) != prefix) break;
    bytes += it->size() * (1 + localIndexes);
  }
  return bytes;
}

}  // namespace

bool wantsCollectionMetrics(const std::string* returnItemCollectionMetrics, const Table& table) {
  if (!returnItemCollectionMetrics || *returnItemCollectionMetrics != "SIZE") return false;
  for (const auto& index : table.indexes()) {
    if (!index->schema().global) return true;
  }
  return false;
}

void writeCollectionMetrics(JsonWriter& out, const Table& table, const Item& item) {
  const std::string& hashName = table.schema().hashKey.name;
  const auto found = item.find(hashName);
  if (found == item.end()) return;
  // DynamoDB answers a range of whole gigabytes the size falls in: [0, 1] for a small one.
  const auto low = static_cast<std::int64_t>(
      static_cast<double>(collectionBytes(table, found->second)) / kBytesPerGB);
  out.beginObject().key("ItemCollectionKey").beginObject().key(hashName);
  writeAttributeValue(out, found->second);
  out.endObject().key("SizeEstimateRangeGB").beginArray().integer(low).integer(low + 1);
  out.endArray().endObject();
}

void writeCollectionMetricsMap(JsonWriter& out, const std::string* returnItemCollectionMetrics,
                               const std::vector<CollectionWrite>& writes) {
  std::vector<const std::string*> tables;  // table names, in the order first written
  for (const auto& write : writes) {
    if (!wantsCollectionMetrics(returnItemCollectionMetrics, *write.table)) continue;
    bool seen = false;
    for (const auto* name : tables) seen = seen || *name == *write.tableName;
    if (!seen) tables.push_back(write.tableName);
  }
  if (tables.empty()) return;
  out.key("ItemCollectionMetrics").beginObject();
  for (const auto* name : tables) {
    out.key(*name).beginArray();
    std::vector<const AttributeValue*> written;
    for (const auto& write : writes) {
      if (*write.tableName != *name) continue;
      const auto found = write.item->find(write.table->schema().hashKey.name);
      if (found == write.item->end()) continue;
      bool seen = false;
      for (const auto* value : written) seen = seen || *value == found->second;
      if (seen) continue;
      written.push_back(&found->second);
      writeCollectionMetrics(out, *write.table, *write.item);
    }
    out.endArray();
  }
  out.endObject();
}

}  // namespace pd
