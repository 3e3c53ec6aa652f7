// Conditional writes: the condition of a PutItem, UpdateItem or DeleteItem (ConditionExpression,
// or the legacy Expected), checked against the item as it is before the write.
#pragma once

#include <optional>

#include "expr/expressions.h"
#include "model/attribute_value.h"

namespace pd {

// Throws ConditionalCheckFailedException ("The conditional request failed") when the item (null
// when there is none) does not satisfy `condition`; with `returnOldItem`
// (ReturnValuesOnConditionCheckFailure ALL_OLD) the error carries the item.
void enforceCondition(const std::optional<expr::ConditionExpression>& condition, const Item* item,
                      bool returnOldItem);

}  // namespace pd
