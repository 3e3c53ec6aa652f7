// Stage 3 for updates: applying checked, resolved actions to an item.
// Every SET value is computed from the item as it was before the update; actions then apply
// in path order (list indexes ascending, so "SET l[5] = :a, l[3] = :b" on a short list
// appends :b then :a), and REMOVEs last from the highest list index down, so indexes name
// the elements of the original list.
#pragma once

#include <vector>

#include "expr/update_parser.h"
#include "model/attribute_value.h"

namespace pd::expr {

// The item after the update. Throws DynamoDB's ValidationExceptions:
//   "The provided expression refers to an attribute that does not exist in the item"
//   "An operand in the update expression has an incorrect data type"
//   "The document path provided in the update expression is invalid for update"
// On a new item (`itemExists` false, `item` holding only the key) REMOVE has nothing to
// remove: DynamoDB ignores every REMOVE path there, even one under a missing parent.
Item applyUpdate(const std::vector<UpdateAction>& actions, const Item& item, bool itemExists);

}  // namespace pd::expr
