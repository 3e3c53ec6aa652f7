// One page of a Query or Scan: the items of a contiguous range of order keys, read in either
// direction until Limit items were evaluated or 1 MB was read, then filtered and projected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "expr/expressions.h"
#include "store/table.h"

namespace pd {

// One end of a range of order keys.
struct KeyBound {
  std::string key;
  bool inclusive = true;
};

// Order keys from `lower` to `upper`; a missing end is unbounded.
struct KeyRange {
  std::optional<KeyBound> lower;
  std::optional<KeyBound> upper;

  // Narrows the range to keys strictly after (forward) or before (backward) `key`: where an
  // ExclusiveStartKey continues, even when its item is gone.
  void continueAfter(const std::string& key, bool forward);
};

// The range of every order key that starts with `prefix` (a partition, or a begins_with).
KeyRange prefixRange(const std::string& prefix);
// The first key after every key that starts with `prefix`; nullopt when there is none.
std::optional<std::string> prefixEnd(std::string prefix);

struct PageOptions {
  const std::string* tableName = nullptr;
  const std::string* returnConsumedCapacity = nullptr;
  std::optional<std::int64_t> limit;
  bool forward = true;
  bool countOnly = false;  // Select COUNT: no Items member
  bool consistentRead = false;
  const expr::ConditionExpression* filter = nullptr;
  const expr::ProjectionExpression* projection = nullptr;
  // An index read: LastEvaluatedKey adds the index's key attributes, and the units are the
  // index's. With fetchWhole (ALL_ATTRIBUTES on an LSI that projects less), items come from the
  // table.
  const IndexSchema* index = nullptr;
  bool fetchWhole = false;
};

// The response body: Items, Count, ScannedCount, LastEvaluatedKey and ConsumedCapacity.
std::string readPage(const Table& table, const KeyRange& range, const PageOptions& options);
// The same over an index's entries.
std::string readIndexPage(const Table& table, const Index& index, const KeyRange& range,
                          const PageOptions& options);

}  // namespace pd
