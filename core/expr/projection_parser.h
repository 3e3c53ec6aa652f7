// Stage 1 for ProjectionExpression: text to document paths.
// Grammar: path (',' path)*, where path := (name | #name) ('.' (name | #name) | '[' n ']')*
#pragma once

#include <string_view>
#include <vector>

#include "expr/document_path.h"

namespace pd::expr {

// Throws DynamoDB's syntax error ("Invalid ProjectionExpression: Syntax error; ...").
std::vector<DocumentPath> parseProjection(std::string_view source);

}  // namespace pd::expr
