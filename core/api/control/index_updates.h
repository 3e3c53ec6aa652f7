// UpdateTable's GlobalSecondaryIndexUpdates: reading the Create, Update and Delete actions,
// their constraints and rules in DynamoDB's order, and applying them to a table (a new index is
// back-filled at once and ACTIVE).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/control/index_schema.h"
#include "api/wire/request_fields.h"
#include "store/table.h"

namespace pd {

struct GsiUpdateRequest {
  bool update = false, create = false, remove = false;  // which actions were given
  const std::string* updateName = nullptr;
  const Json* updateThroughputWire = nullptr;
  std::optional<std::int64_t> updateRead, updateWrite;
  IndexRequest createIndex;
  const std::string* deleteName = nullptr;
};

std::optional<std::vector<GsiUpdateRequest>> readGsiUpdates(const Fields& request);
void checkGsiUpdateConstraints(const std::optional<std::vector<GsiUpdateRequest>>& updates,
                               Constraints& constraints);
// "One of ... must not be null" and one update per index.
void checkGsiUpdateRules(const std::vector<GsiUpdateRequest>& updates);

// Checks every action against the table (before UpdateTable changes anything). `definitions`
// are the AttributeDefinitions of the request (added to the table's for new index keys).
void checkGsiUpdatesAgainst(const Table& table, const std::vector<GsiUpdateRequest>& updates,
                            const std::vector<AttributeDefinition>& definitions);
// Applies the checked actions.
void applyGsiUpdates(Table& table, const std::vector<GsiUpdateRequest>& updates,
                     const std::vector<AttributeDefinition>& definitions, double now);

}  // namespace pd
