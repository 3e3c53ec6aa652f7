#include "expr/condition_eval.h"

#include <algorithm>

#include "expr/value_compare.h"

namespace pd::expr {
namespace {

// size() of a string counts UTF-16 code units, as DynamoDB's Java front end measures
// strings; binaries count bytes.
std::size_t stringSize(const std::string& text) {
  std::size_t units = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // 4-byte sequences are surrogate pairs
  }
  return units;
}

std::optional<std::size_t> sizeOf(const AttributeValue& value) {
  switch (value.type) {
    case AttrType::S:
      return stringSize(value.scalar);
    case AttrType::B:
      return value.scalar.size();
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      return value.set.size();
    case AttrType::L:
      return value.list.size();
    case AttrType::M:
      return value.map.size();
    default:
      return std::nullopt;
  }
}

bool ordered(const AttributeValue* a, const AttributeValue* b, bool (*accept)(int)) {
  if (!a || !b) return false;
  auto order = compareOrdered(*a, *b);
  return order && accept(*order);
}

bool compare(CompareOp op, const AttributeValue* a, const AttributeValue* b) {
  switch (op) {
    case CompareOp::Eq:
      return a && b && valuesEqual(*a, *b);
    case CompareOp::Ne:
      return !(a && b && valuesEqual(*a, *b));
    case CompareOp::Lt:
      return ordered(a, b, [](int c) { return c < 0; });
    case CompareOp::Le:
      return ordered(a, b, [](int c) { return c <= 0; });
    case CompareOp::Gt:
      return ordered(a, b, [](int c) { return c > 0; });
    case CompareOp::Ge:
      return ordered(a, b, [](int c) { return c >= 0; });
  }
  return false;
}

bool setContains(const AttributeValue& set, const std::string& element) {
  return std::binary_search(set.set.begin(), set.set.end(), element);
}

bool contains(const AttributeValue& haystack, const AttributeValue& needle) {
  switch (haystack.type) {
    case AttrType::S:
    case AttrType::B:
      return needle.type == haystack.type &&
             haystack.scalar.find(needle.scalar) != std::string::npos;
    case AttrType::SS:
      return needle.type == AttrType::S && setContains(haystack, needle.scalar);
    case AttrType::NS:
      return needle.type == AttrType::N && setContains(haystack, needle.scalar);
    case AttrType::BS:
      return needle.type == AttrType::B && setContains(haystack, needle.scalar);
    case AttrType::L:
      return std::any_of(
          haystack.list.begin(), haystack.list.end(),
          [&](const AttributeValue& element) { return valuesEqual(element, needle); });
    default:
      return false;
  }
}

bool evaluateFunction(const Node& node, const Item& item) {
  AttributeValue scratch0, scratch1;
  const auto& args = node.children;
  if (node.name == "attribute_exists") return evaluateOperand(*args[0], item, scratch0) != nullptr;
  if (node.name == "attribute_not_exists") {
    return evaluateOperand(*args[0], item, scratch0) == nullptr;
  }
  const AttributeValue* first = evaluateOperand(*args[0], item, scratch0);
  const AttributeValue* second = evaluateOperand(*args[1], item, scratch1);
  if (!first || !second) return false;
  if (node.name == "attribute_type") {
    return second->type == AttrType::S && second->scalar == typeName(first->type);
  }
  if (node.name == "begins_with") {
    return first->type == second->type &&
           (first->type == AttrType::S || first->type == AttrType::B) &&
           first->scalar.compare(0, second->scalar.size(), second->scalar) == 0;
  }
  if (node.name == "contains") return contains(*first, *second);
  return false;
}

}  // namespace

const AttributeValue* evaluateOperand(const Node& operand, const Item& item,
                                      AttributeValue& scratch) {
  switch (operand.type) {
    case NodeType::Path:
      return findPath(item, operand.path);
    case NodeType::Value:
      return operand.value ? &*operand.value : nullptr;
    case NodeType::Function: {
      if (operand.name != "size" || operand.children.size() != 1) return nullptr;
      AttributeValue inner;
      const AttributeValue* value = evaluateOperand(*operand.children[0], item, inner);
      if (!value) return nullptr;
      auto size = sizeOf(*value);
      if (!size) return nullptr;
      scratch = AttributeValue::number(std::to_string(*size));
      return &scratch;
    }
    default:
      return nullptr;
  }
}

bool evaluateCondition(const Node& node, const Item& item) {
  switch (node.type) {
    case NodeType::And:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const NodePtr& child) { return evaluateCondition(*child, item); });
    case NodeType::Or:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const NodePtr& child) { return evaluateCondition(*child, item); });
    case NodeType::Not:
      return !evaluateCondition(*node.children[0], item);
    case NodeType::Compare: {
      AttributeValue scratch0, scratch1;
      return compare(node.op, evaluateOperand(*node.children[0], item, scratch0),
                     evaluateOperand(*node.children[1], item, scratch1));
    }
    case NodeType::Between: {
      AttributeValue s0, s1, s2;
      const AttributeValue* value = evaluateOperand(*node.children[0], item, s0);
      const AttributeValue* lower = evaluateOperand(*node.children[1], item, s1);
      const AttributeValue* upper = evaluateOperand(*node.children[2], item, s2);
      return ordered(value, lower, [](int c) { return c >= 0; }) &&
             ordered(value, upper, [](int c) { return c <= 0; });
    }
    case NodeType::In: {
      AttributeValue scratch0;
      const AttributeValue* value = evaluateOperand(*node.children[0], item, scratch0);
      if (!value) return false;
      for (std::size_t i = 1; i < node.children.size(); ++i) {
        AttributeValue scratch;
        const AttributeValue* candidate = evaluateOperand(*node.children[i], item, scratch);
        if (candidate && valuesEqual(*value, *candidate)) return true;
      }
      return false;
    }
    case NodeType::Function:
      return evaluateFunction(node, item);
    default:
      return false;
  }
}

}  // namespace pd::expr
