#include "storage_helpers.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "storage_workload.h"

namespace pd::testing {

using nlohmann::json;

std::optional<std::string> ReadCountingEnv::read(const std::string& name) {
  if (name == failReading) {
    failReading.clear();
    throw StorageError("cannot read " + name);
  }
  if (name.rfind("part-", 0) == 0) partitionReads.insert(name);
  return MemoryEnv::read(name);
}

std::vector<std::string> FaultEnv::list() {
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) names.push_back(name);
  return names;
}

std::optional<std::string> FaultEnv::read(const std::string& name) {
  const auto it = files.find(name);
  if (it == files.end()) return std::nullopt;
  return it->second;
}

void FaultEnv::write(const std::string& name, std::string_view bytes) {
  if (failsNow()) throw StorageError("injected write failure");
  files[name] = std::string(bytes);
}

void FaultEnv::append(const std::string& name, std::string_view bytes) {
  if (failsNow()) {
    files[name].append(bytes.substr(0, bytes.size() / 2));
    throw StorageError("injected append failure");
  }
  files[name].append(bytes);
}

void FaultEnv::remove(const std::string& name) {
  if (failsNow()) throw StorageError("injected remove failure");
  files.erase(name);
}

void FaultEnv::sync() {
  if (failsNow()) throw StorageError("injected sync failure");
  synced = files;
}

void FaultEnv::crash(bool keepUnsynced) {
  if (!keepUnsynced) files = synced;
  synced = files;
  failAt = -1;
}

std::string run(Engine& engine, const std::string& operation, const std::string& body) {
  const Response response = engine.execute(operation, body);
  INFO(operation << " " << body << " -> " << response.body);
  REQUIRE(response.ok);
  return response.body;
}

std::string dumpDatabase(Engine& engine) {
  json dump = json::object();
  const json tables = json::parse(run(engine, "ListTables", "{}"))["TableNames"];
  for (const auto& name : tables) {
    const json request = {{"TableName", name}};
    json items = json::array();
    json scan = request;
    for (;;) {
      const json page = json::parse(run(engine, "Scan", scan.dump()));
      for (const auto& item : page["Items"]) items.push_back(item);
      if (!page.contains("LastEvaluatedKey")) break;
      scan["ExclusiveStartKey"] = page["LastEvaluatedKey"];
    }
    // Described after the Scan loaded every partition: a partition not loaded counts as of the
    // last checkpoint (without its changes in the log), so counts compare only once loaded.
    json table = json::parse(run(engine, "DescribeTable", request.dump()))["Table"];
    table["Items"] = items;
    dump[name.get<std::string>()] = table;
  }
  json streams = json::array();
  const json listed = json::parse(run(engine, "ListStreams", "{}"));
  for (const auto& stream : listed["Streams"]) {
    const json shards =
        json::parse(run(engine, "DescribeStream", json{{"StreamArn", stream["StreamArn"]}}.dump()));
    json records = json::array();
    for (const auto& shard : shards["StreamDescription"]["Shards"]) {
      json iterator = json::parse(run(engine, "GetShardIterator",
                                      json{{"StreamArn", stream["StreamArn"]},
                                           {"ShardId", shard["ShardId"]},
                                           {"ShardIteratorType", "TRIM_HORIZON"}}
                                          .dump()))["ShardIterator"];
      for (int page = 0; page < 100 && iterator.is_string(); ++page) {
        const json got =
            json::parse(run(engine, "GetRecords", json{{"ShardIterator", iterator}}.dump()));
        for (const auto& record : got["Records"]) records.push_back(record);
        if (got["Records"].empty()) break;
        iterator = got.value("NextShardIterator", json());
      }
    }
    streams.push_back({{"description", shards}, {"records", records}});
  }
  dump["__streams"] = streams;
  return dump.dump(1);
}

std::unique_ptr<Engine> engineAt(double epochSeconds) {
  auto engine = std::make_unique<Engine>();
  engine->setClock([epochSeconds] { return epochSeconds; });
  return engine;
}

std::unique_ptr<Engine> openOn(Env& env, StorageReport* report) {
  auto engine = engineAt(kWorkloadClock);
  const StorageReport opened = engine->openStorage(env);
  if (report) *report = opened;
  return engine;
}

std::unique_ptr<Engine> openLoaded(Env& env, StorageReport* report) {
  StorageReport opened;
  auto engine = openOn(env, &opened);
  opened.items = engine->durableStore()->loadAll();
  const auto& found = engine->durableStore()->problemsSinceOpen();
  opened.problems.insert(opened.problems.end(), found.begin(), found.end());
  if (report) *report = opened;
  return engine;
}

void flush(Engine& engine) {
  const Response response = engine.flush();
  INFO(response.body);
  REQUIRE(response.ok);
}

}  // namespace pd::testing
