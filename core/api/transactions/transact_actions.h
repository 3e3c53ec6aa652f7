// The actions of TransactWriteItems and TransactGetItems, read in DynamoDB's stages: the JSON
// types and the constraint list of every action (stage 1 and 2, while the request is read),
// then each action's own rules in request order (stage 3: expression parameters, values,
// expressions), before any table is looked up. A per-action failure found while the
// transaction runs is a cancellation reason (see cancellationError).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/expression_params.h"
#include "api/wire/request_fields.h"
#include "expr/expressions.h"
#include "model/errors.h"
#include "store/database.h"

namespace pd {

enum class ActionKind { ConditionCheck, Put, Delete, Update, Get };

struct TransactAction {
  ActionKind kind = ActionKind::Get;
  int members = 0;  // how many of ConditionCheck/Put/Delete/Update the element had
  const Json* itemOrKey = nullptr;
  const std::string* tableName = nullptr;
  const std::string* updateText = nullptr;
  const std::string* conditionText = nullptr;
  const std::string* projectionText = nullptr;
  bool returnOldOnFailure = false;
  std::optional<ExpressionParams> params;

  // Stage 3.
  Item item;  // Put: the item; the others: the key
  std::size_t putSize = 0;
  std::optional<expr::UpdateExpression> update;
  std::optional<expr::ConditionExpression> condition;
  std::optional<expr::ProjectionExpression> projection;

  // Once the table is known.
  Table* table = nullptr;
  std::string orderKey;
};

// Stage 1 and 2 of TransactItems: its length (1 to 100) and every action's members.
std::vector<TransactAction> readTransactItems(const Fields& request, Constraints& constraints,
                                              bool writes);

// Stage 3 of one action.
void resolveAction(TransactAction& action);

// After the tables are found: an empty key value and an update of a key attribute are request
// errors; a key that does not match the schema cancels the transaction (ValidationError).
// Then "Transaction request cannot include multiple operations on one item".
void resolveActionKeys(std::vector<TransactAction>& actions);

struct CancellationReason {
  std::string code = "None";
  std::string message;
  std::optional<Item> item;  // ReturnValuesOnConditionCheckFailure ALL_OLD
};

// TransactionCanceledException with the reasons' codes in its message and CancellationReasons.
DynamoError cancellationError(const std::vector<CancellationReason>& reasons);

}  // namespace pd
