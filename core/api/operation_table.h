// The one list of the operations the engine answers, with what the rest of the system needs to
// know about each: which API it belongs to (its X-Amz-Target prefix), whether it may write
// (durable storage then waits for a flush before answering) and whether it may change the
// catalog. The JS package reads the same list through Engine::protocolJson().
#pragma once

#include <string_view>
#include <vector>

#include "api/operations.h"

namespace pd {

enum class Api {
  DynamoDB,         // X-Amz-Target: DynamoDB_20120810.<name>
  DynamoDBStreams,  // X-Amz-Target: DynamoDBStreams_20120810.<name>
  PocketDynamo,     // the engine's own, never reachable over HTTP
};

struct OperationInfo {
  std::string_view name;
  Operation run;  // null for the PartiQL operations, answered by api/partiql in front of the engine
  Api api;
  bool writes;          // may change items, tables or streams
  bool changesCatalog;  // may change tables, indexes, TTL or streams
};

const std::vector<OperationInfo>& operationTable();
// The operation of that name, or null.
const OperationInfo* findOperation(std::string_view name);
std::string_view apiName(Api api);

}  // namespace pd
