// Which attributes a read returns: a ProjectionExpression (document paths) or the legacy
// AttributesToGet (top-level names).
#pragma once

#include <optional>
#include <string>

#include "api/wire/request_fields.h"
#include "expr/expressions.h"

namespace pd {

// Stage 1 and 2: AttributesToGet's JSON types and its length constraint (`path` names it in
// the constraint message; BatchGetItem's is "requestItems.<table>.member.attributesToGet").
const Json* readAttributesToGet(const Fields& request, Constraints& constraints,
                                const std::string& path = "attributesToGet");

// After ExpressionParams::check: the projection to apply, or nullopt for whole items.
// Duplicate AttributesToGet names are rejected as DynamoDB rejects them.
std::optional<expr::ProjectionExpression> resolveProjection(const Json* attributesToGet,
                                                            const std::string* expression,
                                                            expr::Placeholders& placeholders);

}  // namespace pd
