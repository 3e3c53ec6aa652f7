// Which attributes a read returns: ProjectionExpression (top-level names and #name
// placeholders) or the legacy AttributesToGet. Nested document paths arrive with the
// expression language.
#pragma once

#include <string>
#include <vector>

#include "api/request.h"
#include "model/attribute_value.h"

namespace pd {

class Projection {
 public:
  Projection() = default;
  explicit Projection(std::vector<std::string> names) : names_(std::move(names)), all_(false) {}

  bool all() const { return all_; }
  Item apply(Item item) const;

 private:
  std::vector<std::string> names_;
  bool all_ = true;
};

// Reads AttributesToGet (constraints) and ProjectionExpression with ExpressionAttributeNames.
// Call before constraints.check(); the expression itself is checked by resolveProjection.
struct ProjectionRequest {
  const Json* attributesToGet = nullptr;
  const std::string* expression = nullptr;
  const Json* names = nullptr;  // ExpressionAttributeNames
};
ProjectionRequest readProjectionRequest(const Fields& request, Constraints& constraints);
// How the expression and legacy parameters may be combined. DynamoDB checks this before the
// values of the Key; resolveProjection repeats it.
void checkExpressionParameters(const ProjectionRequest& request);
Projection resolveProjection(const ProjectionRequest& request);

}  // namespace pd
