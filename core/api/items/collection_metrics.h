// ReturnItemCollectionMetrics SIZE: for a table with local secondary indexes, the item
// collection a write touched (the items sharing its partition key) and DynamoDB's estimate of
// its size. Tables without local secondary indexes have no item collections and return nothing.
#pragma once

#include <string>
#include <vector>

#include "model/json_writer.h"
#include "store/table.h"

namespace pd {

// True when the request asked for SIZE and the table has a local secondary index.
bool wantsCollectionMetrics(const std::string* returnItemCollectionMetrics, const Table& table);

// Writes {"ItemCollectionKey": {<partition key>}, "SizeEstimateRangeGB": [low, high]} for the
// collection of `item` (an item or a key: only its partition key is read).
void writeCollectionMetrics(JsonWriter& out, const Table& table, const Item& item);

// The batch and transaction form: "ItemCollectionMetrics": {<table>: [<one per collection>]}
// for the tables with local secondary indexes among `writes` (table, item or key), each
// collection once, in the order first written; nothing when there is none.
struct CollectionWrite {
  const Table* table;
  const std::string* tableName;
  const Item* item;
};
void writeCollectionMetricsMap(JsonWriter& out, const std::string* returnItemCollectionMetrics,
                               const std::vector<CollectionWrite>& writes);

}  // namespace pd
