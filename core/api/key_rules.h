// A table's primary key applied to requests: checking an Item or a Key against the key schema
// with DynamoDB's messages, and turning it into the store's order key.
#pragma once

#include <string>

#include "model/attribute_value.h"
#include "store/table.h"

namespace pd {

// PutItem's Item: every key attribute present, of the schema's type, non-empty, within size.
std::string orderKeyOfItem(const TableSchema& schema, const Item& item);

// GetItem's / DeleteItem's Key: exactly the key attributes, of the schema's types.
std::string orderKeyOfKey(const TableSchema& schema, const Item& key);

// The key attributes of an item, as a Key map.
Item keyOf(const TableSchema& schema, const Item& item);

}  // namespace pd
