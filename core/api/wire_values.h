// AttributeValues and items between DynamoDB's JSON wire form and the in-memory form.
// Two stages, in DynamoDB's order: the JSON types of the whole request are checked first
// (SerializationException), the values themselves later (ValidationException).
#pragma once

#include "api/wire_types.h"

#include "api/json_writer.h"
#include "model/attribute_value.h"

namespace pd {

// Stage 1: JSON types only. Throws SerializationException.
void checkAttributeMapTypes(const Json& wire);
void checkAttributeValueTypes(const Json& wire);
// Stage 2: values. Throws ValidationException. Call on a map that passed stage 1.
Item parseItem(const Json& wire);
AttributeValue parseAttributeValue(const Json& wire, int depth = 0);

void writeAttributeValue(JsonWriter& out, const AttributeValue& value);
void writeItem(JsonWriter& out, const Item& item);

}  // namespace pd
