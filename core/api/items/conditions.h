// Conditional writes: the condition of a PutItem, UpdateItem or DeleteItem (ConditionExpression,
// or the legacy Expected with ConditionalOperator), checked against the item as it is before
// the write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/expression_params.h"
#include "api/wire/request_fields.h"
#include "expr/expressions.h"
#include "model/attribute_value.h"

namespace pd {

// Throws ConditionalCheckFailedException ("The conditional request failed") when the item (null
// when there is none) does not satisfy `condition`; with `returnOldItem`
// (ReturnValuesOnConditionCheckFailure ALL_OLD) the error carries the item.
void enforceCondition(const std::optional<expr::ConditionExpression>& condition, const Item* item,
                      bool returnOldItem);

// The condition parameters of one write request, read and resolved in DynamoDB's order. The
// operation calls each step where its own order of checks puts it.
class WriteCondition {
 public:
  // Stage 1 and 2: ConditionalOperator and Expected (JSON types, constraints).
  void readLegacy(const Fields& request, Constraints& constraints);
  // Stage 1 and 2: ConditionExpression and ReturnValuesOnConditionCheckFailure.
  void readExpression(const Fields& request, Constraints& constraints);

  NamedParameter expressionParameter() const { return {"ConditionExpression", text_ != nullptr}; }
  // Expected and ConditionalOperator, for the rule against mixing them with expressions.
  std::vector<NamedParameter> legacyParameters() const;

  // The ConditionalOperator rules.
  void checkOperator() const;
  // The legacy Expected translated, with its own messages.
  void translateLegacy();
  // The ConditionExpression parsed, when the condition is not the legacy one.
  void parse(expr::Placeholders& placeholders);

  void enforce(const std::optional<Item>& current) const;
  bool present() const { return condition_.has_value(); }

 private:
  const std::string* operator_ = nullptr;
  const Json* expected_ = nullptr;
  const std::string* text_ = nullptr;
  const std::string* onFailure_ = nullptr;
  std::optional<expr::ConditionExpression> condition_;
};

}  // namespace pd
