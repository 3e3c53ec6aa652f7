// The Embind binding: exposes the engine to JavaScript, nothing more. A request crosses as one
// call: the body text in; out, the response body with whether it is an error (ok) and whether a
// write succeeded (wrote, so that the package waits for a flush only then). Persistence: the JS
// package hands in the stored files, opens, and after writes takes the file operations to apply
// to IndexedDB (or Node's fs) itself.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <string_view>

#include "api/engine.h"
#include "storage/queued_env.h"

namespace {

using emscripten::val;

// A copy of the bytes as a Uint8Array that stays valid when wasm memory grows.
val bytesToJs(const std::string& bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  return val(emscripten::typed_memory_view(bytes.size(), data)).call<val>("slice");
}

[[noreturn]] void throwStorageError(const std::string& message) {
  val error = val::global("Error").new_(val(message));
  error.set("name", val("PocketDynamoStorageError"));
  error.throw_();
}

class WasmEngine {
 public:
  pd::Response execute(const std::string& operation, const std::string& requestJson) {
    return engine_.execute(operation, requestJson);
  }

  // GetItem, Query and Scan with their items in document form (web/src/document/document-reads.js).
  // The body comes as a view of its UTF-8 bytes in wasm memory, valid until the next call, which
  // JS decodes at once with a TextDecoder (Embind's std::string walks every byte in JS twice).
  struct DocumentAnswer {
    bool ok = true;
    int form = 0;
    val body = val::undefined();
  };
  DocumentAnswer executeDocument(const std::string& operation, const std::string& requestJson) {
    pd::DocumentResponse response = engine_.executeDocument(operation, requestJson);
    documentBody_ = std::move(response.body);
    const auto* bytes = reinterpret_cast<const unsigned char*>(documentBody_.data());
    return {response.ok, response.form,
            val(emscripten::typed_memory_view(documentBody_.size(), bytes))};
  }

  // The reads made in one turn, in one call (web/src/document/read-batch.js): `requests` holds
  // one request a line, "<operation> <body>" (JSON.stringify writes no raw newline). The answer,
  // a view like executeDocument's: the body of a lone request as it is (not copied), else a JSON
  // array of the bodies in the requests' order; then one digit per request, its answer's kind
  // (form * 2 + ok).
  val executeDocuments(const std::string& requests) {
    std::string kinds;
    documentBody_.clear();
    for (std::size_t start = 0; start < requests.size();) {
      std::size_t end = requests.find('\n', start);
      if (end == std::string::npos) end = requests.size();
      const std::string_view line(requests.data() + start, end - start);
      const std::size_t space = std::min(line.find(' '), line.size());
      pd::DocumentResponse response = engine_.executeDocument(
          line.substr(0, space), line.substr(std::min(space + 1, line.size())));
      if (response.body.empty()) response.body = "null";  // (never: every answer has a body)
      kinds += static_cast<char>('0' + response.form * 2 + (response.ok ? 1 : 0));
      if (start == 0 && end == requests.size()) {
        documentBody_ = std::move(response.body);
      } else {
        documentBody_ += start == 0 ? '[' : ',';
        documentBody_ += response.body;
      }
      start = end + 1;
    }
    if (kinds.size() > 1) documentBody_ += ']';
    documentBody_ += kinds;
    const auto* bytes = reinterpret_cast<const unsigned char*>(documentBody_.data());
    return val(emscripten::typed_memory_view(documentBody_.size(), bytes));
  }

  // The engine's operation table and error kinds as JSON text (web/src/protocol.js reads it).
  static std::string protocol() { return pd::Engine::protocolJson(); }

  // Stages one stored file (a Uint8Array) before openStorage.
  void loadFile(const std::string& name, const val& bytes) {
    std::string copy(bytes["length"].as<std::size_t>(), '\0');
    val(emscripten::typed_memory_view(copy.size(), copy.data())).call<void>("set", bytes);
    env_.stage(name, std::move(copy));
  }

  // Names a stored file whose bytes the engine asks for when it first needs them, through the
  // function given to setFileReader (partition files: read on first touch).
  void knowFile(const std::string& name) { env_.announce(name); }

