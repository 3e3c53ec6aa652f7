#include "expr/update_apply.h"

#include <algorithm>
#include <iterator>

#include "model/decimal.h"
#include "model/errors.h"

namespace pd::expr {
namespace {

[[noreturn]] void missingAttribute() {
  throw validationError(
      "The provided expression refers to an attribute that does not exist in the item");
}
[[noreturn]] void wrongType() {
  throw validationError("An operand in the update expression has an incorrect data type");
}
[[noreturn]] void invalidPath() {
  throw validationError(
      "The document path provided in the update expression is invalid for update");
}

AttributeValue evaluate(const Node& node, const Item& item) {
  switch (node.type) {
    case NodeType::Value:
      return *node.value;
    case NodeType::Path: {
      const AttributeValue* found = findPath(item, node.path);
      if (!found) missingAttribute();
      return *found;
    }
    case NodeType::Plus:
    case NodeType::Minus: {
      AttributeValue left = evaluate(*node.children[0], item);
      AttributeValue right = evaluate(*node.children[1], item);
      if (left.type != AttrType::N || right.type != AttrType::N) wrongType();
      const Decimal a = Decimal::parse(left.scalar), b = Decimal::parse(right.scalar);
      return AttributeValue::number(
          (node.type == NodeType::Plus ? a.add(b) : a.subtract(b)).toString());
    }
    case NodeType::Function: {
      if (node.name == "if_not_exists") {
        const AttributeValue* found = findPath(item, node.children[0]->path);
        return found ? *found : evaluate(*node.children[1], item);
      }
      AttributeValue left = evaluate(*node.children[0], item);
      AttributeValue right = evaluate(*node.children[1], item);
      if (left.type != AttrType::L || right.type != AttrType::L) wrongType();
      for (auto& element : right.list) left.list.push_back(std::move(element));
      return left;
    }
    default:
      missingAttribute();
  }
}

// Writes `value` at `path`: replaces an existing list element or appends past the end.
void assign(Item& item, const DocumentPath& path, AttributeValue value) {
  if (path.size() == 1) {
    item[path[0].name] = std::move(value);
    return;
  }
  AttributeValue* parent = findParent(item, path);
  if (!parent) invalidPath();
  if (path.back().isIndex()) {
    if (path.back().index < parent->list.size()) {
      parent->list[path.back().index] = std::move(value);
    } else {
      parent->list.push_back(std::move(value));
    }
  } else {
    parent->map[path.back().name] = std::move(value);
  }
}

// The current value at `path` for ADD and DELETE; nullptr when absent. A nested path needs
// its parent to exist.
AttributeValue* current(Item& item, const DocumentPath& path) {
  if (path.size() > 1 && !findParent(item, path)) invalidPath();
  return findPath(item, path);
}

bool isSet(AttrType type) {
  return type == AttrType::SS || type == AttrType::NS || type == AttrType::BS;
}

void add(Item& item, const DocumentPath& path, const AttributeValue& operand) {
  AttributeValue* existing = current(item, path);
  if (!existing) return assign(item, path, operand);
  if (existing->type != operand.type) wrongType();
  if (operand.type == AttrType::N) {
    existing->scalar =
        Decimal::parse(existing->scalar).add(Decimal::parse(operand.scalar)).toString();
    return;
  }
  if (!isSet(operand.type)) wrongType();
  std::vector<std::string> merged;
  std::set_union(existing->set.begin(), existing->set.end(), operand.set.begin(), operand.set.end(),
                 std::back_inserter(merged));
  existing->set = std::move(merged);
}

void remove(Item& item, const DocumentPath& path) {
  if (path.size() == 1) {
    item.erase(path[0].name);
    return;
  }
  AttributeValue* parent = findParent(item, path);
  if (!parent) invalidPath();
  if (path.back().isIndex()) {
    if (path.back().index < parent->list.size()) {
      parent->list.erase(parent->list.begin() + path.back().index);
    }
  } else {
    parent->map.erase(path.back().name);
  }
}

void deleteElements(Item& item, const DocumentPath& path, const AttributeValue& operand) {
  AttributeValue* existing = current(item, path);
  if (!existing) return;
  if (existing->type != operand.type) wrongType();
  std::vector<std::string> kept;
  std::set_difference(existing->set.begin(), existing->set.end(), operand.set.begin(),
                      operand.set.end(), std::back_inserter(kept));
  existing->set = std::move(kept);
  if (existing->set.empty()) remove(item, path);  // DynamoDB has no empty sets
}

}  // namespace

Item applyUpdate(const std::vector<UpdateAction>& actions, const Item& item, bool itemExists) {
  struct Step {
    const UpdateAction* action;
    AttributeValue value;
  };
  std::vector<Step> writes, removes;
  for (const auto& action : actions) {
    if (action.section == Section::Remove) {
      removes.push_back({&action, {}});
    } else {
      writes.push_back({&action, evaluate(*action.value, item)});
    }
  }
  auto byPath = [](const Step& a, const Step& b) {
    return pathLess(a.action->path, b.action->path);
  };
  std::stable_sort(writes.begin(), writes.end(), byPath);
  std::stable_sort(removes.begin(), removes.end(),
                   [&](const Step& a, const Step& b) { return byPath(b, a); });

  Item updated = item;
  for (auto& step : writes) {
    const DocumentPath& path = step.action->path;
    switch (step.action->section) {
      case Section::Set:
        assign(updated, path, std::move(step.value));
        break;
      case Section::Add:
        add(updated, path, step.value);
        break;
      case Section::Delete:
        deleteElements(updated, path, step.value);
        break;
      case Section::Remove:
        break;
    }
  }
  if (itemExists) {
    for (const auto& step : removes) remove(updated, step.action->path);
  }
  return updated;
}

}  // namespace pd::expr
