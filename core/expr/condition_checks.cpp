#include "expr/condition_checks.h"

#include <algorithm>
#include <map>
#include <optional>

#include "expr/common_checks.h"
#include "expr/value_compare.h"
#include "model/base64.h"

namespace pd::expr {
namespace {

const std::map<std::string, std::size_t> kFunctions = {
    {"attribute_exists", 1}, {"attribute_not_exists", 1},
    {"attribute_type", 2},   {"begins_with", 2},
    {"contains", 2},         {"size", 1}};

// Where a node stands, which decides which functions may stand there.
enum class Position { Condition, Operand, FunctionArgument };

std::size_t countOperators(const Node& node) {
  std::size_t count = 0;
  switch (node.type) {
    case NodeType::Path:
    case NodeType::Value:
      break;
    case NodeType::And:
    case NodeType::Or:
      count += node.children.size() - 1;
      break;
    default:
      count += 1;
  }
  for (const auto& child : node.children) count += countOperators(*child);
  return count;
}

std::optional<std::size_t> firstOversizedIn(const Node& node) {
  if (node.type == NodeType::In && node.children.size() - 1 > kMaxInOperands) {
    return node.children.size() - 1;
  }
  for (const auto& child : node.children) {
    if (auto found = firstOversizedIn(*child)) return found;
  }
  return std::nullopt;
}

// Post-order: the innermost function is reported first, as DynamoDB does.
std::string firstUnknownFunction(const Node& node) {
  for (const auto& child : node.children) {
    std::string found = firstUnknownFunction(*child);
    if (!found.empty()) return found;
  }
  if (node.type == NodeType::Function && !kFunctions.count(node.name)) return node.name;
  return "";
}

// size() only yields a number; the other functions only yield a truth value.
std::string firstMisusedFunction(const Node& node, Position position) {
  Position childPosition = Position::Condition;
  if (node.type == NodeType::Compare || node.type == NodeType::Between ||
      node.type == NodeType::In) {
    childPosition = Position::Operand;
  } else if (node.type == NodeType::Function) {
    childPosition = Position::FunctionArgument;
  }
  for (const auto& child : node.children) {
    std::string found = firstMisusedFunction(*child, childPosition);
    if (!found.empty()) return found;
  }
  if (node.type != NodeType::Function) return "";
  const bool isSize = node.name == "size";
  if (position == Position::Condition ? isSize : !isSize) return node.name;
  return "";
}

std::string firstReserved(const Node& node) {
  if (node.type == NodeType::Path) return firstReservedName(node.path);
  for (const auto& child : node.children) {
    std::string found = firstReserved(*child);
    if (!found.empty()) return found;
  }
  return "";
}

// The type DynamoDB knows before reading the item: a :value's type, N for size(); none for
// a path.
std::optional<std::string> staticType(const Node& node) {
  if (node.type == NodeType::Value && node.value) return typeName(node.value->type);
  if (node.type == NodeType::Function) return node.name == "size" ? "N" : "BOOL";
  return std::nullopt;
}

bool isOrderedType(AttrType type) {
  return type == AttrType::S || type == AttrType::N || type == AttrType::B;
}

bool samePath(const Node& a, const Node& b) {
  return a.type == NodeType::Path && b.type == NodeType::Path && a.path == b.path;
}

std::string distinctMessage(const std::string& op, const Node& first) {
  return "The first operand must be distinct from the remaining operands for this operator or "
         "function; operator: " +
         op + ", first operand: " + pathToString(first.path);
}

std::string describeValue(const AttributeValue& value) {
  std::string text;
  switch (value.type) {
    case AttrType::S:
    case AttrType::N:
      text = value.scalar;
      break;
    case AttrType::B:
      text = base64Encode(value.scalar);
      break;
    case AttrType::BOOL:
      text = value.boolean ? "true" : "false";
      break;
    case AttrType::NUL:
      text = "true";
      break;
    default:
      text = "...";
  }
  return std::string("AttributeValue: {") + typeName(value.type) + ":" + text + "}";
}

// The errors of one condition, kept by category so the highest-priority one is reported.
struct LeafErrors {
  std::string placeholder, operandCount, distinct, operandType;

