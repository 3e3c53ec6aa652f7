// Stage 3 for conditions: evaluating a checked, resolved condition against an item.
// A missing attribute makes comparisons, BETWEEN, IN and functions on it false (except
// "<>", which is true, and attribute_not_exists); values of different types are unequal and
// unordered, never an error.
#pragma once

#include "expr/ast.h"
#include "model/attribute_value.h"

namespace pd::expr {

bool evaluateCondition(const Node& condition, const Item& item);

// The value an operand denotes in `item`: a path's value, a :value, or size(...) computed
// into `scratch`. nullptr when there is none (missing attribute, size of a number...).
const AttributeValue* evaluateOperand(const Node& operand, const Item& item,
                                      AttributeValue& scratch);

}  // namespace pd::expr
