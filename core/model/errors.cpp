#include "model/errors.h"

#include "model/error_kinds.h"
#include "model/json_writer.h"

namespace pd {

DynamoError nestingTooDeep(Envelope envelope) {
  std::string message =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit";
  if (envelope == Envelope::Enveloped) message = "1 validation error detected: " + message;
  return validationError(std::move(message));
}

std::string errorBody(const DynamoError& error) {
  const ErrorKind& kind = errorKind(error.type);
  JsonWriter out;
  out.beginObject().key("__type").string(std::string(kind.ns) + "#" + error.type);
  if (!error.message.empty())
    out.key(kind.capitalMessage ? "Message" : "message").string(error.message);
  out.endObject();
  std::string body = out.take();
  if (!error.extraMembers.empty()) body.insert(body.size() - 1, "," + error.extraMembers);
  return body;
}

}  // namespace pd
