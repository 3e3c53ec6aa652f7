// UpdateItem's legacy AttributeUpdates: per top-level attribute, an Action (PUT, the default;
// ADD; DELETE) and an optional Value, applied directly with DynamoDB's legacy semantics:
//   PUT     sets the attribute;
//   ADD     adds to a number (a missing one counts as 0), unions a set, appends to a list;
//   DELETE  without a value removes the attribute; with a set value removes those elements
//           (an emptied set disappears).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/request_fields.h"
#include "expr/document_path.h"
#include "model/attribute_value.h"

namespace pd {

class LegacyUpdates {
 public:
  // Stage 1 and 2: the JSON types and the Action enum constraint.
  static const Json* read(const Fields& request, Constraints& constraints);

  // Stage 3 (after the Key values, before Expected): the values and DynamoDB's rules
  // ("Only DELETE action is allowed when no attribute value is specified", ...).
  static LegacyUpdates parse(const Json& wire);

  // The item after the updates; "Type mismatch for attribute to update" when ADD or DELETE
  // meets an attribute of another type.
  Item apply(const Item& item) const;

  // The updated attributes, for ReturnValues UPDATED_OLD / UPDATED_NEW.
  std::vector<expr::DocumentPath> targetPaths() const;

  // "One or more parameter values were invalid: Cannot update attribute <k>. This attribute
  // is part of the key".
  void checkKeysNotUpdated(const std::vector<std::string>& keyNames) const;

 private:
  enum class Action { Put, Add, Delete };
  struct Update {
    std::string attribute;
    Action action = Action::Put;
    std::optional<AttributeValue> value;
  };
  std::vector<Update> updates_;
};

}  // namespace pd
