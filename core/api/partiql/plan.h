// A parsed statement as the DynamoDB request that carries it out: a SELECT becomes a GetItem,
// a Query (its WHERE fixes the partition key with an equality) or a Scan; INSERT a PutItem that
// refuses an existing key; UPDATE an UpdateItem and DELETE a DeleteItem on the one item the
// WHERE names by its whole primary key; EXISTS (in transactions) a ConditionCheck. The rest of
// the WHERE becomes the request's condition or filter expression.
#pragma once

#include <functional>
#include <string>

#include "api/partiql/ast.h"
#include "api/partiql/table_shape.h"

namespace pd::partiql {

struct PlannedRequest {
  std::string operation;  // GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem, ConditionCheck
  Json body;
  std::string table;
};

bool isRead(const Statement& statement);

// Checks that `parameters` (the request's Parameters, or null) match the statement's `?`.
void checkParameters(const Statement& statement, const Json* parameters);

// Whether a SELECT must name one item by its whole primary key: batches and transactions read
// with GetItem only (each refuses other SELECTs in words of its own).
enum class KeyLookup { No, Batch, Transaction };

// The shape of the table of that name; throws ResourceNotFoundException when there is none.
using TableLookup = std::function<const TableShape&(const std::string& table)>;

PlannedRequest planStatement(const TableLookup& tables, const Statement& statement,
                             const Json* parameters, KeyLookup keyLookupOnly);

}  // namespace pd::partiql
