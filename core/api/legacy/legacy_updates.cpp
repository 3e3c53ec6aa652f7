#include "api/legacy/legacy_updates.h"

#include <algorithm>
#include <iterator>

#include "api/legacy/legacy_wire.h"
#include "api/wire/wire_values.h"
#include "model/decimal.h"
#include "model/errors.h"

namespace pd {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

bool isSet(AttrType type) {
  return type == AttrType::SS || type == AttrType::NS || type == AttrType::BS;
}

[[noreturn]] void typeMismatch() {
  throw validationError("Type mismatch for attribute to update");
}

void add(Item& item, const std::string& attribute, const AttributeValue& operand) {
  const auto found = item.find(attribute);
  if (found == item.end()) {
    item[attribute] = operand;
    return;
  }
  AttributeValue& existing = found->second;
  if (existing.type != operand.type) typeMismatch();
  if (operand.type == AttrType::N) {
    existing.scalar =
        Decimal::parse(existing.scalar).add(Decimal::parse(operand.scalar)).toString();
  } else if (operand.type == AttrType::L) {
    // Legacy ADD appends to a list, which the ADD of an UpdateExpression refuses.
    existing.list.insert(existing.list.end(), operand.list.begin(), operand.list.end());
  } else {
    std::vector<std::string> merged;
    std::set_union(existing.set.begin(), existing.set.end(), operand.set.begin(), operand.set.end(),
                   std::back_inserter(merged));
    existing.set = std::move(merged);
  }
}

void removeElements(Item& item, const std::string& attribute, const AttributeValue& operand) {
  const auto found = item.find(attribute);
  if (found == item.end()) return;
  AttributeValue& existing = found->second;
  if (existing.type != operand.type) typeMismatch();
  std::vector<std::string> kept;
  std::set_difference(existing.set.begin(), existing.set.end(), operand.set.begin(),
                      operand.set.end(), std::back_inserter(kept));
  existing.set = std::move(kept);
  if (existing.set.empty()) item.erase(found);  // DynamoDB has no empty sets
}

}  // namespace

const Json* LegacyUpdates::read(const Fields& request, Constraints& constraints) {
  const Json* map = readStructureMap(request, "AttributeUpdates", "AttributeValueUpdate");
  if (!map) return nullptr;
  for (const auto& [attribute, wire] : map->items()) {
    if (wire.is_null()) continue;
    const Fields fields(wire);
    // DynamoDB's enum order (its Java HashSet's), as it prints it.
    constraints.oneOf(fields.string("Action"), {"ADD", "DELETE", "PUT"},
                      "attributeUpdates." + attribute + ".member.action");
    const Json* value = fields.structure("Value", "AttributeValue");
    if (value) checkAttributeValueTypes(*value);
  }
  return map;
}

LegacyUpdates LegacyUpdates::parse(const Json& wire) {
  LegacyUpdates out;
  for (const auto& [attribute, entry] : wire.items()) {
    if (entry.is_null()) continue;
    checkAttributeNameSize(attribute);
    const Fields fields(entry);
    Update update;
    update.attribute = attribute;
    const std::string* action = fields.string("Action");
    if (action && *action == "ADD") update.action = Action::Add;
    if (action && *action == "DELETE") update.action = Action::Delete;
    if (const Json* value = fields.structure("Value", "AttributeValue")) {
      update.value = parseAttributeValue(*value);
    }
    if (!update.value && update.action != Action::Delete) {
      throw validationError(kInvalid +
                            "Only DELETE action is allowed when no attribute value is specified");
    }
    const char* type = update.value ? typeName(update.value->type) : "";
    if (update.value && update.action == Action::Delete && !isSet(update.value->type)) {
      throw validationError(kInvalid + "DELETE action with value is not supported for the type " +
                            type);
    }
    if (update.value && update.action == Action::Add && !isSet(update.value->type) &&
        update.value->type != AttrType::N && update.value->type != AttrType::L) {
      throw validationError(kInvalid + "ADD action is not supported for the type " + type);
    }
    out.updates_.push_back(std::move(update));
  }
  return out;
}

Item LegacyUpdates::apply(const Item& item) const {
  Item updated = item;
  for (const auto& update : updates_) {
    switch (update.action) {
      case Action::Put:
        updated[update.attribute] = *update.value;
        break;
      case Action::Add:
        add(updated, update.attribute, *update.value);
        break;
      case Action::Delete:
        if (update.value) {
          removeElements(updated, update.attribute, *update.value);
        } else {
          updated.erase(update.attribute);
        }
        break;
    }
  }
  return updated;
}

std::vector<expr::DocumentPath> LegacyUpdates::targetPaths() const {
  std::vector<expr::DocumentPath> paths;
  for (const auto& update : updates_) {
    expr::PathElement element;
    element.name = update.attribute;
    paths.push_back({element});
  }
  return paths;
}

void LegacyUpdates::checkKeysNotUpdated(const std::vector<std::string>& keyNames) const {
  for (const auto& key : keyNames) {
    for (const auto& update : updates_) {
      if (update.attribute == key) {
        throw validationError(kInvalid + "Cannot update attribute " + key +
                              ". This attribute is part of the key");
      }
    }
  }
}

}  // namespace pd
