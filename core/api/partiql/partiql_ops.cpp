// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: PartiQL statements, parsed
// (parser.h) and planned (plan.h) into the item, read and transaction operations, whose
// answers are reshaped into the PartiQL operations' responses.
#include "api/items/item_common.h"
#include "api/operations.h"
#include "api/partiql/lexer.h"
#include "api/partiql/parser.h"
#include "api/partiql/plan.h"
#include "api/transactions/transact_actions.h"
#include "api/wire/request_fields.h"
#include "api/wire/wire_values.h"
#include "model/base64.h"

namespace pd {
namespace {

using partiql::PlannedRequest;
using partiql::Statement;
using partiql::StatementKind;

Json run(Database& db, const PlannedRequest& plan) {
  static const std::pair<const char*, Operation> operations[] = {
      {"GetItem", getItem}, {"Query", query},           {"Scan", scan},
      {"PutItem", putItem}, {"UpdateItem", updateItem}, {"DeleteItem", deleteItem}};
  for (const auto& [name, operation] : operations) {
    // The engine's own request parser reads the answer back (no second JSON parser in the
    // wasm module).
    if (plan.operation == name) return parseRequestBody(operation(db, plan.body));
  }
  throw partiql::syntaxError("EXISTS is only supported in ExecuteTransaction");
}

// The Parameters of a statement: a list of attribute values, at least one when present.
const Json* readParameters(const Fields& request, Constraints& constraints,
                           const std::string& path) {
  const Json* parameters = request.list("Parameters", "AttributeValue");
  if (!parameters) return nullptr;
  for (const Json& value : *parameters) checkAttributeValueTypes(value);
  if (parameters->empty()) {
    constraints.fail("[]", path, "Member must have length greater than or equal to 1");
  }
  return parameters;
}

const std::string& readStatementText(const Fields& request, Constraints& constraints,
                                     const std::string& path) {
  const std::string* text = request.string("Statement");
  constraints.required(text != nullptr, path);
  static const std::string empty;
  if (!text) return empty;
  constraints.length(*text, 1, 8192, path);
  return *text;
}

// The members a DynamoError carries besides its message, as JSON.
Json extraMembers(const DynamoError& error) {
  if (error.extraMembers.empty()) return Json::object();
  return parseRequestBody("{" + error.extraMembers + "}");
}

// INSERT is not an upsert: an existing key is DuplicateItemException.
DynamoError duplicateItem() {
  return {"DuplicateItemException", "Duplicate primary key exists in table"};
}

std::string nextToken(const Json& lastEvaluatedKey) {
  return base64Encode(lastEvaluatedKey.dump());
}

Json startKey(const std::string& token) {
  const auto decoded = base64Decode(token);
  if (decoded) {
    try {
      return parseRequestBody(*decoded);
    } catch (const DynamoError&) {
      // not a token of ours: the same answer as any other
    }
  }
  throw validationError("Invalid NextToken");
}

// Runs one planned write; the RETURNING values, when asked for, as the one element of Items.
Json runWrite(Database& db, const Statement& statement, const PlannedRequest& plan) {
  Json response;
  try {
    response = run(db, plan);
  } catch (const DynamoError& error) {
    if (statement.kind == StatementKind::Insert &&
        error.type == "ConditionalCheckFailedException") {
      throw duplicateItem();
    }
    throw;
  }
  Json result = Json::object({{"Items", Json::array()}});
  if (response.contains("Attributes") && !response["Attributes"].empty()) {
    result["Items"].push_back(response["Attributes"]);
  }
  if (response.contains("ConsumedCapacity"))
    result["ConsumedCapacity"] = response["ConsumedCapacity"];
  return result;
}

// BatchStatementError's Code: the exception's name without "Exception".
std::string batchErrorCode(const std::string& type) {
  if (type == "ValidationException") return "ValidationError";
  const std::string suffix = "Exception";
  if (type.size() > suffix.size() &&
      type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return type.substr(0, type.size() - suffix.size());
  }
  return type;
}

void refuseMixedStatements(const std::vector<std::optional<Statement>>& statements,
                           const char* message) {
  bool reads = false, writes = false;
  for (const auto& statement : statements) {
    if (!statement) continue;
    (partiql::isRead(*statement) ? reads : writes) = true;
  }
  if (reads && writes) throw validationError(message);
}

}  // namespace

std::string executeStatement(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const std::string& text = readStatementText(request, constraints, "statement");
  const Json* parameters = readParameters(request, constraints, "parameters");
  const std::optional<bool> consistent = request.boolean("ConsistentRead");
  const std::string* token = request.string("NextToken");
  if (token) constraints.length(*token, 1, 32768, "nextToken");
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  const std::optional<std::int64_t> limit = request.integer("Limit", "Integer");
  if (limit) constraints.minimum(*limit, 1, "limit");
  const std::string* onFailure = request.string("ReturnValuesOnConditionCheckFailure");
  constraints.oneOf(onFailure, kReturnValuesOnFailure, "returnValuesOnConditionCheckFailure");
  constraints.check();

  const Statement statement = partiql::parseStatement(text);
  PlannedRequest plan = partiql::planStatement(db, statement, parameters, partiql::KeyLookup::No);
  if (capacity) plan.body["ReturnConsumedCapacity"] = *capacity;
  if (!partiql::isRead(statement)) {
    if (onFailure) plan.body["ReturnValuesOnConditionCheckFailure"] = *onFailure;
    return runWrite(db, statement, plan).dump();
  }
  if (limit) plan.body["Limit"] = *limit;
  if (consistent) plan.body["ConsistentRead"] = *consistent;
  if (token) plan.body["ExclusiveStartKey"] = startKey(*token);
  const Json response = run(db, plan);
  Json result = Json::object({{"Items", response.value("Items", Json::array())}});
  if (response.contains("LastEvaluatedKey")) {
    result["NextToken"] = nextToken(response["LastEvaluatedKey"]);
  }
  if (response.contains("ConsumedCapacity"))
    result["ConsumedCapacity"] = response["ConsumedCapacity"];
  return result.dump();
}

std::string batchExecuteStatement(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const Json* list = request.list("Statements", "BatchStatementRequest");
  constraints.required(list != nullptr, "statements");
  if (list && list->empty()) {
    constraints.fail("[]", "statements", "Member must have length greater than or equal to 1");
  }
  if (list && list->size() > 25) {
    constraints.fail("[...]", "statements", "Member must have length less than or equal to 25");
  }
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  std::vector<const Json*> parameters;
  std::vector<const std::string*> texts;
  std::vector<std::optional<bool>> consistent;
  std::vector<const std::string*> onFailure;
  if (list) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = "statements." + std::to_string(i + 1) + ".member.";
      if (!(*list)[i].is_object()) throw serializationError("");
      const Fields element((*list)[i]);
      texts.push_back(&readStatementText(element, constraints, at + "statement"));
      parameters.push_back(readParameters(element, constraints, at + "parameters"));
      consistent.push_back(element.boolean("ConsistentRead"));
      onFailure.push_back(element.string("ReturnValuesOnConditionCheckFailure"));
      constraints.oneOf(onFailure.back(), kReturnValuesOnFailure,
                        at + "returnValuesOnConditionCheckFailure");
    }
  }
  constraints.check();

  std::vector<std::optional<Statement>> statements(texts.size());
  std::vector<std::optional<DynamoError>> parseErrors(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    try {
      statements[i] = partiql::parseStatement(*texts[i]);
    } catch (const DynamoError& error) {
      parseErrors[i] = error;
    }
  }
  refuseMixedStatements(statements, "Statements in a batch must be all reads or all writes");

  Json responses = Json::array();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Json response = Json::object();
    try {
      if (parseErrors[i]) throw *parseErrors[i];
      const Statement& statement = *statements[i];
      response["TableName"] = statement.table;
      PlannedRequest plan =
          partiql::planStatement(db, statement, parameters[i], partiql::KeyLookup::Batch);
      if (partiql::isRead(statement)) {
        if (consistent[i]) plan.body["ConsistentRead"] = *consistent[i];
        const Json item = run(db, plan);
        if (item.contains("Item")) response["Item"] = item["Item"];
      } else {
        if (onFailure[i]) plan.body["ReturnValuesOnConditionCheckFailure"] = *onFailure[i];
        runWrite(db, statement, plan);
      }
    } catch (const DynamoError& error) {
      Json failure =
          Json::object({{"Code", batchErrorCode(error.type)}, {"Message", error.message}});
      const Json extra = extraMembers(error);
      if (extra.contains("Item")) failure["Item"] = extra["Item"];
      response["Error"] = std::move(failure);
    }
    responses.push_back(std::move(response));
  }
  return Json::object({{"Responses", std::move(responses)}}).dump();
}

