// StreamSpecification of CreateTable and UpdateTable: reading and checking it, and turning a
// table's stream on and off.
#pragma once

#include <optional>
#include <string>

#include "api/wire/request_fields.h"
#include "store/database.h"

namespace pd {

struct StreamSpecRequest {
  std::optional<bool> enabled;
  const std::string* viewType = nullptr;
};

// Reads the JSON types; nullopt when the request has no StreamSpecification.
std::optional<StreamSpecRequest> readStreamSpecification(const Fields& request);
void checkStreamSpecConstraints(const std::optional<StreamSpecRequest>& spec,
                                Constraints& constraints);
// A view type exactly when enabling (after the constraints passed).
void checkStreamSpecRules(const StreamSpecRequest& spec);

// CreateTable: a new table's stream, when the specification enables one.
void applyCreateStreamSpec(Database& db, Table& table, const StreamSpecRequest& spec);
// UpdateTable: refuses enabling a second stream or disabling none, before anything changes.
void checkUpdateStreamSpec(const Table& table, const StreamSpecRequest& spec);
void applyUpdateStreamSpec(Database& db, Table& table, const StreamSpecRequest& spec);
// DeleteTable: the stream stays readable, disabled.
void disableStream(Table& table);

}  // namespace pd
