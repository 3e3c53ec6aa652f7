// A table's primary key applied to requests: checking an Item or a Key against the key schema
// with DynamoDB's messages, and turning it into the store's order key.
#pragma once

#include <string>
#include <vector>

#include "model/attribute_value.h"
#include "store/table.h"

namespace pd {

// PutItem's Item: every key attribute present, of the schema's type, non-empty, within size.
std::string orderKeyOfItem(const TableSchema& schema, const Item& item);

// How an empty key value is reported: GetItem and DeleteItem say "were invalid:"; the batch and
// transaction operations say "are not valid." as PutItem does.
enum class EmptyKeyWording { WereInvalid, AreNotValid };

// GetItem's / DeleteItem's Key: exactly the key attributes, of the schema's types.
std::string orderKeyOfKey(const TableSchema& schema, const Item& key,
                          EmptyKeyWording wording = EmptyKeyWording::WereInvalid);

// BatchWriteItem's PutRequest item: a key attribute missing or of the wrong type is "The
// provided key element does not match the schema" (not PutItem's messages).
std::string orderKeyOfWriteRequestItem(const TableSchema& schema, const Item& item);

// The transactions reject an empty key value up front (a ValidationException, not a
// cancellation reason): throws for a key attribute of the schema's type that is empty.
void checkKeyValuesNotEmpty(const TableSchema& schema, const Item& itemOrKey);

// The names of the key attributes, hash first.
std::vector<std::string> keyNames(const TableSchema& schema);

// The key attributes of an item, as a Key map.
Item keyOf(const TableSchema& schema, const Item& item);

}  // namespace pd
