// PartiQL expressions as DynamoDB expression text: every name becomes a #placeholder and every
// value a :placeholder, so that the engine's own expression parsers and evaluator (core/expr)
// do the work, with the request's `?` parameters substituted.
#pragma once

#include <map>
#include <string>

#include "api/partiql/ast.h"

namespace pd::partiql {

class ExpressionText {
 public:
  // `parameters` is the request's Parameters list (null when absent); checked by the caller
  // to hold as many values as the statement has `?`.
  explicit ExpressionText(const Json* parameters) : parameters_(parameters) {}

  // The wire AttributeValue a value node stands for (literals, parameters, [..], {..}, <<..>>).
  Json value(const Node& node) const;
  bool isValue(const Node& node) const;

  std::string name(const std::string& attribute);
  std::string path(const Path& path);
  std::string condition(const Node& node);
  // An operand of SET: a value, a path, `a + b`, `a - b`, list_append or if_not_exists.
  std::string updateOperand(const Node& node);
  std::string placeholder(Json wire);

  // Adds ExpressionAttributeNames and ExpressionAttributeValues when there are any.
  void addTo(Json& request) const;

 private:
  std::string operand(const Node& node);

  const Json* parameters_;
  Json names_ = Json::object();
  Json values_ = Json::object();
  std::map<std::string, std::string> nameOf_;
};

}  // namespace pd::partiql
