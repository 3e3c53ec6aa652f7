#include "api/client_tokens.h"

#include "api/errors.h"

namespace pd {
namespace {
constexpr double kTokenLifetimeSeconds = 600;
}  // namespace

std::optional<std::string> replayClientToken(Database& db, const std::string& token,
                                             const std::string& request) {
  const double now = db.now();
  for (auto it = db.clientTokens.begin(); it != db.clientTokens.end();) {
    it = now - it->second.time >= kTokenLifetimeSeconds ? db.clientTokens.erase(it) : ++it;
  }
  const auto it = db.clientTokens.find(token);
  if (it == db.clientTokens.end()) return std::nullopt;
  if (it->second.request != request) {
    throw DynamoError{"IdempotentParameterMismatchException",
                      "Request has different parameters than the original request with the same "
                      "client token"};
  }
  return it->second.response;
}

void rememberClientToken(Database& db, const std::string& token, std::string request,
                         std::string response) {
  db.clientTokens[token] = {std::move(request), std::move(response), db.now()};
}

}  // namespace pd
