// How DynamoDB writes each error type on the wire: the namespace in "__type", the spelling of
// the message key and the HTTP status. The one table of them: errorBody() writes with it, and
// the JS package reads it through Engine::protocolJson() for the errors it answers itself.
#pragma once

#include <string_view>
#include <vector>

namespace pd {

struct ErrorKind {
  std::string_view type;
  std::string_view ns;  // "com.amazon.coral.validate", ...
  bool capitalMessage;  // DynamoDB spells the key "Message" rather than "message"
  int status;           // 400, or 5xx for the service's own failures
};

// Every type DynamoDB does not write the ordinary way.
const std::vector<ErrorKind>& errorKinds();
// The ordinary way: com.amazonaws.dynamodb.v20120810, "message", 400.
const ErrorKind& ordinaryErrorKind();
// The kind of that type (the ordinary one for types not in the table).
const ErrorKind& errorKind(std::string_view type);

}  // namespace pd
