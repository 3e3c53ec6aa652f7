// JSON-type helpers shared by the legacy parameters (Expected, QueryFilter, ScanFilter,
// KeyConditions, AttributeUpdates): maps of structures keyed by attribute name.
#pragma once

#include <string>

#include "api/wire/request_fields.h"

namespace pd {

// A map of `className` structures (ExpectedAttributeValue, Condition, AttributeValueUpdate):
// SerializationException for a JSON value of the wrong kind. Null when absent.
const Json* readStructureMap(const Fields& request, const char* name, const char* className);

// "AttributeUpdates" -> "attributeUpdates", as constraint paths spell parameters.
std::string lowerFirst(const std::string& name);

}  // namespace pd
