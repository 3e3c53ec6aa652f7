#include "api/partiql/statements.h"

#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/partiql/lexer.h"
#include "api/partiql/parser.h"
#include "api/partiql/plan.h"
#include "api/wire/request_fields.h"
#include "api/wire/wire_values.h"
#include "model/base64.h"
#include "model/errors.h"

namespace pd::partiql {
namespace {

// The item operations' enumerations (api/items/item_common.cpp), for the same messages.
const std::vector<std::string> kReturnConsumedCapacity = {"INDEXES", "TOTAL", "NONE"};
const std::vector<std::string> kReturnValuesOnFailure = {"ALL_OLD", "NONE"};

// Members of a JSON object as DynamoError::extraMembers holds them: without the braces.
std::string membersText(const Json& object) {
  if (object.empty()) return "";
  const std::string text = object.dump();
  return text.substr(1, text.size() - 2);
}

// An error body of the engine as the DynamoError it was, so that it can be rethrown, reshaped
// or reported per statement.
DynamoError errorOf(const std::string& body) {
  Json parsed = parseRequestBody(body);
  const std::string type = parsed.value("__type", "");
  DynamoError error{type.substr(type.find('#') + 1), ""};
  for (const char* key : {"message", "Message"}) {
    if (parsed.contains(key)) {
      error.message = parsed[key].get<std::string>();
      parsed.erase(key);
    }
  }
  parsed.erase("__type");
  error.extraMembers = membersText(parsed);
  return error;
}

// The requests of one PartiQL request, run on the engine: the tables' shapes asked once each,
// and whether any request wrote.
class Session {
 public:
  explicit Session(const RunRequest& run) : run_(run) {}

  // The answer of a request, or its error thrown as the DynamoError it is.
  std::string answerText(const std::string& operation, const Json& body) {
    Response response = run_(operation, body.dump());
    if (!response.ok) throw errorOf(response.body);
    wrote_ = wrote_ || response.wrote;
    return std::move(response.body);
  }
  Json answer(const std::string& operation, const Json& body) {
    return parseRequestBody(answerText(operation, body));
  }

  const TableShape& table(const std::string& name) {
    const auto known = tables_.find(name);
    if (known != tables_.end()) return known->second;
    // (not DescribeTable, whose counts would load every partition of a stored table)
    const Response response =
        run_("PocketDynamo_DescribeKeys", Json::object({{"TableName", name}}).dump());
    if (!response.ok)
      throw DynamoError{"ResourceNotFoundException", "Requested resource not found"};
    return tables_.emplace(name, tableShapeOf(parseRequestBody(response.body))).first->second;
  }
  TableLookup tables() {
    return [this](const std::string& name) -> const TableShape& { return table(name); };
  }

  bool wrote() const { return wrote_; }

