// BatchGetItem and BatchWriteItem: many GetItem / PutItem / DeleteItem steps in one request.
// Each request is read in DynamoDB's order (JSON types, the constraint list, the per-table
// rules, then tables, key schemas and duplicates) and nothing is read or written until every
// part of it passed, so a rejected batch changes nothing.
#include <set>

#include "api/batch/batch_request_items.h"
#include "api/items/collection_metrics.h"
#include "api/items/index_keys.h"
#include "api/items/item_common.h"
#include "api/items/key_rules.h"
#include "api/items/projection.h"
#include "api/operations.h"
#include "api/wire/capacity.h"
#include "api/wire/expression_params.h"
#include "api/wire/request_fields.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"
#include "model/item_codec.h"

namespace pd {
namespace {

constexpr std::size_t kMaxGetKeys = 100;
constexpr std::size_t kMaxWrites = 25;
// "A single operation can retrieve up to 16 MB of data"; the rest comes back as UnprocessedKeys.
constexpr std::size_t kMaxGetResponseBytes = 16 * 1024 * 1024;

void checkNoDuplicates(const std::vector<std::string>& orderKeys) {
  const std::set<std::string> distinct(orderKeys.begin(), orderKeys.end());
  if (distinct.size() != orderKeys.size()) {
    throw validationError("Provided list of item keys contains duplicates");
  }
}

// One table of a BatchGetItem, as read from its KeysAndAttributes.
struct GetTable {
  std::string name;
  const Json* wire = nullptr;
  const Json* keys = nullptr;
  const Json* attributesToGet = nullptr;
  const std::string* projectionText = nullptr;
  bool consistentRead = false;
  std::optional<ExpressionParams> params;
  std::optional<expr::ProjectionExpression> projection;
  std::vector<std::string> orderKeys;
  Table* table = nullptr;
};

GetTable readGetTable(const std::string& name, const Json& wire, Constraints& constraints) {
  expectStructure(wire, "KeysAndAttributes");
  const Fields fields(wire);
  const std::string path = "requestItems." + name + ".member.";
  GetTable table;
  table.name = name;
  table.wire = &wire;
  table.keys = fields.list("Keys", "Map");
  if (table.keys) {
    for (const auto& key : *table.keys) checkAttributeMapTypes(key);
  }
  table.attributesToGet = readAttributesToGet(fields, constraints, path + "attributesToGet");
  table.consistentRead = fields.boolean("ConsistentRead").value_or(false);
  table.projectionText = fields.string("ProjectionExpression");
  table.params.emplace(fields);
  if (!table.keys) {
    constraints.required(false, path + "keys");
  } else if (table.keys->empty()) {
    constraints.absentValue("RequestItems." + name + ".member.Keys",
                            "Member must have length greater than or equal to 1");
  } else if (table.keys->size() > kMaxGetKeys) {
    constraints.absentValue("RequestItems." + name + ".member.Keys",
                            "Member must have length less than or equal to 100");
  }
  return table;
}

// Stage 3 for one table: expression parameters, key values, the projection, unused names.
void resolveGetTable(GetTable& table, std::vector<Item>& keys) {
  table.params->check({}, table.projectionText != nullptr,
                      {{"AttributesToGet", table.attributesToGet != nullptr}});
  for (const auto& key : *table.keys) keys.push_back(parseItem(key, Envelope::Bare));
  expr::Placeholders placeholders = table.params->placeholders();
  table.projection = resolveProjection(table.attributesToGet, table.projectionText, placeholders);
  placeholders.checkAllUsed();
}

// DynamoDB refuses ProjectionExpression on one table beside AttributesToGet on another.
void checkOneProjectionStyle(const std::vector<GetTable>& tables) {
  bool expression = false;
  bool legacy = false;
  for (const auto& table : tables) {
    expression = expression || table.projectionText;
    legacy = legacy || table.attributesToGet;
  }
  if (expression && legacy) {
    throw validationError(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: "
        "{ProjectionExpression}");
  }
}

// The table's KeysAndAttributes with only the keys from `first` on, as UnprocessedKeys lists it.
void writeUnprocessed(JsonWriter& out, const GetTable& table, std::size_t first) {
  out.key(table.name).beginObject();
  for (const auto& [member, value] : table.wire->items()) {
    if (member == "Keys" || value.is_null()) continue;
    out.key(member).raw(value.dump());
  }
  out.key("Keys").beginArray();
  for (std::size_t i = first; i < table.keys->size(); ++i) out.raw((*table.keys)[i].dump());
  out.endArray().endObject();
}

// One PutRequest or DeleteRequest of a BatchWriteItem.
struct WriteRequest {
  const Json* putItem = nullptr;
  const Json* deleteKey = nullptr;
  bool both = false;  // both or neither request given
  Item item;          // the item to put, or the key to delete
  std::size_t size = 0;
  std::string orderKey;
};

struct WriteTable {
  std::string name;
  std::vector<WriteRequest> requests;
  Table* table = nullptr;
};

WriteTable readWriteTable(const std::string& name, const Json& wire, Constraints& constraints) {
  expectList(wire, "WriteRequest");
  WriteTable table;
  table.name = name;
  for (std::size_t i = 0; i < wire.size(); ++i) {
    expectListElementStructure(wire[i], "WriteRequest");
    const Fields fields(wire[i]);
    const std::string path =
        "requestItems." + name + ".member." + std::to_string(i + 1) + ".member.";
    WriteRequest request;
    const Json* put = fields.structure("PutRequest", "PutRequest");
    const Json* del = fields.structure("DeleteRequest", "DeleteRequest");
    if (del) {
      request.deleteKey = Fields(*del).attributeMap("Key");
      constraints.required(request.deleteKey != nullptr, path + "deleteRequest.key");
    }
    if (put) {
      request.putItem = Fields(*put).attributeMap("Item");
      constraints.required(request.putItem != nullptr, path + "putRequest.item");
    }
    request.both = (put != nullptr) == (del != nullptr);
    table.requests.push_back(std::move(request));
  }
  return table;
}

// Stage 3 for one write: exactly one request, its values, and a put's size.
void resolveWrite(WriteRequest& request) {
  if (request.both) {
    // DynamoDB's words for a WriteRequest with no (or two) requests in it.
    throw validationError(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes");
  }
  request.item =
      request.putItem ? parseItem(*request.putItem) : parseItem(*request.deleteKey, Envelope::Bare);
  if (request.putItem) request.size = checkedPutSize(request.item);
}

void resolveWriteKeys(WriteTable& table) {
  const TableSchema& schema = table.table->schema();
  std::vector<std::string> orderKeys;
  for (auto& request : table.requests) {
    request.orderKey = request.putItem
                           ? orderKeyOfWriteRequestItem(schema, request.item)
                           : orderKeyOfKey(schema, request.item, EmptyKeyWording::AreNotValid);
    orderKeys.push_back(request.orderKey);
  }
  checkNoDuplicates(orderKeys);
}

}  // namespace

std::string batchGetItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const Json* requestItems = readRequestItems(request, constraints, kKeysAndAttributesType);
  std::vector<GetTable> tables;
  if (requestItems) {
    for (const auto& [name, wire] : requestItems->items()) {
      tables.push_back(readGetTable(name, wire, constraints));
    }
  }
  constraints.check();
  checkRequestItemsNotEmpty(requestItems, "BatchGetItem");

