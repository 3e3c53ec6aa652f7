// Stage 1 for ConditionExpression, FilterExpression and KeyConditionExpression: text to AST.
// Grammar (keywords in any case; precedence NOT > AND > OR):
//   condition  := or
//   or         := and (OR and)*
//   and        := not (AND not)*
//   not        := NOT not | comparison
//   comparison := atom [ comparator operand | BETWEEN operand AND operand
//                      | IN '(' operand (',' operand)* ')' ]
//   atom       := '(' condition-or-operand ')' [path-tail] | operand
//   operand    := '(' operand ')' [path-tail] | function | :value | path
//   function   := name '(' operand (',' operand)* ')'
// A bare path or :value where a condition is needed is a syntax error at the next token.
#pragma once

#include <string_view>

#include "expr/ast.h"
#include "expr/expression_kind.h"

namespace pd::expr {

struct ParsedCondition {
  NodePtr root;
  bool redundantParentheses = false;  // "((x))" somewhere: DynamoDB rejects it after parsing
};

// Throws DynamoDB's syntax error ("Invalid <kind>: Syntax error; token: ..., near: ...").
ParsedCondition parseCondition(Kind kind, std::string_view source);

}  // namespace pd::expr
