// Stage 2 for updates: DynamoDB's semantic checks on a parsed update, resolving its
// placeholders on the way. DynamoDB reports one error, chosen in this order: reserved words,
// invalid function names, a repeated section, undefined #names, undefined :values,
// overlapping then conflicting target paths, ADD/DELETE operand types, then function and
// operator checks (operand count, document path, operand types).
#pragma once

#include "expr/placeholders.h"
#include "expr/update_parser.h"

namespace pd::expr {

// Throws "Invalid UpdateExpression: <message>" for the first problem.
void checkUpdate(ParsedUpdate& update, Placeholders& placeholders);

}  // namespace pd::expr
