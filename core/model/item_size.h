// Item size by DynamoDB's rule: attribute names plus values, which decides the 400 KB limit
// and consumed capacity.
#pragma once

#include <cstddef>
#include <string_view>

#include "model/attribute_value.h"

namespace pd {

// Bytes DynamoDB counts for a number given as canonical decimal text.
std::size_t numberSize(std::string_view canonical);
std::size_t valueSize(const AttributeValue& value);
std::size_t itemSize(const Item& item);

}  // namespace pd
