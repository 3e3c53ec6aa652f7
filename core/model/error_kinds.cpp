#include "model/error_kinds.h"

namespace pd {

const std::vector<ErrorKind>& errorKinds() {
  static const std::vector<ErrorKind> kinds = {
      // type, namespace, "Message", HTTP status
      {"ValidationException", "com.amazon.coral.validate", false, 400},
      {"SerializationException", "com.amazon.coral.service", true, 400},
      {"UnknownOperationException", "com.amazon.coral.service", false, 400},
      {"MissingAuthenticationTokenException", "com.amazon.coral.service", false, 400},
      {"UnrecognizedClientException", "com.amazon.coral.service", false, 400},
      {"IncompleteSignatureException", "com.amazon.coral.service", false, 400},
      {"InvalidSignatureException", "com.amazon.coral.service", false, 400},
      {"AccessDeniedException", "com.amazon.coral.service", false, 400},
      {"RequestTimeoutException", "com.amazon.coral.service", false, 400},
      {"TransactionCanceledException", "com.amazonaws.dynamodb.v20120810", true, 400},
      {"InternalServerError", "com.amazonaws.dynamodb.v20120810", false, 500},
      {"ServiceUnavailable", "com.amazonaws.dynamodb.v20120810", false, 503},
  };
  return kinds;
}

const ErrorKind& ordinaryErrorKind() {
  static const ErrorKind ordinary{"", "com.amazonaws.dynamodb.v20120810", false, 400};
  return ordinary;
}

const ErrorKind& errorKind(std::string_view type) {
  for (const ErrorKind& kind : errorKinds()) {
    if (kind.type == type) return kind;
  }
  return ordinaryErrorKind();
}

}  // namespace pd
