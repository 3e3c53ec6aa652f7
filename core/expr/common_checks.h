// Checks shared by the condition, update and projection validators, with DynamoDB's wording.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/document_path.h"
#include "expr/expression_kind.h"
#include "expr/placeholders.h"

namespace pd::expr {

// The first plain name in `path` that is a reserved word, or "".
std::string firstReservedName(const DocumentPath& path);

// "Attribute name is a reserved keyword; reserved keyword: <name>".
std::string reservedWordMessage(const std::string& name);

// Resolves every #placeholder of `path` to its attribute name. Returns DynamoDB's message for
// the first undefined one, or "" when all are defined.
std::string resolvePath(DocumentPath& path, Placeholders& placeholders);

// Resolves a Value node. Returns DynamoDB's message when its :placeholder is undefined.
std::string resolveValue(Node& node, Placeholders& placeholders);

// For paths in the order written (update targets, projections): the first overlap
// ("Two document paths overlap with each other; ...") if any, else the first conflict
// ("Two document paths conflict with each other; ..."), else "".
std::string pathOverlapMessage(const std::vector<const DocumentPath*>& paths);

// "Incorrect number of operands for operator or function; operator or function: f, number of
// operands: n".
std::string operandCountMessage(const std::string& function, std::size_t count);

// "Incorrect operand type for operator or function; operator or function: f, operand type: T".
std::string operandTypeMessage(const std::string& function, const std::string& type);

// "Operator or function requires a document path; operator or function: f".
std::string requiresPathMessage(const std::string& function);

// "Invalid function name; function: f".
std::string invalidFunctionMessage(const std::string& function);

// Expressions longer than 4096 bytes are rejected before parsing; empty ones too.
void checkLengthAndEmpty(Kind kind, std::string_view source);

}  // namespace pd::expr
