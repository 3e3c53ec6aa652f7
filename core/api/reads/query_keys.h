// Query's key conditions against the table's key schema: matching them (interleaved with the
// ExclusiveStartKey's checks, in DynamoDB's order), keeping the start key inside them, and
// turning them into one contiguous range of order keys.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/reads/read_page.h"
#include "expr/key_condition.h"
#include "store/table.h"

namespace pd {

struct QueryKey {
  const AttributeValue* hash = nullptr;
  const expr::KeyConditionPart* range = nullptr;  // null: the whole partition
};

// Throws DynamoDB's messages for a start key or key condition that does not fit the schema.
QueryKey matchQueryKey(const TableSchema& schema, const std::vector<expr::KeyConditionPart>& parts,
                       const std::optional<Item>& startKey);

// The start key's order key, once it was found inside the query's conditions.
std::string checkStartKeyInQuery(const TableSchema& schema, const QueryKey& key,
                                 const Item& startKey);

// "Filter Expression can only contain non-primary key attributes: ..." for a filter path on a
// key attribute.
void checkFilterAvoidsKeys(const std::vector<expr::DocumentPath>& paths, const TableSchema& schema);

KeyRange queryRange(const QueryKey& key);

}  // namespace pd
