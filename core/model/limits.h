// Every DynamoDB limit the engine enforces, in one place.
#pragma once

#include <cstddef>

namespace pd::limits {

constexpr std::size_t kMaxItemBytes = 400 * 1024;    // item size by DynamoDB's rule
constexpr std::size_t kMaxPartitionKeyBytes = 2048;  // partition (hash) key value
constexpr std::size_t kMaxSortKeyBytes = 1024;       // sort (range) key value
constexpr int kMaxNestingDepth = 32;                 // levels of a value; the attribute is 1
constexpr int kMaxNumberDigits = 38;                 // significant digits of an N
constexpr int kMinNumberExponent = -130;             // smallest magnitude 1E-130
constexpr int kMaxNumberExponent = 125;              // largest magnitude < 1E+126
constexpr std::size_t kMinTableNameLength = 3;
constexpr std::size_t kMaxTableNameLength = 255;
constexpr std::size_t kMinKeyAttributeNameLength = 1;  // key attribute names in a schema
constexpr std::size_t kMaxKeyAttributeNameLength = 255;
constexpr std::size_t kMaxAttributeNameBytes = 65535;       // non-key attribute names
constexpr int kMaxListTablesLimit = 100;                    // ListTables Limit
constexpr std::size_t kReadUnitBytes = 4096;                // one read capacity unit
constexpr std::size_t kWriteUnitBytes = 1024;               // one write capacity unit
constexpr std::size_t kMaxRequestBytes = 16 * 1024 * 1024;  // one request body
constexpr std::size_t kMaxPageBytes = 1024 * 1024;          // items read by one Query or Scan page
constexpr std::size_t kMaxTransactionBytes = 4 * 1024 * 1024;  // items of one transaction

// JSON levels (objects and arrays) a request body may nest, enforced while it is read; deeper
// bodies get the bare nesting error. The deepest valid body is far shallower: a BatchWriteItem
// reaches an item's attributes 6 levels down and each M or L level costs 2, so 70 levels. In a
// PutItem (body and Item are 2 levels) 128 lets a value reach level 63: DynamoDB was measured
// to report level 62 from its value check, inside the validation envelope, and level 64 bare,
// refused while reading.
constexpr int kMaxRequestJsonDepth = 128;

}  // namespace pd::limits