std::string executeTransaction(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const Json* list = request.list("TransactStatements", "ParameterizedStatement");
  constraints.required(list != nullptr, "transactStatements");
  if (list && list->empty()) {
    constraints.fail("[]", "transactStatements",
                     "Member must have length greater than or equal to 1");
  }
  if (list && list->size() > 100) {
    constraints.fail("[...]", "transactStatements",
                     "Member must have length less than or equal to 100");
  }
  const std::string* token = request.string("ClientRequestToken");
  if (token) constraints.length(*token, 1, 36, "clientRequestToken");
  const std::string* capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  std::vector<const Json*> parameters;
  std::vector<const std::string*> texts;
  std::vector<const std::string*> onFailure;
  if (list) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = "transactStatements." + std::to_string(i + 1) + ".member.";
      if (!(*list)[i].is_object()) throw serializationError("");
      const Fields element((*list)[i]);
      texts.push_back(&readStatementText(element, constraints, at + "statement"));
      parameters.push_back(readParameters(element, constraints, at + "parameters"));
      onFailure.push_back(element.string("ReturnValuesOnConditionCheckFailure"));
      constraints.oneOf(onFailure.back(), kReturnValuesOnFailure,
                        at + "returnValuesOnConditionCheckFailure");
    }
  }
  constraints.check();

  std::vector<std::optional<Statement>> statements;
  for (const std::string* text : texts) statements.push_back(partiql::parseStatement(*text));
  refuseMixedStatements(statements, "Transaction must contain only reads or only writes");
  const bool reads = partiql::isRead(*statements.front());

  Json items = Json::array();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    PlannedRequest plan =
        partiql::planStatement(db, *statements[i], parameters[i], partiql::KeyLookup::Transaction);
    plan.body.erase("ReturnValues");
    if (onFailure[i]) plan.body["ReturnValuesOnConditionCheckFailure"] = *onFailure[i];
    static const std::map<std::string, const char*> actions = {
        {"GetItem", "Get"},
        {"PutItem", "Put"},
        {"UpdateItem", "Update"},
        {"DeleteItem", "Delete"},
        {"ConditionCheck", "ConditionCheck"}};
    items.push_back(Json::object({{actions.at(plan.operation), std::move(plan.body)}}));
  }
  Json transaction = Json::object({{"TransactItems", std::move(items)}});
  if (capacity) transaction["ReturnConsumedCapacity"] = *capacity;
  if (reads) return transactGetItems(db, transaction);
  if (token) transaction["ClientRequestToken"] = *token;
  try {
    // A transaction of writes answers an empty Responses list (beside ConsumedCapacity).
    Json response = parseRequestBody(transactWriteItems(db, transaction));
    response["Responses"] = Json::array();
    return response.dump();
  } catch (const DynamoError& error) {
    if (error.type != "TransactionCanceledException") throw;
    // An INSERT whose key exists is cancelled as DuplicateItem, not as a failed condition.
    const Json extra = extraMembers(error);
    std::vector<CancellationReason> reasons;
    const Json& listed = extra.at("CancellationReasons");
    for (std::size_t i = 0; i < listed.size(); ++i) {
      CancellationReason reason;
      reason.code = listed[i].value("Code", "None");
      reason.message = listed[i].value("Message", "");
      if (listed[i].contains("Item")) reason.item = parseItem(listed[i]["Item"]);
      if (statements[i]->kind == StatementKind::Insert && reason.code == "ConditionalCheckFailed") {
        reason.code = "DuplicateItem";
        reason.message = duplicateItem().message;
      }
      reasons.push_back(std::move(reason));
    }
    throw cancellationError(reasons);
  }
}

}  // namespace pd