  const std::string& first() const {
    for (const std::string* message : {&placeholder, &operandCount, &distinct, &operandType}) {
      if (!message->empty()) return *message;
    }
    return placeholder;
  }
  static void keepFirst(std::string& slot, std::string message) {
    if (slot.empty()) slot = std::move(message);
  }
};

void resolveAll(Node& node, Placeholders& placeholders, LeafErrors& errors) {
  if (!errors.placeholder.empty()) return;  // DynamoDB stops resolving at the first miss
  if (node.type == NodeType::Path) {
    errors.placeholder = resolvePath(node.path, placeholders);
  } else if (node.type == NodeType::Value) {
    errors.placeholder = resolveValue(node, placeholders);
  }
  for (auto& child : node.children) resolveAll(*child, placeholders, errors);
}

void checkFunction(const Node& node, LeafErrors& errors) {
  const std::size_t expected = kFunctions.at(node.name);
  const auto& args = node.children;
  if (args.size() != expected) {
    LeafErrors::keepFirst(errors.operandCount, operandCountMessage(node.name, args.size()));
    return;
  }
  if (args.size() == 2 && samePath(*args[0], *args[1])) {
    LeafErrors::keepFirst(errors.distinct, distinctMessage(node.name, *args[0]));
    return;
  }
  if (node.name == "attribute_exists" || node.name == "attribute_not_exists") {
    if (args[0]->type != NodeType::Path) {
      LeafErrors::keepFirst(errors.operandType, requiresPathMessage(node.name));
    }
  } else if (node.name == "begins_with") {
    for (const auto& arg : args) {
      auto type = staticType(*arg);
      if (type && *type != "S" && *type != "B") {
        LeafErrors::keepFirst(errors.operandType, operandTypeMessage(node.name, *type));
        return;
      }
    }
  } else if (node.name == "attribute_type") {
    auto type = staticType(*args[1]);
    if (type != std::optional<std::string>("S")) {
      LeafErrors::keepFirst(
          errors.operandType,
          operandTypeMessage(node.name, type.value_or("{NS,SS,L,BS,N,M,B,BOOL,NULL,S}")));
      return;
    }
    static const char* const kTypeNames[] = {"S",    "N", "B",  "NULL", "SS",
                                             "BOOL", "L", "BS", "NS",   "M"};
    const std::string& wanted = args[1]->value->scalar;
    if (std::none_of(std::begin(kTypeNames), std::end(kTypeNames),
                     [&](const char* name) { return wanted == name; })) {
      LeafErrors::keepFirst(errors.operandType,
                            "Invalid attribute type name found; type: " + wanted +
                                ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    }
  } else if (node.name == "size") {
    auto type = staticType(*args[0]);
    if (type && (*type == "N" || *type == "BOOL" || *type == "NULL")) {
      LeafErrors::keepFirst(errors.operandType, operandTypeMessage(node.name, *type));
    }
  }
}

void checkFunctions(const Node& node, LeafErrors& errors) {
  for (const auto& child : node.children) checkFunctions(*child, errors);
  if (node.type == NodeType::Function) checkFunction(node, errors);
}

void checkBetweenBounds(const Node& lower, const Node& upper, LeafErrors& errors) {
  if (lower.type != NodeType::Value || upper.type != NodeType::Value || !lower.value ||
      !upper.value) {
    return;
  }
  const std::string bounds = "lower bound operand: " + describeValue(*lower.value) +
                             ", upper bound operand: " + describeValue(*upper.value);
  if (lower.value->type != upper.value->type) {
    LeafErrors::keepFirst(errors.operandType,
                          "The BETWEEN operator requires same data type for lower and upper "
                          "bounds; " +
                              bounds);
    return;
  }
  if (!isOrderedType(lower.value->type)) {
    LeafErrors::keepFirst(errors.operandType,
                          operandTypeMessage("BETWEEN", typeName(lower.value->type)));
    return;
  }
  auto order = compareOrdered(*lower.value, *upper.value);
  if (order && *order > 0) {
    LeafErrors::keepFirst(errors.operandType,
                          "The BETWEEN operator requires upper bound to be greater than or equal "
                          "to lower bound; " +
                              bounds);
  }
}

// <, <=, >, >= and BETWEEN order S, N and B only: a :value of another type is an error (an
// attribute of another type only makes the condition false).
void checkOrderedValues(const Node& leaf, LeafErrors& errors) {
  const bool ordering =
      leaf.type == NodeType::Between ||
      (leaf.type == NodeType::Compare && leaf.op != CompareOp::Eq && leaf.op != CompareOp::Ne);
  if (!ordering) return;
  const std::string op = leaf.type == NodeType::Between ? "BETWEEN" : compareOpText(leaf.op);
  for (const auto& operand : leaf.children) {
    if (operand->type == NodeType::Value && operand->value &&
        !isOrderedType(operand->value->type)) {
      LeafErrors::keepFirst(errors.operandType,
                            operandTypeMessage(op, typeName(operand->value->type)));
      return;
    }
  }
}

// One comparison, BETWEEN, IN or function standing as a condition.
std::string checkLeaf(Node& leaf, Placeholders& placeholders) {
  LeafErrors errors;
  resolveAll(leaf, placeholders, errors);
  checkFunctions(leaf, errors);
  if (leaf.type == NodeType::Compare && samePath(*leaf.children[0], *leaf.children[1])) {
    LeafErrors::keepFirst(errors.distinct,
                          distinctMessage(compareOpText(leaf.op), *leaf.children[0]));
  }
  if (leaf.type == NodeType::Between) {
    checkBetweenBounds(*leaf.children[1], *leaf.children[2], errors);
  }
  checkOrderedValues(leaf, errors);
  return errors.first();
}

std::string checkLeaves(Node& node, Placeholders& placeholders) {
  if (node.type == NodeType::And || node.type == NodeType::Or || node.type == NodeType::Not) {
    for (auto& child : node.children) {
      std::string message = checkLeaves(*child, placeholders);
      if (!message.empty()) return message;
    }
    return "";
  }
  return checkLeaf(node, placeholders);
}

}  // namespace

void checkCondition(Kind kind, Node& root, bool redundantParentheses, Placeholders& placeholders) {
  auto fail = [kind](const std::string& detail) { throw invalidExpression(kind, detail); };
  if (auto count = firstOversizedIn(root)) {
    fail("The IN operator is provided with too many operands; number of operands: " +
         std::to_string(*count));
  }
  if (std::size_t operators = countOperators(root); operators > kMaxOperators) {
    fail("The expression contains too many operators; operator count: " +
         std::to_string(operators));
  }
  if (redundantParentheses) fail("The expression has redundant parentheses;");
  if (auto name = firstUnknownFunction(root); !name.empty()) fail(invalidFunctionMessage(name));
  if (auto name = firstMisusedFunction(root, Position::Condition); !name.empty()) {
    fail("The function is not allowed to be used this way in an expression; function: " + name);
  }
  if (auto name = firstReserved(root); !name.empty()) fail(reservedWordMessage(name));
  if (auto message = checkLeaves(root, placeholders); !message.empty()) fail(message);
}

}  // namespace pd::expr
