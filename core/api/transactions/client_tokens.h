// TransactWriteItems' ClientRequestToken: a request with a token DynamoDB has seen complete in
// the last 10 minutes is answered again without writing; the same token with other parameters
// is IdempotentParameterMismatchException.
#pragma once

#include <optional>
#include <string>

#include "store/database.h"

namespace pd {

// The response to give again for a retry of `request`, or nullopt for a token not (or no
// longer) known. Forgets tokens older than 10 minutes.
std::optional<std::string> replayClientToken(Database& db, const std::string& token,
                                             const std::string& request);

// Records a transaction that succeeded.
void rememberClientToken(Database& db, const std::string& token, std::string request,
                         std::string response);

}  // namespace pd