  // `reader(name)` returns the bytes of a file named by knowFile (a Uint8Array), or undefined
  // when it is gone. Called synchronously, during a request.
  void setFileReader(const val& reader) {
    reader_ = reader;
    env_.setFetch([this](const std::string& name) -> std::optional<std::string> {
      const val bytes = reader_(val(name));
      if (bytes.isUndefined() || bytes.isNull()) return std::nullopt;
      // Not fetched before the request that reads it: the partition stays unloaded (the request
      // fails, and the next touch tries again), rather than be taken for a missing file.
      if (bytes.isFalse()) throw pd::StorageError(name + " was not fetched from storage in time");
      std::string copy(bytes["length"].as<std::size_t>(), '\0');
      val(emscripten::typed_memory_view(copy.size(), copy.data())).call<void>("set", bytes);
      return copy;
    });
  }

  // Asynchronous storage (stored-engine.js): the partition files a request would read that are
  // not loaded yet, those a flush may read, and every one not loaded, as arrays of names; and
  // loading one (through the reader) by name, false when no unloaded partition is stored there.
  val filesNeeded(const std::string& operation, const std::string& requestJson) {
    return names(engine_.filesNeeded(operation, requestJson));
  }
  val filesNeededToFlush() { return names(engine_.filesNeededToFlush()); }
  val nextUnloadedFiles() { return names(engine_.nextUnloadedFiles()); }
  bool loadStoredFile(const std::string& name) {
    try {
      return engine_.loadFile(name);
    } catch (const std::exception& error) {
      throwStorageError(error.what());
    }
  }

  // Sets the memory budget (item bytes; 0: none) and unloads partitions down to it, keeping
  // those touched at or after `keepFrom` (a touchCount()): how many it unloaded.
  int trimMemory(double budgetBytes, double keepFrom) {
    const bool bounded = budgetBytes >= 1 && budgetBytes < 1e18;  // not NaN, not Infinity
    engine_.setMemoryBudget(bounded ? static_cast<std::uint64_t>(budgetBytes) : 0);
    const bool kept = keepFrom >= 0 && keepFrom < 1e18;
    return static_cast<int>(
        engine_.trimMemory(kept ? static_cast<std::uint64_t>(keepFrom) : UINT64_MAX));
  }
  double touchCount() const { return static_cast<double>(engine_.touchCount()); }

  // What loading partitions on first touch found since openStorage, and every problem kept
  // with the database: {"problems": [text], "unacknowledged": [{at, problem}]} as JSON text.
  // Storage facts that need no file read: {"fileSizes": {name: bytes} of the partition files the
  // catalog knows, "logEntriesApplied": log entries applied to tables since open,
  // "itemBytesInMemory": the item bytes the tables hold}, as JSON text.
  std::string storageFacts() {
    nlohmann::json out = {{"fileSizes", nlohmann::json::object()},
                          {"logEntriesApplied", 0},
                          {"itemBytesInMemory", 0}};
    if (const pd::DurableStore* store = engine_.durableStore()) {
      out["fileSizes"] = store->partitionFileSizes();
      out["logEntriesApplied"] = store->logEntriesApplied();
      out["itemBytesInMemory"] = store->loadedBytes();
    }
    return out.dump();
  }

  std::string recoveryState() const {
    nlohmann::json out = {{"problems", engine_.problemsSinceOpen()},
                          {"unacknowledged", problemsJson(engine_.recoveryProblems())}};
    return out.dump();
  }

  // Loads the staged files; returns {"tables","items","problems","unacknowledged","commit"} as
  // JSON text. Throws an Error named PocketDynamoStorageError when the storage cannot be opened.
  std::string openStorage() {
    pd::StorageReport report;
    try {
      report = engine_.openStorage(env_);
    } catch (const pd::StorageError& error) {
      env_.releaseStaged();
      throwStorageError(error.what());
    }
    env_.releaseStaged();
    nlohmann::json out = {{"tables", report.tables},
                          {"items", report.items},
                          {"problems", report.problems},
                          {"unacknowledged", problemsJson(report.unacknowledged)},
                          {"commit", report.commit}};
    return out.dump();
  }

