// Which request parameter an expression came from. DynamoDB names it in every message
// ("Invalid FilterExpression: ..."), and the grammar and checks depend on it.
#pragma once

#include <string>

#include "model/errors.h"

namespace pd::expr {

enum class Kind { Condition, Filter, KeyCondition, Update, Projection };

// The parameter name: "ConditionExpression", "FilterExpression", "KeyConditionExpression",
// "UpdateExpression" or "ProjectionExpression".
const char* kindName(Kind kind);

// ValidationException "Invalid <parameter>: <detail>".
DynamoError invalidExpression(Kind kind, const std::string& detail);

}  // namespace pd::expr
