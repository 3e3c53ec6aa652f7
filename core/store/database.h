// Everything the engine holds: its tables and the clock that stamps them.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/change_sink.h"
#include "store/table.h"

namespace pd {

// A TransactWriteItems that carried a ClientRequestToken: its request and the response it got,
// so that a retry within DynamoDB's 10 minutes is answered without writing again.
struct ClientTokenRecord {
  std::string request;  // a digest of the request
  std::string response;
  double time = 0;  // epoch seconds when it completed
};

// Something recovery found and could not repair (a damaged file, a dropped log tail), kept with
// the database until the app acknowledges it, so that a reload does not hide it.
struct RecoveryProblem {
  double at = 0;  // epoch seconds when an open first found it
  std::string text;
};

struct Database {
  std::map<std::string, std::unique_ptr<Table>> tables;         // by name, so ListTables is sorted
  std::map<std::string, ClientTokenRecord> clientTokens;        // TransactWriteItems idempotency
  std::deque<std::pair<double, std::string>> clientTokenTimes;  // oldest first, for expiry
  std::function<double()> now;                                  // epoch seconds
  // Every stream, enabled or not, in creation order (ListStreams); a deleted table's stream
  // stays readable until its records age out.
  std::vector<std::shared_ptr<Stream>> streams;
  // Where tables and transactions tell their changes when the database is stored (null in
  // memory): the durable store's change log.
  ChangeSink* changeSink = nullptr;
  std::vector<RecoveryProblem> recoveryProblems;  // not yet acknowledged, oldest first
  std::string region = "local";
  std::string accountId = "000000000000";

  Table* find(const std::string& name) const;
};

}  // namespace pd
