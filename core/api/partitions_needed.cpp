#include "api/partitions_needed.h"

#include <exception>
#include <optional>
#include <string>

#include "api/legacy/legacy_conditions.h"
#include "api/wire/expression_params.h"
#include "api/wire/request_fields.h"
#include "api/wire/wire_values.h"
#include "expr/expressions.h"
#include "expr/key_condition.h"
#include "store/primary_key.h"

namespace pd {
namespace {

class Collector {
 public:
  explicit Collector(const Database& db) : db_(db) {}

  const Table* table(const Json& name) const {
    if (!name.is_string()) return nullptr;
    const std::string& text = name.get_ref<const std::string&>();
    if (const Table* found = db_.find(text)) return found;
    for (const auto& [tableName, table] : db_.tables) {  // a table may be named by its ARN
      if (table->schema().arn == text) return table.get();
    }
    return nullptr;
  }

  void whole(const Table* table) {
    if (table) out_.tables[table].whole = true;
  }
  void everything() {
    for (const auto& [name, table] : db_.tables) whole(table.get());
  }

  // The partition of an item or key (a map of attribute values): the whole table when it does
  // not hold the partition key in a form this can read (the request then fails anyway).
  void key(const Table* table, const Json* attributes) {
    if (!table) return;
    const std::string& hashName = table->schema().hashKey.name;
    if (!attributes || !attributes->is_object() || !attributes->contains(hashName)) {
      whole(table);
      return;
    }
    try {
      partition(table, parseAttributeValue(attributes->at(hashName)));
    } catch (const std::exception&) {
      whole(table);
    }
  }

  void partition(const Table* table, const AttributeValue& hashKey) {
    out_.tables[table].partitions.insert(partitionOf(orderKey(hashKey, nullptr)));
  }

  PartitionsNeeded take() { return std::move(out_); }

 private:
  const Database& db_;
  PartitionsNeeded out_;
};

const Json* field(const Json& object, const char* name) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

// A Query on the base table fixes its partition key by equality: that partition. The rest
// (an index, a condition this cannot read) takes the whole table.
void query(Collector& collect, const Json& request) {
  const Table* table = collect.table(request.value("TableName", Json()));
  if (!table) return;
  if (field(request, "IndexName")) return collect.whole(table);
  try {
    const Fields fields(request);
    std::vector<expr::KeyConditionPart> parts;
    if (const std::string* text = fields.string("KeyConditionExpression")) {
      expr::Placeholders placeholders = ExpressionParams(fields).placeholders();
      parts = expr::ConditionExpression::parse(expr::Kind::KeyCondition, *text, placeholders)
                  .keyConditions();
    } else if (const Json* legacy = field(request, "KeyConditions")) {
      parts = translateKeyConditions(*legacy);
    }
    for (const expr::KeyConditionPart& part : parts) {
      if (part.attribute == table->schema().hashKey.name && part.op == expr::KeyOp::Eq &&
          part.values.size() == 1) {
        return collect.partition(table, part.values.front());
      }
    }
  } catch (const std::exception&) {  // the request fails the same way when it runs
  }
  collect.whole(table);
}

void batch(Collector& collect, const Json& request, bool writes) {
  const Json* items = field(request, "RequestItems");
  if (!items || !items->is_object()) return;
  for (const auto& [name, entry] : items->items()) {
    const Table* table = collect.table(Json(name));
    if (!table) continue;
    if (!writes) {
      const Json* keys = field(entry, "Keys");
      if (!keys || !keys->is_array()) collect.whole(table);
      for (const Json& key : keys && keys->is_array() ? *keys : Json::array()) {
        collect.key(table, &key);
      }
      continue;
    }
    if (!entry.is_array()) collect.whole(table);
    for (const Json& write : entry.is_array() ? entry : Json::array()) {
      if (const Json* put = field(write, "PutRequest")) {
        collect.key(table, field(*put, "Item"));
      } else if (const Json* del = field(write, "DeleteRequest")) {
        collect.key(table, field(*del, "Key"));
      } else {
        collect.whole(table);
      }
    }
  }
}

void transaction(Collector& collect, const Json& request) {
  const Json* actions = field(request, "TransactItems");
  if (!actions || !actions->is_array()) return;
  for (const Json& action : *actions) {
    if (!action.is_object()) continue;
    for (const auto& [kind, body] : action.items()) {
      const Table* table = collect.table(body.value("TableName", Json()));
      collect.key(table, field(body, kind == "Put" ? "Item" : "Key"));
    }
  }
}

void collect(Collector& collect, std::string_view operation, const Json& request) {
  if (operation == "GetItem" || operation == "DeleteItem" || operation == "UpdateItem") {
    collect.key(collect.table(request.value("TableName", Json())), field(request, "Key"));
  } else if (operation == "PutItem") {
    collect.key(collect.table(request.value("TableName", Json())), field(request, "Item"));
  } else if (operation == "Query") {
    query(collect, request);
  } else if (operation == "BatchGetItem" || operation == "BatchWriteItem") {
    batch(collect, request, operation == "BatchWriteItem");
  } else if (operation == "TransactGetItems" || operation == "TransactWriteItems") {
    transaction(collect, request);
  } else if (operation == "CreateTable" || operation == "ListTables" ||
             operation == "DescribeTimeToLive" || operation == "ListStreams" ||
             operation == "DescribeStream" || operation == "GetShardIterator" ||
             operation == "GetRecords") {
    // No items: a new table, names, settings, stream records.
  } else if (operation == "PocketDynamo_SweepExpiredItems" &&
             request.value("LoadedOnly", false) == true) {
    // The background sweep looks only at what is in memory: it must not load the database.
  } else if (const Json* name = field(request, "TableName"); name && collect.table(*name)) {
    collect.whole(collect.table(*name));  // Scan, DescribeTable, UpdateTable, DeleteTable, ...
  } else {
    collect.everything();
  }
}

}  // namespace

PartitionsNeeded partitionsNeeded(const Database& db, std::string_view operation,
                                  std::string_view requestJson) {
  Json request;
  try {
    request = parseRequestBody(requestJson);
  } catch (const std::exception&) {
    return {};  // refused before any table is read
  }
  Collector collector(db);
  try {
    collect(collector, operation, request);
  } catch (const std::exception&) {
    collector.everything();
  }
  return collector.take();
}

}  // namespace pd
