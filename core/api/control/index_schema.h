// LocalSecondaryIndexes and GlobalSecondaryIndexes of CreateTable (and the Create action of
// UpdateTable's GlobalSecondaryIndexUpdates): reading them, DynamoDB's checks in its order, and
// the store's IndexSchema they become.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/request_fields.h"
#include "store/table.h"

namespace pd {

struct IndexKeyRequest {
  const std::string* name = nullptr;
  const std::string* type = nullptr;
};

// One index of a request after its JSON types were checked.
struct IndexRequest {
  const std::string* name = nullptr;
  const Json* keySchemaWire = nullptr;
  std::vector<IndexKeyRequest> keySchema;
  const Json* projectionWire = nullptr;
  const std::string* projectionType = nullptr;
  const Json* nonKeyWire = nullptr;
  std::vector<std::string> nonKeyAttributes;
  const Json* throughputWire = nullptr;
  std::optional<std::int64_t> read, write;
};

// A list field of such indexes; nullopt when absent.
std::optional<std::vector<IndexRequest>> readIndexList(const Fields& request, const char* field,
                                                       const char* className);
// One index structure (UpdateTable's Create action).
IndexRequest readIndex(const Json& wire);

// The constraint list entries of the indexes under `path` ("localSecondaryIndexes").
void checkIndexConstraints(const std::optional<std::vector<IndexRequest>>& indexes,
                           const std::string& path, bool global, Constraints& constraints);
// The same for one index at `path` ("...create"); `global` lists its throughput's constraints,
// and a `local` index's key schema has at most two elements.
void checkOneIndexConstraints(const IndexRequest& index, const std::string& path, bool global,
                              Constraints& constraints, bool local = false);

// What CreateTable checks of its indexes once the table's key schema passed.
struct TableKeyFacts {
  std::string hashName;
  bool hasRange = false;
  std::vector<std::string> definedNames;
  bool onDemand = false;
};
void checkLocalIndexes(const std::vector<IndexRequest>& indexes, const TableKeyFacts& table,
                       std::vector<std::string>& seenNames);
void checkGlobalIndexes(const std::vector<IndexRequest>& indexes, const TableKeyFacts& table,
                        std::vector<std::string>& seenNames);
// At most 100 NonKeyAttributes summed over all the indexes of a table, LSIs and GSIs alike.
void checkProjectedCount(std::size_t count);
// The rules one GSI shares between CreateTable and UpdateTable's Create.
void checkGlobalIndexRules(const IndexRequest& index, const TableKeyFacts& table, bool updateTable);

IndexSchema indexSchemaFor(const IndexRequest& index, bool global,
                           const std::vector<AttributeDefinition>& definitions,
                           const std::string& tableArn);

}  // namespace pd
