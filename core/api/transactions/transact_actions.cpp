#include "api/transactions/transact_actions.h"

#include <set>

#include "api/items/item_common.h"
#include "api/items/key_rules.h"
#include "api/wire/wire_values.h"
#include "model/json_writer.h"

namespace pd {
namespace {

constexpr std::size_t kMaxActions = 100;

struct Member {
  const char* wireName;
  const char* pathName;
  ActionKind kind;
};
// In the order DynamoDB lists their constraint failures.
const Member kWriteMembers[] = {{"ConditionCheck", "conditionCheck", ActionKind::ConditionCheck},
                                {"Delete", "delete", ActionKind::Delete},
                                {"Put", "put", ActionKind::Put},
                                {"Update", "update", ActionKind::Update}};

void readActionBody(TransactAction& action, const Json& body, const std::string& path,
                    Constraints& constraints) {
  const Fields fields(body);
  const bool put = action.kind == ActionKind::Put;
  action.itemOrKey = fields.attributeMap(put ? "Item" : "Key");
  constraints.required(action.itemOrKey != nullptr, path + (put ? "item" : "key"));
  action.tableName = fields.string("TableName");
  constraints.tableName(action.tableName, path + "tableName");
  if (action.kind == ActionKind::Get) {
    action.projectionText = fields.string("ProjectionExpression");
  } else {
    if (action.kind == ActionKind::Update) {
      action.updateText = fields.string("UpdateExpression");
      constraints.required(action.updateText != nullptr, path + "updateExpression");
    }
    action.conditionText = fields.string("ConditionExpression");
    if (action.kind == ActionKind::ConditionCheck) {
      constraints.required(action.conditionText != nullptr, path + "conditionExpression");
    }
    const std::string* onFailure = fields.string("ReturnValuesOnConditionCheckFailure");
    constraints.oneOf(onFailure, kReturnValuesOnFailure,
                      path + "returnValuesOnConditionCheckFailure");
    action.returnOldOnFailure = wantsOld(onFailure);
  }
  action.params.emplace(fields);
}

TransactAction readWriteAction(const Json& element, const std::string& path,
                               Constraints& constraints) {
  expectListElementStructure(element, "TransactWriteItem");
  const Fields fields(element);
  TransactAction action;
  for (const auto& member : kWriteMembers) {
    const Json* body = fields.structure(member.wireName, member.wireName);
    if (!body) continue;
    if (++action.members > 1) continue;  // only the constraints of the first are listed
    action.kind = member.kind;
    readActionBody(action, *body, path + member.pathName + ".", constraints);
  }
  return action;
}

TransactAction readGetAction(const Json& element, const std::string& path,
                             Constraints& constraints) {
  expectListElementStructure(element, "TransactGetItem");
  const Json* body = Fields(element).structure("Get", "Get");
  TransactAction action;
  constraints.required(body != nullptr, path + "get");
  if (body) {
    action.members = 1;
    readActionBody(action, *body, path + "get.", constraints);
  }
  return action;
}

}  // namespace

std::vector<TransactAction> readTransactItems(const Fields& request, Constraints& constraints,
                                              bool writes) {
  const Json* items =
      request.list("TransactItems", writes ? "TransactWriteItem" : "TransactGetItem");
  std::vector<TransactAction> actions;
  if (!items) {
    constraints.required(false, "transactItems");
    return actions;
  }
  if (items->empty()) {
    constraints.fail("'[]'", "transactItems", "Member must have length greater than or equal to 1");
  } else if (items->size() > kMaxActions) {
    constraints.fail("'" + items->dump() + "'", "transactItems",
                     "Member must have length less than or equal to 100");
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = "transactItems." + std::to_string(i + 1) + ".member.";
    actions.push_back(writes ? readWriteAction((*items)[i], path, constraints)
                             : readGetAction((*items)[i], path, constraints));
  }
  return actions;
}

void resolveAction(TransactAction& action) {
  if (action.members != 1) {
    throw validationError("TransactItems can only contain one of Check, Put, Update or Delete");
  }
  std::vector<NamedParameter> expressions;
  if (action.kind == ActionKind::Update) expressions.push_back({"UpdateExpression", true});
  if (action.kind != ActionKind::Get) {
    expressions.push_back({"ConditionExpression", action.conditionText != nullptr});
  }
  action.params->check(expressions, action.projectionText != nullptr, {});
  // Only an item to put reports a value nested too deep inside the validation envelope.
  action.item = parseItem(*action.itemOrKey,
                          action.kind == ActionKind::Put ? Envelope::Enveloped : Envelope::Bare);
  if (action.kind == ActionKind::Put) action.putSize = checkedPutSize(action.item);
  expr::Placeholders placeholders = action.params->placeholders();
  if (action.updateText) {
    action.update = expr::UpdateExpression::parse(*action.updateText, placeholders);
  }
  action.condition = parseCondition(action.conditionText, placeholders);
  if (action.projectionText) {
    action.projection = expr::ProjectionExpression::parse(*action.projectionText, placeholders);
  }
  placeholders.checkAllUsed();
}

void resolveActionKeys(std::vector<TransactAction>& actions) {
  for (auto& action : actions) {
    const TableSchema& schema = action.table->schema();
    if (action.update) action.update->checkKeysNotUpdated(keyNames(schema));
    checkKeyValuesNotEmpty(schema, action.item);
  }
  std::vector<CancellationReason> reasons(actions.size());
  bool failed = false;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    auto& action = actions[i];
    const TableSchema& schema = action.table->schema();
    try {
      action.orderKey = action.kind == ActionKind::Put
                            ? orderKeyOfItem(schema, action.item)
                            : orderKeyOfKey(schema, action.item, EmptyKeyWording::AreNotValid);
    } catch (const DynamoError& error) {
      reasons[i] = {"ValidationError", error.message, std::nullopt};
      failed = true;
    }
  }
  if (failed) throw cancellationError(reasons);
  std::set<std::string> targets;
  for (const auto& action : actions) {
    if (!targets.insert(action.table->schema().name + '\0' + action.orderKey).second) {
      throw validationError("Transaction request cannot include multiple operations on one item");
    }
  }
}

DynamoError cancellationError(const std::vector<CancellationReason>& reasons) {
  std::string codes;
  JsonWriter members;
  members.key("CancellationReasons").beginArray();
  for (const auto& reason : reasons) {
    codes += (codes.empty() ? "" : ", ") + reason.code;
    members.beginObject().key("Code").string(reason.code);
    if (!reason.message.empty()) members.key("Message").string(reason.message);
    if (reason.item) {
      members.key("Item");
      writeItem(members, *reason.item);
    }
    members.endObject();
  }
  members.endArray();
  DynamoError error{"TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific "
                    "reasons [" +
                        codes + "]"};
  error.extraMembers = members.take();
  return error;
}

}  // namespace pd
