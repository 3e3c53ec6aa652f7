// Helpers for the storage tests: an Env that fails the Nth operation, and a canonical dump of
// everything a database holds, read through the engine's own requests.
#pragma once

#include <map>
#include <set>
#include <string>

#include "api/engine.h"
#include "storage/env.h"
#include "storage/memory_env.h"

namespace pd::testing {

// Files in memory whose Nth operation (write, append, remove or sync; counted from 0) fails.
// A failing append writes half its bytes first, as a torn write would. crash() keeps only what
// the last successful sync made durable, or everything when `keepUnsynced` (a crash after the
// OS wrote the pages anyway).
class FaultEnv : public Env {
 public:
  long failAt = -1;
  long operations = 0;
  std::map<std::string, std::string> files, synced;

  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  void write(const std::string& name, std::string_view bytes) override;
  void append(const std::string& name, std::string_view bytes) override;
  void remove(const std::string& name) override;
  void sync() override;

  void crash(bool keepUnsynced);

 private:
  bool failsNow() { return operations++ == failAt; }
};

// Files in memory that note which partition files are read, and can fail reading one.
class ReadCountingEnv : public MemoryEnv {
 public:
  std::multiset<std::string> partitionReads;
  std::string failReading;  // a file whose next read throws

  std::optional<std::string> read(const std::string& name) override;
};

// Every table's description and items, every stream's records: equal dumps, equal databases.
std::string dumpDatabase(Engine& engine);

// Runs a request that must succeed; returns its response body.
std::string run(Engine& engine, const std::string& operation, const std::string& body);

// An engine with a fixed clock, as every storage test needs reproducible timestamps.
std::unique_ptr<Engine> engineAt(double epochSeconds);

// An engine at the workload's clock, opened on `env`; what open reported goes to `report`.
std::unique_ptr<Engine> openOn(Env& env, StorageReport* report = nullptr);
// openOn, then every partition loaded (partitions load on first touch): `report` holds what
// open and the loading found, and the items then in memory.
std::unique_ptr<Engine> openLoaded(Env& env, StorageReport* report = nullptr);
// Flushes, and requires that it worked.
void flush(Engine& engine);

}  // namespace pd::testing
