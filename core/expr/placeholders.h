// Stage 2 input: ExpressionAttributeNames and ExpressionAttributeValues of one request,
// shared by all its expressions, recording which entries the expressions used so the
// request can be rejected for unused ones afterwards (DynamoDB checks that last).
#pragma once

#include <map>
#include <set>
#include <string>

#include "model/attribute_value.h"

namespace pd::expr {

class Placeholders {
 public:
  Placeholders() = default;
  // `names`: "#n" -> attribute name; `values`: ":v" -> value (already validated).
  Placeholders(std::map<std::string, std::string> names, Item values)
      : names_(std::move(names)), values_(std::move(values)) {}

  // The attribute name for "#n" (marking it used), or nullptr when it is not defined.
  const std::string* name(const std::string& placeholder);
  // The value for ":v" (marking it used), or nullptr when it is not defined.
  const AttributeValue* value(const std::string& placeholder);

  const std::set<std::string>& usedNames() const { return usedNames_; }
  const std::set<std::string>& usedValues() const { return usedValues_; }

  // Throws "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}"
  // (names first), then the same for ExpressionAttributeValues. Call after parsing every
  // expression of the request.
  void checkAllUsed() const;

 private:
  std::map<std::string, std::string> names_;
  Item values_;
  std::set<std::string> usedNames_;
  std::set<std::string> usedValues_;
};

}  // namespace pd::expr
