#include "storage/catalog.h"

#include <algorithm>

#include "storage/env.h"

namespace pd {
namespace {

using nlohmann::json;

// --- writing ---------------------------------------------------------------------------------

json keyJson(const KeyElement& key) {
  return {{"name", key.name}, {"type", typeName(key.type)}};
}

json optionalKey(const std::optional<KeyElement>& key) {
  return key ? keyJson(*key) : json(nullptr);
}

json throughputJson(const ProvisionedThroughput& t) {
  return {{"read", t.readCapacityUnits},
          {"write", t.writeCapacityUnits},
          {"lastIncrease", t.lastIncreaseDateTime},
          {"lastDecrease", t.lastDecreaseDateTime},
          {"decreasesToday", t.numberOfDecreasesToday}};
}

// A multi-attribute key keeps its first attributes where single ones always were, and the
// others in "moreHashKeys" / "moreRangeKeys", written only when there are any.
void addMoreKeys(json& out, const char* field, const std::vector<KeyElement>& keys) {
  if (keys.size() < 2) return;
  json more = json::array();
  for (std::size_t i = 1; i < keys.size(); ++i) more.push_back(keyJson(keys[i]));
  out[field] = std::move(more);
}

json indexJson(const IndexSchema& index) {
  const KeyAttributes& key = index.key;
  json out = {{"name", index.name},
              {"arn", index.arn},
              {"global", index.global},
              {"hashKey", keyJson(key.hash.at(0))},
              {"rangeKey", key.range.empty() ? json(nullptr) : keyJson(key.range[0])},
              {"projection", projectionTypeName(index.projection)},
              {"nonKeyAttributes", index.nonKeyAttributes},
              {"throughput", throughputJson(index.throughput)}};
  addMoreKeys(out, "moreHashKeys", key.hash);
  addMoreKeys(out, "moreRangeKeys", key.range);
  return out;
}

json tableJson(const Table& table) {
  const TableSchema& s = table.schema();
  json attributes = json::array();
  for (const auto& a : s.attributeDefinitions) {
    attributes.push_back({{"name", a.name}, {"type", typeName(a.type)}});
  }
  json indexes = json::array();
  for (const auto& index : table.indexes()) indexes.push_back(indexJson(index->schema()));
  return {{"name", s.name},
          {"arn", s.arn},
          {"tableId", s.tableId},
          {"created", s.creationDateTime},
          {"hashKey", keyJson(s.hashKey)},
          {"rangeKey", optionalKey(s.rangeKey)},
          {"attributes", attributes},
          {"payPerRequest", s.billingMode == BillingMode::PayPerRequest},
          {"lastUpdateToPayPerRequest", s.lastUpdateToPayPerRequestDateTime},
          {"throughput", throughputJson(s.throughput)},
          {"deletionProtection", s.deletionProtectionEnabled},
          {"ttlAttribute", s.ttlAttribute ? json(*s.ttlAttribute) : json(nullptr)},
          {"latestStreamArn", s.latestStreamArn},
          {"latestStreamLabel", s.latestStreamLabel},
          {"stream", table.stream() ? json(table.stream()->info().arn) : json(nullptr)},
          {"indexes", indexes}};
}

// Added after format 2 shipped: written only when set, so a catalog without them reads as before.
void addOptionalTableFields(json& out, const TableSchema& s) {
  if (!s.tags.empty()) {
    json tags = json::array();
    for (const auto& [key, value] : s.tags) tags.push_back({key, value});
    out["tags"] = std::move(tags);
  }
  if (s.pointInTimeRecoverySince > 0) {
    out["pitr"] = {{"since", s.pointInTimeRecoverySince}, {"days", s.recoveryPeriodInDays}};
  }
}

json streamJson(const Stream& stream) {
  const StreamInfo& info = stream.info();
  return {{"arn", info.arn},
          {"label", info.label},
          {"tableName", info.tableName},
          {"shardId", info.shardId},
          {"hashKey", keyJson(info.hashKey)},
          {"rangeKey", optionalKey(info.rangeKey)},
          {"viewType", streamViewTypeName(info.viewType)},
          {"created", info.created},
          {"disabledAt", stream.disabledAt() ? json(*stream.disabledAt()) : json(nullptr)},
          {"next", stream.nextSequence()},
          {"trimmedBelow", stream.trimHorizon()}};
}

// --- reading ---------------------------------------------------------------------------------

AttrType typeNamed(const std::string& name) {
  for (AttrType type : {AttrType::S, AttrType::N, AttrType::B}) {
    if (name == typeName(type)) return type;
  }
  throw StorageError("catalog: bad key type " + name);
}

KeyElement readKey(const json& j) {
  return {j.at("name").get<std::string>(), typeNamed(j.at("type").get<std::string>())};
}

std::optional<KeyElement> readOptionalKey(const json& j) {
  if (j.is_null()) return std::nullopt;
  return readKey(j);
}

ProvisionedThroughput readThroughput(const json& j) {
  ProvisionedThroughput t;
  t.readCapacityUnits = j.at("read").get<std::int64_t>();
  t.writeCapacityUnits = j.at("write").get<std::int64_t>();
  t.lastIncreaseDateTime = j.at("lastIncrease").get<double>();
  t.lastDecreaseDateTime = j.at("lastDecrease").get<double>();
  t.numberOfDecreasesToday = j.at("decreasesToday").get<std::int64_t>();
  return t;
}

ProjectionType projectionNamed(const std::string& name) {
  for (ProjectionType type :
       {ProjectionType::All, ProjectionType::KeysOnly, ProjectionType::Include}) {
    if (name == projectionTypeName(type)) return type;
  }
  throw StorageError("catalog: bad projection " + name);
}

StreamViewType viewTypeNamed(const std::string& name) {
  for (StreamViewType type : {StreamViewType::KeysOnly, StreamViewType::NewImage,
                              StreamViewType::OldImage, StreamViewType::NewAndOldImages}) {
    if (name == streamViewTypeName(type)) return type;
  }
  throw StorageError("catalog: bad stream view type " + name);
}

void readMoreKeys(const json& j, const char* field, std::vector<KeyElement>& keys) {
  const auto more = j.find(field);
  if (more == j.end()) return;
  if (keys.empty()) throw StorageError("catalog: " + std::string(field) + " without a first key");
  for (const json& key : *more) keys.push_back(readKey(key));
}

IndexSchema readIndex(const json& j) {
  IndexSchema index;
  index.name = j.at("name").get<std::string>();
  index.arn = j.at("arn").get<std::string>();
  index.global = j.at("global").get<bool>();
  index.key.hash.push_back(readKey(j.at("hashKey")));
  if (const auto range = readOptionalKey(j.at("rangeKey"))) index.key.range.push_back(*range);
  readMoreKeys(j, "moreHashKeys", index.key.hash);
  readMoreKeys(j, "moreRangeKeys", index.key.range);
  index.projection = projectionNamed(j.at("projection").get<std::string>());
  index.nonKeyAttributes = j.at("nonKeyAttributes").get<std::vector<std::string>>();
  index.throughput = readThroughput(j.at("throughput"));
  return index;
}

struct TableEntry {
  TableSchema schema;
  std::vector<IndexSchema> indexes;
  std::optional<std::string> streamArn;
};

TableEntry readTable(const json& j) {
  TableEntry entry;
  TableSchema& s = entry.schema;
  s.name = j.at("name").get<std::string>();
  s.arn = j.at("arn").get<std::string>();
  s.tableId = j.at("tableId").get<std::string>();
  if (!isSafeTableId(s.tableId)) throw StorageError("catalog: bad table id");
  s.creationDateTime = j.at("created").get<double>();
  s.hashKey = readKey(j.at("hashKey"));
  s.rangeKey = readOptionalKey(j.at("rangeKey"));
  for (const json& a : j.at("attributes")) {
    const KeyElement attribute = readKey(a);
    s.attributeDefinitions.push_back({attribute.name, attribute.type});
  }
  s.billingMode =
      j.at("payPerRequest").get<bool>() ? BillingMode::PayPerRequest : BillingMode::Provisioned;
  s.lastUpdateToPayPerRequestDateTime = j.at("lastUpdateToPayPerRequest").get<double>();
  s.throughput = readThroughput(j.at("throughput"));
  s.deletionProtectionEnabled = j.at("deletionProtection").get<bool>();
  if (!j.at("ttlAttribute").is_null()) s.ttlAttribute = j.at("ttlAttribute").get<std::string>();
  s.latestStreamArn = j.at("latestStreamArn").get<std::string>();
  s.latestStreamLabel = j.at("latestStreamLabel").get<std::string>();
  if (!j.at("stream").is_null()) entry.streamArn = j.at("stream").get<std::string>();
  for (const json& index : j.at("indexes")) entry.indexes.push_back(readIndex(index));
  if (const auto tags = j.find("tags"); tags != j.end()) {
    for (const json& tag : *tags) {
      s.tags.emplace_back(tag.at(0).get<std::string>(), tag.at(1).get<std::string>());
    }
  }
  if (const auto pitr = j.find("pitr"); pitr != j.end()) {
    s.pointInTimeRecoverySince = pitr->at("since").get<double>();
    s.recoveryPeriodInDays = pitr->at("days").get<int>();
  }
  return entry;
}

struct StreamEntry {
  StreamInfo info;
  std::optional<double> disabledAt;
  std::uint64_t next = 1, trimmedBelow = 1;
};

StreamEntry readStream(const json& j) {
  StreamEntry entry;
  StreamInfo& info = entry.info;
  info.arn = j.at("arn").get<std::string>();
  info.label = j.at("label").get<std::string>();
  info.tableName = j.at("tableName").get<std::string>();
  info.shardId = j.at("shardId").get<std::string>();
  info.hashKey = readKey(j.at("hashKey"));
  info.rangeKey = readOptionalKey(j.at("rangeKey"));
  info.viewType = viewTypeNamed(j.at("viewType").get<std::string>());
  info.created = j.at("created").get<double>();
  if (!j.at("disabledAt").is_null()) entry.disabledAt = j.at("disabledAt").get<double>();
  entry.next = j.at("next").get<std::uint64_t>();
  entry.trimmedBelow = j.at("trimmedBelow").get<std::uint64_t>();
  return entry;
}

// Adds, updates and removes the table's indexes to match `wanted`.
void syncIndexes(Table& table, const std::vector<IndexSchema>& wanted) {
  std::vector<std::string> stale;
  for (const auto& index : table.indexes()) {
    const bool kept = std::any_of(wanted.begin(), wanted.end(), [&](const IndexSchema& w) {
      return w.name == index->schema().name;
    });
    if (!kept) stale.push_back(index->schema().name);
  }
  for (const std::string& name : stale) table.removeIndex(name);
  for (const IndexSchema& index : wanted) {
    if (IndexSchema* existing = table.findIndexSchema(index.name)) {
      *existing = index;
    } else {
      table.addIndex(index);
    }
  }
}

}  // namespace

bool isSafeTableId(const std::string& tableId) {
  return !tableId.empty() && tableId.size() <= 64 &&
         std::all_of(tableId.begin(), tableId.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

json catalogJson(const Database& db) {
  json tables = json::array();
  for (const auto& [name, table] : db.tables) {
    json entry = tableJson(*table);
    addOptionalTableFields(entry, table->schema());
    tables.push_back(std::move(entry));
  }
  json streams = json::array();
  for (const auto& stream : db.streams) streams.push_back(streamJson(*stream));
  json tokens = json::array();
  for (const auto& [token, record] : db.clientTokens) {
    tokens.push_back({{"token", token},
                      {"request", record.request},
                      {"response", record.response},
                      {"time", record.time}});
  }
  json out = {{"tables", tables}, {"streams", streams}, {"clientTokens", tokens}};
  if (!db.recoveryProblems.empty()) {
    json problems = json::array();
    for (const RecoveryProblem& problem : db.recoveryProblems) {
      problems.push_back({{"at", problem.at}, {"problem", problem.text}});
    }
    out["recoveryProblems"] = problems;
  }
  return out;
}

void applyCatalog(Database& db, const json& catalog) {
  // Everything is read and checked first, so a bad catalog changes nothing.
  std::vector<TableEntry> tables;
  std::vector<StreamEntry> streams;
  std::map<std::string, ClientTokenRecord> tokens;
  std::vector<RecoveryProblem> problems;
  try {
    for (const json& p : catalog.value("recoveryProblems", json::array())) {
      problems.push_back({p.at("at").get<double>(), p.at("problem").get<std::string>()});
    }
    for (const json& t : catalog.at("tables")) tables.push_back(readTable(t));
    for (const json& s : catalog.at("streams")) streams.push_back(readStream(s));
    for (const json& t : catalog.at("clientTokens")) {
      tokens[t.at("token").get<std::string>()] = {t.at("request").get<std::string>(),
                                                  t.at("response").get<std::string>(),
                                                  t.at("time").get<double>()};
    }
  } catch (const json::exception& error) {
    throw StorageError(std::string("catalog: ") + error.what());
  }

  for (const TableEntry& table : tables) {
    const bool known =
        !table.streamArn || std::any_of(streams.begin(), streams.end(), [&](const StreamEntry& s) {
          return s.info.arn == *table.streamArn;
        });
    if (!known) throw StorageError("catalog: table stream " + *table.streamArn + " is not listed");
  }

  std::vector<std::shared_ptr<Stream>> kept;
  for (StreamEntry& entry : streams) {
    std::shared_ptr<Stream> stream;
    for (const auto& existing : db.streams) {
      if (existing->info().arn == entry.info.arn) stream = existing;
    }
    if (!stream) stream = std::make_shared<Stream>(entry.info, db.now);
    stream->restoreState(entry.next, entry.trimmedBelow, entry.disabledAt);
    kept.push_back(std::move(stream));
  }
  db.streams = std::move(kept);
  auto streamNamed = [&](const std::optional<std::string>& arn) -> std::shared_ptr<Stream> {
    if (arn) {
      for (const auto& stream : db.streams) {
        if (stream->info().arn == *arn) return stream;
      }
    }
    return nullptr;
  };

  std::map<std::string, std::unique_ptr<Table>> next;
  for (TableEntry& entry : tables) {
    auto found = db.tables.find(entry.schema.name);
    std::unique_ptr<Table> table;
    if (found != db.tables.end() && found->second->schema().tableId == entry.schema.tableId) {
      table = std::move(found->second);
      table->schema() = entry.schema;
    } else {
      table = std::make_unique<Table>(entry.schema, db.changeSink);
    }
    syncIndexes(*table, entry.indexes);
    table->setStream(streamNamed(entry.streamArn));
    next.emplace(entry.schema.name, std::move(table));
  }
  db.tables = std::move(next);
  db.clientTokens = std::move(tokens);
  db.recoveryProblems = std::move(problems);
  db.clientTokenTimes.clear();
  for (const auto& [token, record] : db.clientTokens)
    db.clientTokenTimes.emplace_back(record.time, token);
  std::sort(db.clientTokenTimes.begin(), db.clientTokenTimes.end());
}

}  // namespace pd