  std::size_t totalKeys = 0;
  for (const auto& table : tables) totalKeys += table.keys->size();
  if (totalKeys > kMaxGetKeys) {
    throw validationError("Too many items requested for the BatchGetItem call");
  }
  checkOneProjectionStyle(tables);
  std::vector<std::vector<Item>> keys(tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) resolveGetTable(tables[t], keys[t]);
  for (auto& table : tables) table.table = &tableFor(db, table.name);
  for (std::size_t t = 0; t < tables.size(); ++t) {
    for (const auto& key : keys[t]) {
      tables[t].orderKeys.push_back(
          orderKeyOfKey(tables[t].table->schema(), key, EmptyKeyWording::AreNotValid));
    }
    checkNoDuplicates(tables[t].orderKeys);
  }

  JsonWriter out;
  out.beginObject().key("Responses").beginObject();
  CapacityList consumed;
  std::size_t responseBytes = 0;
  // Where the 16 MB ran out: the table and the first key not read.
  std::size_t stopTable = tables.size();
  std::size_t stopKey = 0;
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const GetTable& table = tables[t];
    out.key(table.name).beginArray();
    double units = 0;
    for (std::size_t k = 0; k < table.orderKeys.size() && stopTable == tables.size(); ++k) {
      const ItemRecord* stored = table.table->find(table.orderKeys[k]);
      if (stored && responseBytes + stored->size() > kMaxGetResponseBytes) {
        stopTable = t;
        stopKey = k;
        break;
      }
      const ReadItem read = readItem(*table.table, table.orderKeys[k], table.projection);
      responseBytes += read.size;
      units += readUnits(read.size, table.consistentRead);
      if (read) read.write(out);
    }
    out.endArray();
    if (units > 0) consumed.add(table.name, units);
  }
  out.endObject().key("UnprocessedKeys").beginObject();
  for (std::size_t t = stopTable; t < tables.size(); ++t) {
    writeUnprocessed(out, tables[t], t == stopTable ? stopKey : 0);
  }
  out.endObject();
  consumed.write(out, capacity);
  out.endObject();
  return out.take();
}

