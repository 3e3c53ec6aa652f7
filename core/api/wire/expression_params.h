// A request's expression parameters around the expressions themselves: ExpressionAttributeNames
// and ExpressionAttributeValues, and the rules DynamoDB applies to them before it parses any
// expression (no mixing with the legacy parameters, no maps without expressions, no empty
// maps, keys spelled #name and :value, valid values).
#pragma once

#include <string>
#include <vector>

#include "api/wire/request_fields.h"
#include "expr/placeholders.h"

namespace pd {

struct NamedParameter {
  const char* name;
  bool present;
};

class ExpressionParams {
 public:
  // Stage 1: the JSON types of both maps.
  explicit ExpressionParams(const Fields& request);

  // The parameter-level rules. `valueExpressions` are the operation's expressions that can
  // use values, in the order DynamoDB names them in "... are null"; `projection` tells whether
  // a ProjectionExpression was given (it may use names, never values). `legacy` are the
  // operation's non-expression parameters.
  void check(const std::vector<NamedParameter>& valueExpressions, bool projection,
             const std::vector<NamedParameter>& legacy) const;

  // The maps checked (not empty, keys, then values), as placeholders for the expressions.
  expr::Placeholders placeholders() const;

  bool hasNames() const { return names_ != nullptr; }
  bool hasValues() const { return values_ != nullptr; }

 private:
  const Json* names_ = nullptr;
  const Json* values_ = nullptr;
};

}  // namespace pd
