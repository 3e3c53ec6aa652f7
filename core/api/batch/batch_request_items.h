// The RequestItems map of BatchGetItem and BatchWriteItem: a map from table name to that
// table's requests, checked as DynamoDB checks it (its JSON type, then "Member must not be
// null", its length, and the "Map keys must satisfy constraint" rule for bad table names).
#pragma once

#include <cstddef>
#include <string>

#include "api/wire/request_fields.h"

namespace pd {

// The Java types DynamoDB names in a RequestItems type error.
extern const char* const kKeysAndAttributesType;
extern const char* const kWriteRequestsType;

// RequestItems read and its map-level constraints added; null when absent.
const Json* readRequestItems(const Fields& request, Constraints& constraints,
                             const char* valueType);

// An empty map, once the constraint list passed: "The requestItems parameter is required for
// <operation>".
void checkRequestItemsNotEmpty(const Json* requestItems, const char* operation);

// BatchWriteItem: "Map value must satisfy constraint" when a table's list is outside min..max.
void checkWriteListLengths(const Json& requestItems, Constraints& constraints, std::size_t min,
                           std::size_t max);

// A list as a Java List prints it, for a constraint message: "[a, b]" with each element's JSON.
std::string javaListText(const Json& list);

}  // namespace pd
