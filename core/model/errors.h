// DynamoDB errors as values: the exception name and message DynamoDB would return.
#pragma once

#include <string>

namespace pd {

struct DynamoError {
  std::string type;  // e.g. "ValidationException"
  std::string message;
  // Further members of the error body, already serialised (for example "Item":{...} on a
  // ConditionalCheckFailedException, or "CancellationReasons":[...]).
  std::string extraMembers = {};
};

inline DynamoError validationError(std::string message) {
  return {"ValidationException", std::move(message)};
}
inline DynamoError serializationError(std::string message) {
  return {"SerializationException", std::move(message)};
}

// A value nested past DynamoDB's limit, in its words. Some members report it inside the
// validation envelope ("1 validation error detected: ..."), others bare.
enum class Envelope { Bare, Enveloped };
DynamoError nestingTooDeep(Envelope envelope);

// The wire body, as DynamoDB writes it: {"__type":"<namespace>#<type>","message":"..."}, with
// the namespace and the message key of model/error_kinds.h.
std::string errorBody(const DynamoError& error);

}  // namespace pd
