#include "api/transactions/client_tokens.h"

#include <cstdio>

#include "model/errors.h"
#include "storage/crc32c.h"

namespace pd {
namespace {
constexpr double kTokenLifetimeSeconds = 600;

// Requests are remembered by digest: a transaction can be megabytes, and with the SDK filling in
// a token for every call, whole requests kept for ten minutes would be most of the memory.
std::string digestOf(const std::string& request) {
  std::uint64_t fnv = 1469598103934665603ull;
  for (const char c : request) fnv = (fnv ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char text[64];
  std::snprintf(text, sizeof text, "%08x%016llx%zx", static_cast<unsigned>(crc32c(request)),
                static_cast<unsigned long long>(fnv), request.size());
  return text;
}

}  // namespace

std::optional<std::string> replayClientToken(Database& db, const std::string& token,
                                             const std::string& request) {
  const double now = db.now();
  // Tokens expire oldest first; a token used again is in the queue twice, and only the entry
  // matching its current time removes it.
  auto& times = db.clientTokenTimes;
  while (!times.empty() && now - times.front().first >= kTokenLifetimeSeconds) {
    const auto found = db.clientTokens.find(times.front().second);
    if (found != db.clientTokens.end() && found->second.time == times.front().first) {
      db.clientTokens.erase(found);
    }
    times.pop_front();
  }
  const auto it = db.clientTokens.find(token);
  if (it == db.clientTokens.end()) return std::nullopt;
  if (it->second.request != digestOf(request)) {
    throw DynamoError{"IdempotentParameterMismatchException",
                      "Request has different parameters than the original request with the same "
                      "client token"};
  }
  return it->second.response;
}

void rememberClientToken(Database& db, const std::string& token, std::string request,
                         std::string response) {
  ClientTokenRecord& record = db.clientTokens[token];
  record = {digestOf(request), std::move(response), db.now()};
  db.clientTokenTimes.emplace_back(record.time, token);
  if (db.changeSink) db.changeSink->clientTokenStored(token, record);
}

}  // namespace pd
