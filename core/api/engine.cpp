#include "api/engine.h"

#include <chrono>
#include <exception>
#include <optional>

#include "api/items/fast_get.h"
#include "api/items/fast_put.h"
#include "api/operation_table.h"
#include "api/wire/document_form.h"
#include "api/wire/request_fields.h"
#include "model/error_kinds.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {
namespace {

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
    // Most writes are plain PutItems and most reads plain GetItems: those skip building a JSON
    // tree (api/items/fast_put.h, fast_get.h).
    if (fastPaths_ && operation == "PutItem") {
      if (auto response = tryFastPutItem(db_, requestJson)) {
        return {true, std::move(*response), true};
      }
    }
    if (fastPaths_ && operation == "GetItem") {
      if (auto response = tryFastGetItem(db_, requestJson)) {
        return {true, std::move(*response), false};
      }
    }
    std::optional<Json> request;
    if (!requestJson.empty()) request = parseRequestBody(requestJson);
    const OperationInfo* info = findOperation(operation);
    if (!info || !info->run) return {false, errorBody({"UnknownOperationException", ""})};
    if (!request) throw serializationError("");  // bare, as DynamoDB sends it
    Response response{true, info->run(db_, *request), info->writes};
    if (store_ && info->changesCatalog) store_->catalogChanged(db_);
    return response;
  } catch (const DynamoError& error) {
    return {false, errorBody(error)};
  } catch (const std::bad_alloc&) {
    return {false, errorBody({"InternalServerError", "Out of memory"})};
  } catch (const std::exception& error) {
    return {false, errorBody({"InternalServerError", error.what()})};
  }
}

DocumentResponse Engine::executeDocument(std::string_view operation, std::string_view requestJson) {
  if (operation == "GetItem" || operation == "Query" || operation == "Scan") {
    Response response;
    bool marked = false;
    bool needsWire = false;
    {
      DocumentForm form;
      response = execute(operation, requestJson);
      marked = form.marked();
      needsWire = form.needsWire();
    }
    // Reads change nothing, so one that needs the wire form is simply answered again.
    if (!needsWire) return {response.ok, std::move(response.body), marked ? 1 : 0};
  }
  Response response = execute(operation, requestJson);
  return {response.ok, std::move(response.body), 2};
}

}  // namespace pd

namespace pd {

namespace {
void writeErrorKind(JsonWriter& out, const ErrorKind& kind) {
  out.beginObject().key("namespace").string(kind.ns);
  out.key("messageKey").string(kind.capitalMessage ? "Message" : "message");
  out.key("status").integer(kind.status).endObject();
}
}  // namespace

std::string Engine::protocolJson() {
  JsonWriter out;
  out.beginObject().key("operations").beginArray();
  for (const OperationInfo& info : operationTable()) {
    out.beginObject().key("name").string(info.name).key("api").string(apiName(info.api));
    out.key("writes").boolean(info.writes).key("changesCatalog").boolean(info.changesCatalog);
    if (!info.run) out.key("partiql").boolean(true);
    out.endObject();
  }
  out.endArray().key("errors").beginObject();
  for (const ErrorKind& kind : errorKinds()) writeErrorKind(out.key(kind.type), kind);
  writeErrorKind(out.endObject().key("ordinaryError"), ordinaryErrorKind());
  return out.endObject().take();
}

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