  void acknowledgeRecoveryProblems() { engine_.acknowledgeRecoveryProblems(); }

  // The number of the last commit flush() wrote, to compare with a later openStorage's "commit"
  // (a double: commit numbers stay far below 2^53).
  double lastCommit() const { return static_cast<double>(engine_.lastCommit()); }

  // The file operations that make every change so far durable: [{op, name, bytes?}], to be
  // applied in order in one transaction. Throws an Error when the engine cannot write.
  val flush() {
    const pd::Response response = engine_.flush();
    if (!response.ok) {
      // Parsed from pointers, like every other JSON text: one parser instantiation in the module.
      const std::string& text = response.body;
      const auto body =
          nlohmann::json::parse(text.data(), text.data() + text.size(), nullptr, false);
      throwStorageError(body.is_object() ? body.value("message", "") : response.body);
    }
    return takeOps();
  }

  // Only the operations already queued (after openStorage: removals of replaced files), without
  // flushing: opening writes nothing else, so that a full disk still opens.
  val takeOps() {
    static const char* const kinds[] = {"write", "append", "remove"};
    val ops = val::array();
    for (const pd::FileOp& op : env_.takeOps()) {
      val entry = val::object();
      entry.set("op", val(kinds[static_cast<int>(op.kind)]));
      entry.set("name", val(op.name));
      if (op.kind != pd::FileOp::Kind::Remove) entry.set("bytes", bytesToJs(op.bytes));
      ops.call<void>("push", entry);
    }
    return ops;
  }

 private:
  static val names(const std::vector<std::string>& list) {
    val out = val::array();
    for (const std::string& name : list) out.call<void>("push", val(name));
    return out;
  }

  static nlohmann::json problemsJson(const std::vector<pd::RecoveryProblem>& problems) {
    nlohmann::json out = nlohmann::json::array();
    for (const pd::RecoveryProblem& problem : problems) {
      out.push_back({{"at", problem.at}, {"problem", problem.text}});
    }
    return out;
  }

  val reader_ = val::undefined();
  std::string documentBody_;  // the last executeDocument body, which JS reads through a view
  pd::QueuedEnv env_;         // declared first: the engine's store refers to it
  pd::Engine engine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(pocketdynamo) {
  emscripten::value_object<pd::Response>("Response")
      .field("ok", &pd::Response::ok)
      .field("body", &pd::Response::body)
      .field("wrote", &pd::Response::wrote);
  emscripten::value_object<WasmEngine::DocumentAnswer>("DocumentAnswer")
      .field("ok", &WasmEngine::DocumentAnswer::ok)
      .field("form", &WasmEngine::DocumentAnswer::form)
      .field("body", &WasmEngine::DocumentAnswer::body);
  emscripten::class_<WasmEngine>("Engine")
      .constructor<>()
      .function("execute", &WasmEngine::execute)
      .function("executeDocument", &WasmEngine::executeDocument)
      .function("executeDocuments", &WasmEngine::executeDocuments)
      .class_function("protocol", &WasmEngine::protocol)
      .function("loadFile", &WasmEngine::loadFile)
      .function("knowFile", &WasmEngine::knowFile)
      .function("setFileReader", &WasmEngine::setFileReader)
      .function("recoveryState", &WasmEngine::recoveryState)
      .function("storageFacts", &WasmEngine::storageFacts)
      .function("filesNeeded", &WasmEngine::filesNeeded)
      .function("filesNeededToFlush", &WasmEngine::filesNeededToFlush)
      .function("nextUnloadedFiles", &WasmEngine::nextUnloadedFiles)
      .function("loadStoredFile", &WasmEngine::loadStoredFile)
      .function("trimMemory", &WasmEngine::trimMemory)
      .function("touchCount", &WasmEngine::touchCount)
      .function("openStorage", &WasmEngine::openStorage)
      .function("flush", &WasmEngine::flush)
      .function("takeOps", &WasmEngine::takeOps)
      .function("lastCommit", &WasmEngine::lastCommit)
      .function("acknowledgeRecoveryProblems", &WasmEngine::acknowledgeRecoveryProblems);
}
