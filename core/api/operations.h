// One function per DynamoDB operation: a parsed request body in, a response body out.
// They throw DynamoError for anything DynamoDB would reject.
#pragma once

#include <string>

#include "api/wire/wire_values.h"
#include "store/database.h"

namespace pd {

using Operation = std::string (*)(Database&, const Json&);

std::string createTable(Database& db, const Json& request);
std::string describeTable(Database& db, const Json& request);
std::string listTables(Database& db, const Json& request);
std::string deleteTable(Database& db, const Json& request);
std::string updateTable(Database& db, const Json& request);

std::string putItem(Database& db, const Json& request);
std::string getItem(Database& db, const Json& request);
std::string deleteItem(Database& db, const Json& request);
std::string updateItem(Database& db, const Json& request);
std::string query(Database& db, const Json& request);
std::string scan(Database& db, const Json& request);
std::string batchGetItem(Database& db, const Json& request);
std::string batchWriteItem(Database& db, const Json& request);
std::string transactGetItems(Database& db, const Json& request);
std::string transactWriteItems(Database& db, const Json& request);

std::string updateTimeToLive(Database& db, const Json& request);
std::string describeTimeToLive(Database& db, const Json& request);
std::string tagResource(Database& db, const Json& request);
std::string untagResource(Database& db, const Json& request);
std::string listTagsOfResource(Database& db, const Json& request);
std::string describeEndpoints(Database& db, const Json& request);
std::string describeLimits(Database& db, const Json& request);
std::string describeContinuousBackups(Database& db, const Json& request);
std::string updateContinuousBackups(Database& db, const Json& request);
// The DynamoDB Streams API (DynamoDBStreams_20120810.* on the wire).
std::string listStreams(Database& db, const Json& request);
std::string describeStream(Database& db, const Json& request);
std::string getShardIterator(Database& db, const Json& request);
std::string getRecords(Database& db, const Json& request);

// Ours, not DynamoDB's: the region later requests are answered for (account_ops.cpp).
std::string setRegion(Database& db, const Json& request);
// Ours, not DynamoDB's: deletes expired items (see ttl_sweep.cpp).
std::string sweepExpiredItems(Database& db, const Json& request);

}  // namespace pd
