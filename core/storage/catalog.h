// The catalog: everything about a database except its items and stream records — tables
// (schema, indexes, TTL, stream), streams and transaction client tokens — as JSON. It is the
// body of catalog files and of the log's catalog entries (core/doc/storage-format.md).
#pragma once

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace pd {

nlohmann::json catalogJson(const Database& db);

// Makes the database's catalog the one described: creates, updates (back-filling added
// indexes) and drops tables to match, keeping the items of tables whose id is unchanged.
// Throws StorageError, before changing anything, when the JSON is not a valid catalog.
void applyCatalog(Database& db, const nlohmann::json& catalog);

// Table ids become part of file names, so only these characters are accepted from disk.
bool isSafeTableId(const std::string& tableId);

}  // namespace pd
