// The order key of an item: one byte string per primary key whose byte order is the table's
// item order: a hash of the partition key first (so partitions spread as in DynamoDB and a
// parallel scan can split by hash), then the partition key, then the sort key in DynamoDB's
// sort order (S and B by bytes, N numerically).
#pragma once

#include <cstdint>
#include <string>

#include "model/attribute_value.h"

namespace pd {

std::uint32_t partitionHash(const AttributeValue& partitionKey);
std::string orderKey(const AttributeValue& partitionKey, const AttributeValue* sortKey);

}  // namespace pd
