// How DynamoDB compares attribute values in expressions.
#pragma once

#include <optional>

#include "model/attribute_value.h"

namespace pd::expr {

// Equality of any two values: same type and same content (numbers by value, sets as sets,
// lists element by element, maps entry by entry).
bool valuesEqual(const AttributeValue& a, const AttributeValue& b);

// <0, 0, >0 for two values of the same ordered type (S by UTF-8 bytes, N by value, B by
// bytes); nullopt for any other pair, which makes every ordering comparison false.
std::optional<int> compareOrdered(const AttributeValue& a, const AttributeValue& b);

}  // namespace pd::expr
