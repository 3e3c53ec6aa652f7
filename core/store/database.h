// Everything the engine holds: its tables and the clock that stamps them.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/change_log.h"
#include "store/table.h"

namespace pd {

// A TransactWriteItems that carried a ClientRequestToken: its request and the response it got,
// so that a retry within DynamoDB's 10 minutes is answered without writing again.
struct ClientTokenRecord {
  std::string request;  // a digest of the request
  std::string response;
  double time = 0;  // epoch seconds when it completed
};

struct Database {
  std::map<std::string, std::unique_ptr<Table>> tables;         // by name, so ListTables is sorted
  std::map<std::string, ClientTokenRecord> clientTokens;        // TransactWriteItems idempotency
  std::deque<std::pair<double, std::string>> clientTokenTimes;  // oldest first, for expiry
  std::function<double()> now;                                  // epoch seconds
  // Every stream, enabled or not, in creation order (ListStreams); a deleted table's stream
  // stays readable until its records age out.
  std::vector<std::shared_ptr<Stream>> streams;
  // Item and catalog changes not yet flushed to storage (recording only when persisted).
  ChangeLog changes;
  std::string region = "local";
  std::string accountId = "000000000000";

  Table* find(const std::string& name) const;
};

}  // namespace pd
