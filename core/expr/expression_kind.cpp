#include "expr/expression_kind.h"

namespace pd::expr {

const char* kindName(Kind kind) {
  switch (kind) {
    case Kind::Condition:
      return "ConditionExpression";
    case Kind::Filter:
      return "FilterExpression";
    case Kind::KeyCondition:
      return "KeyConditionExpression";
    case Kind::Update:
      return "UpdateExpression";
    case Kind::Projection:
      return "ProjectionExpression";
  }
  return "Expression";
}

DynamoError invalidExpression(Kind kind, const std::string& detail) {
  return validationError(std::string("Invalid ") + kindName(kind) + ": " + detail);
}

}  // namespace pd::expr
