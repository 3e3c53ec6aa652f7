#include "model/errors.h"

#include "model/json_writer.h"

namespace pd {
namespace {
const char* namespaceOf(const std::string& type) {
  if (type == "ValidationException") return "com.amazon.coral.validate#";
  if (type == "SerializationException" || type == "UnknownOperationException") {
    return "com.amazon.coral.service#";
  }
  return "com.amazonaws.dynamodb.v20120810#";
}
}  // namespace

DynamoError nestingTooDeep(Envelope envelope) {
  std::string message =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit";
  if (envelope == Envelope::Enveloped) message = "1 validation error detected: " + message;
  return validationError(std::move(message));
}

std::string errorBody(const DynamoError& error) {
  JsonWriter out;
  out.beginObject().key("__type").string(namespaceOf(error.type) + error.type);
  // DynamoDB spells the key "Message" in serialization errors and cancelled transactions, and
  // "message" elsewhere.
  const bool capital =
      error.type == "SerializationException" || error.type == "TransactionCanceledException";
  const char* key = capital ? "Message" : "message";
  if (!error.message.empty()) out.key(key).string(error.message);
  out.endObject();
  std::string body = out.take();
  if (!error.extraMembers.empty()) body.insert(body.size() - 1, "," + error.extraMembers);
  return body;
}

}  // namespace pd
