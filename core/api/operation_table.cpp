#include "api/operation_table.h"

#include "api/control/describe_keys.h"

#include <unordered_map>

namespace pd {

const std::vector<OperationInfo>& operationTable() {
  static const std::vector<OperationInfo> table = {
      // name, handler, API, writes, changes the catalog
      {"CreateTable", createTable, Api::DynamoDB, true, true},
      {"DescribeTable", describeTable, Api::DynamoDB, false, false},
      {"ListTables", listTables, Api::DynamoDB, false, false},
      {"DeleteTable", deleteTable, Api::DynamoDB, true, true},
      {"UpdateTable", updateTable, Api::DynamoDB, true, true},
      {"PutItem", putItem, Api::DynamoDB, true, false},
      {"GetItem", getItem, Api::DynamoDB, false, false},
      {"DeleteItem", deleteItem, Api::DynamoDB, true, false},
      {"UpdateItem", updateItem, Api::DynamoDB, true, false},
      {"Query", query, Api::DynamoDB, false, false},
      {"Scan", scan, Api::DynamoDB, false, false},
      {"BatchGetItem", batchGetItem, Api::DynamoDB, false, false},
      {"BatchWriteItem", batchWriteItem, Api::DynamoDB, true, false},
      {"TransactGetItems", transactGetItems, Api::DynamoDB, false, false},
      {"TransactWriteItems", transactWriteItems, Api::DynamoDB, true, false},
      // PartiQL: no handler here. They are answered in front of the engine (api/partiql, in the
      // package a wasm module of its own, loaded on first use), as requests of the ones above.
      {"ExecuteStatement", nullptr, Api::DynamoDB, true, false},
      {"BatchExecuteStatement", nullptr, Api::DynamoDB, true, false},
      {"ExecuteTransaction", nullptr, Api::DynamoDB, true, false},
      {"UpdateTimeToLive", updateTimeToLive, Api::DynamoDB, true, true},
      {"DescribeTimeToLive", describeTimeToLive, Api::DynamoDB, false, false},
      {"TagResource", tagResource, Api::DynamoDB, true, true},
      {"UntagResource", untagResource, Api::DynamoDB, true, true},
      {"ListTagsOfResource", listTagsOfResource, Api::DynamoDB, false, false},
      {"DescribeEndpoints", describeEndpoints, Api::DynamoDB, false, false},
      {"DescribeLimits", describeLimits, Api::DynamoDB, false, false},
      {"DescribeContinuousBackups", describeContinuousBackups, Api::DynamoDB, false, false},
      {"UpdateContinuousBackups", updateContinuousBackups, Api::DynamoDB, true, true},
      {"ListStreams", listStreams, Api::DynamoDBStreams, false, false},
      {"DescribeStream", describeStream, Api::DynamoDBStreams, false, false},
      {"GetShardIterator", getShardIterator, Api::DynamoDBStreams, false, false},
      {"GetRecords", getRecords, Api::DynamoDBStreams, false, false},
      {"PocketDynamo_SetRegion", setRegion, Api::PocketDynamo, false, false},
      {"PocketDynamo_SweepExpiredItems", sweepExpiredItems, Api::PocketDynamo, true, false},
      {"PocketDynamo_DescribeKeys", describeKeys, Api::PocketDynamo, false, false},
  };
  return table;
}

const OperationInfo* findOperation(std::string_view name) {
  static const std::unordered_map<std::string_view, const OperationInfo*> byName = [] {
    std::unordered_map<std::string_view, const OperationInfo*> index;
    for (const OperationInfo& info : operationTable()) index.emplace(info.name, &info);
    return index;
  }();
  const auto it = byName.find(name);
  return it == byName.end() ? nullptr : it->second;
}

std::string_view apiName(Api api) {
  switch (api) {
    case Api::DynamoDB:
      return "DynamoDB";
    case Api::DynamoDBStreams:
      return "DynamoDBStreams";
    case Api::PocketDynamo:
      return "PocketDynamo";
  }
  return "";
}

}  // namespace pd
