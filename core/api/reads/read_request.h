// What Query and Scan share before and after the table lookup: the parameters both take,
// DynamoDB's rules on mixing expressions with the legacy parameters, Select, the
// ExclusiveStartKey's values, and key attributes inside expressions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/wire/expression_params.h"
#include "api/wire/request_fields.h"
#include "expr/expressions.h"
#include "store/table.h"

namespace pd {

extern const std::vector<std::string> kSelect;

// The parameters Query and Scan have in common, read (stage 1) by each operation in the order
// DynamoDB lists its constraints.
struct ReadRequest {
  const std::string* tableName = nullptr;
  const std::string* indexName = nullptr;
  const std::string* select = nullptr;
  const std::string* capacity = nullptr;
  const std::string* conditionalOperator = nullptr;
  const Json* attributesToGet = nullptr;
  const Json* legacyFilter = nullptr;  // QueryFilter or ScanFilter
  const Json* startKey = nullptr;
  const std::string* filterText = nullptr;
  const std::string* projectionText = nullptr;
  std::optional<std::int64_t> limit;
  bool consistentRead = false;
};

// IndexName follows TableName's pattern and length rules.
void checkIndexName(const std::string* indexName, Constraints& constraints);

// DynamoDB's first rules on expression parameters, before any value is looked at: no mixing
// of `expressions` with `legacy` (both in DynamoDB's order), and the attribute maps only with
// expressions (`valueExpressions` being the ones that take values).
void checkExpressionUse(const ExpressionParams& params,
                        const std::vector<NamedParameter>& expressions,
                        const std::vector<NamedParameter>& valueExpressions,
                        const std::vector<NamedParameter>& legacy);

// The ExclusiveStartKey's attribute values, with DynamoDB's "The provided starting key is
// invalid: " prefix on the messages it prefixes. A value nested too deep is reported bare by
// Query (`nesting` Bare) and prefixed, inside the validation envelope, by Scan.
std::optional<Item> parseStartKey(const Json* wire, Envelope nesting);

// Select against the projection and IndexName (index_read.h checks Select against the index).
void checkSelect(const ReadRequest& request);

// The projection to apply (nullopt for whole items); AttributesToGet duplicates are refused.
std::optional<expr::ProjectionExpression> attributesToGetProjection(const Json* attributesToGet);

// "Key attributes must be scalars; ..." when one of `paths` goes inside a key attribute.
void checkKeyPathsScalar(const std::vector<expr::DocumentPath>& paths, const KeyAttributes& keys);

// Every document path an expression mentions.
std::vector<expr::DocumentPath> pathsOf(const expr::ConditionExpression& expression);

}  // namespace pd