std::string batchWriteItem(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const std::string* collectionMetrics = request.string("ReturnItemCollectionMetrics");
  constraints.oneOf(collectionMetrics, kReturnItemCollectionMetrics, "returnItemCollectionMetrics");
  const Json* requestItems = readRequestItems(request, constraints, kWriteRequestsType);
  std::vector<WriteTable> tables;
  if (requestItems) {
    for (const auto& list : *requestItems) expectList(list, "WriteRequest");
    checkWriteListLengths(*requestItems, constraints, 1, kMaxWrites);
    for (const auto& [name, wire] : requestItems->items()) {
      tables.push_back(readWriteTable(name, wire, constraints));
    }
  }
  constraints.check();
  checkRequestItemsNotEmpty(requestItems, "BatchWriteItem");

  std::size_t totalWrites = 0;
  for (const auto& table : tables) totalWrites += table.requests.size();
  if (totalWrites > kMaxWrites) {
    throw validationError("Too many items requested for the BatchWriteItem call");
  }
  for (auto& table : tables) {
    for (auto& write : table.requests) resolveWrite(write);
  }
  for (auto& table : tables) table.table = &tableFor(db, table.name);
  for (auto& table : tables) resolveWriteKeys(table);
  // Index keys are checked for every put before any write is applied.
  for (const auto& table : tables) {
    for (const auto& write : table.requests) {
      if (write.putItem) checkIndexKeys(*table.table, write.item);
    }
  }

  // Every partition written is in memory before the first write (a partition still in storage
  // loads here): a read that fails then applies none of the batch rather than part of it.
  for (const auto& table : tables) {
    for (const auto& write : table.requests)
      table.table->loadPartition(partitionOf(write.orderKey));
  }

  // Every write was checked: apply them all.
  CapacityList consumed;
  for (auto& table : tables) {
    double units = 0;
    for (const auto& write : table.requests) {
      if (write.putItem) {
        const auto old = storeItem(*table.table, write.orderKey, write.item, write.size);
        units += replaceUnits(old ? old->size() : 0, old.has_value(), write.size);
      } else {
        const auto old = table.table->erase(write.orderKey);
        units += writeUnits(old ? old->size() : 0);
      }
      units += totalUnits(indexWriteUnits(table.table->lastIndexTouches()));
    }
    consumed.add(table.name, units);
  }
  std::vector<CollectionWrite> written;
  for (const auto& table : tables) {
    for (const auto& write : table.requests)
      written.push_back({table.table, &table.name, &write.item});
  }
  JsonWriter out;
  out.beginObject().key("UnprocessedItems").beginObject().endObject();
  consumed.write(out, capacity);
  writeCollectionMetricsMap(out, collectionMetrics, written);
  out.endObject();
  return out.take();
}

}  // namespace pd
