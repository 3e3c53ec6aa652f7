// The engine's single entry point: one DynamoDB wire-protocol request in, one response out.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api/response.h"
#include "storage/durable_store.h"
#include "store/database.h"

namespace pd {

// A read's answer for the JS DocumentClient (Engine::executeDocument).
struct DocumentResponse {
  bool ok = true;
  std::string body;  // the response body, or the error body when !ok
  // 0: document form (api/wire/document_form.h) with nothing marked; 1: document form with
  // marked values to decode; 2: wire form (an operation without a document form, or a value the
  // document form cannot say).
  int form = 0;
};

class Engine {
 public:
  Engine();

  // `operation` is the part after "DynamoDB_20120810." in X-Amz-Target. Never throws. The
  // PartiQL operations are answered in front of the engine (api/partiql/statements.h), which
  // runs their statements as requests of this one; here they are UnknownOperationException.
  Response execute(std::string_view operation, std::string_view requestJson);

  // The operation table and the error kinds (api/operation_table.h, model/error_kinds.h) as
  // JSON, for the JS package, which keeps no lists of its own.
  static std::string protocolJson();

  // GetItem, Query and Scan answered with their items in document form (plain JSON values, see
  // api/wire/document_form.h), else as execute() answers. Never throws.
  DocumentResponse executeDocument(std::string_view operation, std::string_view requestJson);

  // Persistence: loads the database from `env` (which must outlive the engine) and from then on
  // records every change, so that flush() can make it durable. Call before any request. Throws
  // StorageError when the storage cannot be opened (the files are then left as they are).
  StorageReport openStorage(Env& env);
  // What reading partition files on first touch found since openStorage (by file), and every
  // problem kept with the database until acknowledged.
  std::vector<std::string> problemsSinceOpen() const {
    return store_ ? store_->problemsSinceOpen() : std::vector<std::string>{};
  }
  const std::vector<RecoveryProblem>& recoveryProblems() const { return db_.recoveryProblems; }
  // Forgets the recovery problems kept with the database (written with the next flush).
  void acknowledgeRecoveryProblems();
  // Writes every change since the last flush through the Env. An error response (whose type is
  // PocketDynamo_StorageError) means the database must be reopened from storage.
  Response flush();
  // The number of the last commit flush() wrote (see DurableStore::lastCommit); 0 in memory.
  std::uint64_t lastCommit() const { return store_ ? store_->lastCommit() : 0; }
  // For hosts that read stored files asynchronously (engine_files.cpp): the partition files a
  // request would read that are not loaded yet (fetch them, then execute it), those flush() may
  // read, those of the first partition not loaded (to load in the background; none once every
  // partition is loaded), and loading one by name (false when no partition still on disk is
  // stored there). Without storage: none.
  std::vector<std::string> filesNeeded(std::string_view operation, std::string_view requestJson);
  std::vector<std::string> filesNeededToFlush();
  std::vector<std::string> nextUnloadedFiles();
  bool loadFile(const std::string& name);
  // A bound on the item bytes kept in memory (DurableStore::setMemoryBudget; 0: none), and
  // unloading down to it: a host that stores asynchronously calls trimMemory() only when every
  // write it took is stored. Returns how many partitions it unloaded.
  void setMemoryBudget(std::uint64_t bytes);
  std::size_t trimMemory(std::uint64_t keepFrom = UINT64_MAX);
  // The touch count (DurableStore::trimToBudget's keepFrom) before filesNeeded() counts the
  // partitions it names, which a trim then keeps while that request waits for them.
  std::uint64_t touchCount() const { return store_ ? store_->touches : 0; }
  // The store behind openStorage (null before), for tests that tune it.
  DurableStore* durableStore() { return store_.get(); }

  // Turns the fast paths for plain PutItems and GetItems off (tests compare both paths) or on (the
  // default).
  void setFastPaths(bool on) { fastPaths_ = on; }

  // Replaces the wall clock (epoch seconds), for deterministic tests.
  void setClock(std::function<double()> now) {
    for (const auto& stream : db_.streams) stream->setClock(now);  // they stamp records too
    db_.now = std::move(now);
  }

 private:
  Database db_;
  std::unique_ptr<DurableStore> store_;  // null while in memory only
  bool fastPaths_ = true;
};

}  // namespace pd
