#include "api/engine.h"

#include <chrono>
#include <exception>
#include <optional>
#include <unordered_map>

#include "api/fast_put.h"
#include "api/operations.h"
#include "api/request.h"
#include "model/errors.h"

namespace pd {
namespace {

const std::unordered_map<std::string_view, Operation>& operations() {
  static const std::unordered_map<std::string_view, Operation> table = {
      {"CreateTable", createTable},
      {"DescribeTable", describeTable},
      {"ListTables", listTables},
      {"DeleteTable", deleteTable},
      {"UpdateTable", updateTable},
      {"PutItem", putItem},
      {"GetItem", getItem},
      {"DeleteItem", deleteItem},
      {"UpdateItem", updateItem},
      {"Query", query},
      {"Scan", scan},
      {"BatchGetItem", batchGetItem},
      {"BatchWriteItem", batchWriteItem},
      {"TransactGetItems", transactGetItems},
      {"TransactWriteItems", transactWriteItems},
      {"UpdateTimeToLive", updateTimeToLive},
      {"DescribeTimeToLive", describeTimeToLive},
      // DynamoDB Streams: the HTTP layer routes DynamoDBStreams_20120810.* targets here.
      {"ListStreams", listStreams},
      {"DescribeStream", describeStream},
      {"GetShardIterator", getShardIterator},
      {"GetRecords", getRecords},
      // Not DynamoDB operations: PocketDynamo's own, namespaced so they never clash.
      {"PocketDynamo_SweepExpiredItems", sweepExpiredItems},
  };
  return table;
}

// Requests after which the catalog (tables, indexes, TTL, streams) may have changed.
bool changesCatalog(std::string_view operation) {
  return operation == "CreateTable" || operation == "UpdateTable" || operation == "DeleteTable" ||
         operation == "UpdateTimeToLive";
}

double wallClock() {
  using namespace std::chrono;
  return static_cast<double>(
             duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()) /
         1000.0;
}

}  // namespace

Engine::Engine() {
  db_.now = wallClock;
}

Response Engine::execute(std::string_view operation, std::string_view requestJson) {
  try {
    // DynamoDB parses a non-empty body before it looks at the operation, so malformed JSON is a
    // SerializationException even for an unknown operation; an empty body is refused after.
    // Most writes are plain PutItems: those skip building a JSON tree (api/fast_put.h).
    if (fastPaths_ && operation == "PutItem") {
      if (auto response = tryFastPutItem(db_, requestJson)) return {true, std::move(*response)};
    }
    std::optional<Json> request;
    if (!requestJson.empty()) request = parseRequestBody(requestJson);
    const auto it = operations().find(operation);
    if (it == operations().end()) {
      return {false, errorBody({"UnknownOperationException", ""})};
    }
    if (!request) throw serializationError("");  // bare, as DynamoDB sends it
    Response response{true, it->second(db_, *request)};
    if (store_ && changesCatalog(operation)) store_->catalogChanged(db_);
    return response;
  } catch (const DynamoError& error) {
    return {false, errorBody(error)};
  } catch (const std::bad_alloc&) {
    return {false, errorBody({"InternalServerError", "Out of memory"})};
  } catch (const std::exception& error) {
    return {false, errorBody({"InternalServerError", error.what()})};
  }
}

}  // namespace pd

namespace pd {

StorageReport Engine::openStorage(Env& env) {
  auto store = std::make_unique<DurableStore>(env);
  StorageReport report;
  try {
    report = store->open(db_);
  } catch (...) {
    db_.changeSink = nullptr;  // the store that was to listen is gone
    throw;
  }
  store_ = std::move(store);
  return report;
}

void Engine::acknowledgeRecoveryProblems() {
  db_.recoveryProblems.clear();
  if (store_) store_->catalogChanged(db_);
}

Response Engine::flush() {
  if (!store_) return {};
  try {
    store_->flush(db_);
    return {};
  } catch (const std::exception& error) {
    return {false, errorBody({"PocketDynamo_StorageError", error.what()})};
  }
}

}  // namespace pd
