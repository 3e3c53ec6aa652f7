#include "api/items/conditions.h"

#include "api/items/item_common.h"
#include "api/legacy/legacy_conditions.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {

void enforceCondition(const std::optional<expr::ConditionExpression>& condition, const Item* item,
                      bool returnOldItem) {
  if (!condition || condition->evaluate(item)) return;
  DynamoError error{"ConditionalCheckFailedException", "The conditional request failed"};
  if (returnOldItem && item) {
    JsonWriter members;
    members.key("Item");
    writeItem(members, *item);
    error.extraMembers = members.take();
  }
  throw error;
}

void WriteCondition::readLegacy(const Fields& request, Constraints& constraints) {
  operator_ = readConditionalOperator(request, constraints);
  expected_ = readExpected(request, constraints);
}

void WriteCondition::readExpression(const Fields& request, Constraints& constraints) {
  text_ = request.string("ConditionExpression");
  onFailure_ = request.string("ReturnValuesOnConditionCheckFailure");
  constraints.oneOf(onFailure_, kReturnValuesOnFailure, "returnValuesOnConditionCheckFailure");
}

std::vector<NamedParameter> WriteCondition::legacyParameters() const {
  return {{"Expected", expected_ != nullptr}, {"ConditionalOperator", operator_ != nullptr}};
}

void WriteCondition::checkOperator() const {
  checkConditionalOperator(operator_, expected_);
}

void WriteCondition::translateLegacy() {
  condition_ = translateExpected(expected_, operator_);
}

void WriteCondition::parse(expr::Placeholders& placeholders) {
  if (!condition_) condition_ = parseCondition(text_, placeholders);
}

void WriteCondition::enforce(const std::optional<Item>& current) const {
  enforceCondition(condition_, current ? &*current : nullptr, wantsOld(onFailure_));
}

}  // namespace pd
