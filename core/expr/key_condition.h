// KeyConditionExpression beyond the condition grammar: the shape DynamoDB requires
// (a partition-key equality, optionally AND one sort-key condition), then the match against
// the table's or index's key schema. Call extractKeyConditions after every expression of
// the request is parsed and unused placeholders are checked, as DynamoDB does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "expr/ast.h"
#include "model/attribute_value.h"

namespace pd::expr {

enum class KeyOp { Eq, Lt, Le, Gt, Ge, Between, BeginsWith };

struct KeyConditionPart {
  std::string attribute;
  KeyOp op = KeyOp::Eq;
  std::vector<AttributeValue> values;  // one, or two for BETWEEN
};

// Four partition-key and four sort-key attributes of a multi-attribute GSI key.
constexpr std::size_t kMaxKeyConditions = 8;

// One to eight parts, with "<value> op <key>" turned round to "<key> op' <value>". Throws
// DynamoDB's messages ("Invalid operator used in KeyConditionExpression: OR", "...Multiple
// attribute names used in one condition", "KeyConditionExpressions must only contain one
// condition per key", "Conditions can be of length 1 or 2 only", ...).
std::vector<KeyConditionPart> extractKeyConditions(const Node& root);

struct KeyConditionMatch {
  const KeyConditionPart* hash = nullptr;
  const KeyConditionPart* range = nullptr;  // null when only the partition key is given
};

// Matches the parts to a key schema. Throws "Query condition missed key schema element: <k>"
// or "Query key condition not supported".
KeyConditionMatch matchKeySchema(const std::vector<KeyConditionPart>& parts,
                                 const std::string& hashKey,
                                 const std::optional<std::string>& rangeKey);

}  // namespace pd::expr
