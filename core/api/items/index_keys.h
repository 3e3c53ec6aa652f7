// The index key attributes of an item about to be written: DynamoDB refuses the write when one
// has another type than the index's key schema says, or is an empty string or binary.
#pragma once

#include "model/attribute_value.h"
#include "store/table.h"

namespace pd {

// Throws ValidationException for the first offending index key (indexes in table order).
void checkIndexKeys(const Table& table, const Item& item);

}  // namespace pd
