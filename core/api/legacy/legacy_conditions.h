// DynamoDB's legacy (pre-expression) conditional parameters, translated onto the expression
// evaluator: Expected (PutItem, UpdateItem, DeleteItem), QueryFilter and ScanFilter (with
// ConditionalOperator), and Query's KeyConditions.
//
// Each parameter is read in DynamoDB's three stages:
//   1. JSON types (SerializationException), while the request's fields are read:
//        readExpected / readConditionMap / readConditionalOperator; they also add the enum
//        constraints ("Value 'X' at 'expected.a.member.comparisonOperator' ...") to
//        `constraints`, which the operation checks with its others.
//   2. After ExpressionParams::check (which must list "ConditionalOperator" among the legacy
//        parameters, after the Expected/filter one): checkConditionalOperator.
//   3. translateExpected / translateFilter / translateKeyConditions: the per-attribute rules
//        (arity, types, BETWEEN bounds) with DynamoDB's messages, then the AST.
//
// Query (core/api/reads/query_scan.cpp) is expected to call, in this order:
//   const Json* keyConditions = readConditionMap(request, "KeyConditions", constraints);
//   const Json* queryFilter = readConditionMap(request, "QueryFilter", constraints);
//   const std::string* op = readConditionalOperator(request, constraints);
//   constraints.check();
//   params.check({...}, projection, {{"AttributesToGet", ...}, {"QueryFilter", queryFilter},
//                {"ConditionalOperator", op}, {"KeyConditions", keyConditions && keyExpr}});
//   checkConditionalOperator(op, queryFilter);
//   auto filter = translateFilter(queryFilter, op);      // before AttributesToGet duplicates,
//                                                        // ExclusiveStartKey and "Either the
//                                                        // KeyConditions or ..."
//   ... parse the expressions, placeholders.checkAllUsed() ...
//   auto parts = translateKeyConditions(*keyConditions); // then expr::matchKeySchema(parts, ...)
// Scan does the same with "ScanFilter" (no KeyConditions). A filter condition evaluates like a
// FilterExpression: filter->evaluate(item).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/request_fields.h"
#include "expr/expressions.h"

namespace pd {

// Stage 1 and 2 of Expected: a map of ExpectedAttributeValue structures.
const Json* readExpected(const Fields& request, Constraints& constraints);

// Stage 1 and 2 of QueryFilter, ScanFilter or KeyConditions (`name`): a map of Condition
// structures whose ComparisonOperator is required.
const Json* readConditionMap(const Fields& request, const char* name, Constraints& constraints);

// Stage 1 and 2 of ConditionalOperator (AND or OR).
const std::string* readConditionalOperator(const Fields& request, Constraints& constraints);

// "ConditionalOperator cannot be used without Filter or Expected" (no or an empty map) and
// "ConditionalOperator can only be used when Filter or Expected has two or more elements".
// `conditions` is the request's Expected, QueryFilter or ScanFilter (null when absent).
void checkConditionalOperator(const std::string* conditionalOperator, const Json* conditions);

// Expected as a ConditionExpression (nullopt when absent or empty).
std::optional<expr::ConditionExpression> translateExpected(const Json* expected,
                                                           const std::string* conditionalOperator);

// QueryFilter or ScanFilter as a filter condition (nullopt when absent or empty).
std::optional<expr::ConditionExpression> translateFilter(const Json* filter,
                                                         const std::string* conditionalOperator);

// KeyConditions checked like a filter, then "Conditions can be of length 1 or 2 only", then
// "Attempted conditional constraint is not an indexable operation" for NE, IN, NULL, NOT_NULL,
// CONTAINS and NOT_CONTAINS. The parts are in the map's order; match them to the key schema
// with expr::matchKeySchema. (DynamoDB also reports "One or more parameter values were
// invalid: Condition parameter type does not match schema type" once the schema is known.)
std::vector<expr::KeyConditionPart> translateKeyConditions(const Json& keyConditions);

}  // namespace pd
