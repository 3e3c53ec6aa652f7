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
  std::vector<const AttributeValue*> hash;  // one value per partition-key attribute
  // The sort-key conditions, in key order: the leading attributes' equalities, then the last
  // attribute used with any operator. Empty: the whole partition.
  std::vector<const expr::KeyConditionPart*> range;
};

// Throws DynamoDB's messages for a start key or key condition that does not fit the key:
// equality on every partition-key attribute; sort-key attributes left to right without a gap,
// only the last one used with another operator than equality.
QueryKey matchQueryKey(const KeyAttributes& keys, const std::vector<expr::KeyConditionPart>& parts,
                       const std::optional<Item>& startKey);

// Checks that the start key lies inside the query's conditions; returns its order key in a
// table (whose key has one attribute of each kind at most).
std::string checkStartKeyInQuery(const KeyAttributes& keys, const QueryKey& key,
                                 const Item& startKey);

// "Filter Expression can only contain non-primary key attributes: ..." for a filter path on a
// key attribute.
void checkFilterAvoidsKeys(const std::vector<expr::DocumentPath>& paths, const KeyAttributes& keys);

KeyRange queryRange(const QueryKey& key);

}  // namespace pd
