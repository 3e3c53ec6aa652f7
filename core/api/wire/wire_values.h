// AttributeValues and items between DynamoDB's JSON wire form and the in-memory form.
// Two stages, in DynamoDB's order: the JSON types of the whole request are checked first
// (SerializationException), the values themselves later (ValidationException).
#pragma once

#include "api/wire/wire_types.h"

#include "model/attribute_value.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {

// Stage 1: JSON types only. Throws SerializationException.
void checkAttributeMapTypes(const Json& wire);
void checkAttributeValueTypes(const Json& wire);
// Stage 2: values. Throws ValidationException. Call on a map that passed stage 1.
// `nesting` is how the member reports a value nested past 32 levels: DynamoDB puts it inside the
// validation envelope for items, DeleteItem's and UpdateItem's Key, Expected and AttributeUpdates,
// and answers it bare for the keys of GetItem, the batch and transaction reads and deletes, a
// Query's ExclusiveStartKey, KeyConditions, QueryFilter and ScanFilter.
Item parseItem(const Json& wire, Envelope nesting = Envelope::Enveloped);
AttributeValue parseAttributeValue(const Json& wire, Envelope nesting = Envelope::Enveloped,
                                   int depth = 0);

// Names of 65536 bytes or more, at any level, are refused with DynamoDB's recorded message.
void checkAttributeNameSize(const std::string& name);

void writeAttributeValue(JsonWriter& out, const AttributeValue& value);
// Both write the document form instead while a DocumentForm is active (document_form.h).
void writeItem(JsonWriter& out, const Item& item);

}  // namespace pd