 private:
  const RunRequest& run_;
  std::map<std::string, TableShape> tables_;
  bool wrote_ = false;
};

Json run(Session& session, const PlannedRequest& plan) {
  if (plan.operation == "ConditionCheck") {
    throw syntaxError("EXISTS is only supported in ExecuteTransaction");
  }
  return session.answer(plan.operation, plan.body);
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
Json runWrite(Session& session, const Statement& statement, const PlannedRequest& plan) {
  Json response;
  try {
    response = run(session, plan);
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
    (isRead(*statement) ? reads : writes) = true;
  }
  if (reads && writes) throw validationError(message);
}

std::string executeStatement(Session& session, const Json& body) {
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

  const Statement statement = parseStatement(text);
  PlannedRequest plan = planStatement(session.tables(), statement, parameters, KeyLookup::No);
  if (capacity) plan.body["ReturnConsumedCapacity"] = *capacity;
  if (!isRead(statement)) {
    if (onFailure) plan.body["ReturnValuesOnConditionCheckFailure"] = *onFailure;
    return runWrite(session, statement, plan).dump();
  }
  if (limit) plan.body["Limit"] = *limit;
  if (consistent) plan.body["ConsistentRead"] = *consistent;
  if (token) plan.body["ExclusiveStartKey"] = startKey(*token);
  const Json response = run(session, plan);
  Json result = Json::object({{"Items", response.value("Items", Json::array())}});
  if (response.contains("LastEvaluatedKey")) {
    result["NextToken"] = nextToken(response["LastEvaluatedKey"]);
  }
  if (response.contains("ConsumedCapacity"))
    result["ConsumedCapacity"] = response["ConsumedCapacity"];
  return result.dump();
}

std::string batchExecuteStatement(Session& session, const Json& body) {
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
      statements[i] = parseStatement(*texts[i]);
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
          planStatement(session.tables(), statement, parameters[i], KeyLookup::Batch);
      if (isRead(statement)) {
        if (consistent[i]) plan.body["ConsistentRead"] = *consistent[i];
        const Json item = run(session, plan);
        if (item.contains("Item")) response["Item"] = item["Item"];
      } else {
        if (onFailure[i]) plan.body["ReturnValuesOnConditionCheckFailure"] = *onFailure[i];
        runWrite(session, statement, plan);
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

std::string executeTransaction(Session& session, const Json& body) {
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
  for (const std::string* text : texts) statements.push_back(parseStatement(*text));
  refuseMixedStatements(statements, "Transaction must contain only reads or only writes");
  const bool reads = isRead(*statements.front());

  Json items = Json::array();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    PlannedRequest plan =
        planStatement(session.tables(), *statements[i], parameters[i], KeyLookup::Transaction);
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
  if (reads) return session.answerText("TransactGetItems", transaction);
  if (token) transaction["ClientRequestToken"] = *token;
  try {
    // A transaction of writes answers an empty Responses list (beside ConsumedCapacity).
    Json response = session.answer("TransactWriteItems", transaction);
    response["Responses"] = Json::array();
    return response.dump();
  } catch (const DynamoError& error) {
    if (error.type != "TransactionCanceledException") throw;
    // An INSERT whose key exists is cancelled as DuplicateItem, not as a failed condition; the
    // message lists the codes, as the engine's does.
    Json extra = extraMembers(error);
    Json& reasons = extra["CancellationReasons"];
    std::string codes;
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      Json& reason = reasons[i];
      if (i < statements.size() && statements[i]->kind == StatementKind::Insert &&
          reason.value("Code", "") == "ConditionalCheckFailed") {
        reason["Code"] = "DuplicateItem";
        reason["Message"] = duplicateItem().message;
      }
      codes += (codes.empty() ? "" : ", ") + reason.value("Code", "None");
    }
    throw DynamoError{error.type,
                      "Transaction cancelled, please refer cancellation reasons for specific "
                      "reasons [" +
                          codes + "]",
                      membersText(extra)};
  }
}

}  // namespace

bool answers(std::string_view operation) {
  return operation == "ExecuteStatement" || operation == "BatchExecuteStatement" ||
         operation == "ExecuteTransaction";
}

Response execute(std::string_view operation, std::string_view body, const RunRequest& run) {
  Session session(run);
  try {
    // As the engine does (api/engine.cpp): a non-empty body is parsed before anything else.
    std::optional<Json> request;
    if (!body.empty()) request = parseRequestBody(body);
    if (!answers(operation)) return {false, errorBody({"UnknownOperationException", ""})};
    if (!request) throw serializationError("");
    std::string answer = operation == "ExecuteStatement" ? executeStatement(session, *request)
                         : operation == "BatchExecuteStatement"
                             ? batchExecuteStatement(session, *request)
                             : executeTransaction(session, *request);
    return {true, std::move(answer), session.wrote()};
  } catch (const DynamoError& error) {
    return {false, errorBody(error), session.wrote()};
  } catch (const std::bad_alloc&) {
    return {false, errorBody({"InternalServerError", "Out of memory"}), session.wrote()};
  } catch (const std::exception& error) {
    return {false, errorBody({"InternalServerError", error.what()}), session.wrote()};
  }
}

}  // namespace pd::partiql
