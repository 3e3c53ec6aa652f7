#include "api/conditions.h"

#include "api/errors.h"
#include "api/json_writer.h"
#include "api/wire_values.h"

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

}  // namespace pd
