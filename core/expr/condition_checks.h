// Stage 2 for conditions: DynamoDB's semantic checks on a parsed condition, resolving its
// placeholders on the way. DynamoDB reports one error, chosen in this order:
//   too many IN operands / operators, redundant parentheses, invalid function names,
//   functions used in the wrong place, reserved words, then per condition (left to right):
//   undefined placeholder, wrong operand count, same path on both sides, wrong operand types.
#pragma once

#include "expr/ast.h"
#include "expr/expression_kind.h"
#include "expr/placeholders.h"

namespace pd::expr {

constexpr std::size_t kMaxInOperands = 100;
constexpr std::size_t kMaxOperators = 300;

// Throws "Invalid <kind>: <message>" for the first problem.
void checkCondition(Kind kind, Node& root, bool redundantParentheses, Placeholders& placeholders);

}  // namespace pd::expr
