#include "expr/update_checks.h"

#include <map>
#include <optional>

#include "expr/common_checks.h"
#include "expr/condition_checks.h"

namespace pd::expr {
namespace {

const std::map<std::string, std::size_t> kFunctions = {{"if_not_exists", 2}, {"list_append", 2}};

// Every node of every action, in the order written: the target first, then its value.
template <typename Visit>
void forEachNode(Node& node, Visit& visit) {
  visit(node);
  for (auto& child : node.children) forEachNode(*child, visit);
}

template <typename Visit>
void forEachNodePostOrder(Node& node, Visit& visit) {
  for (auto& child : node.children) forEachNodePostOrder(*child, visit);
  visit(node);
}

std::size_t countOperators(const Node& node) {
  std::size_t count =
      node.type == NodeType::Function || node.type == NodeType::Plus || node.type == NodeType::Minus
          ? 1
          : 0;
  for (const auto& child : node.children) count += countOperators(*child);
  return count;
}

// ADD takes a number or a set, DELETE only a set; other types are named in long form.
std::string operandTypeForSection(Section section, const AttributeValue& value) {
  switch (value.type) {
    case AttrType::S:
      return "STRING";
    case AttrType::N:
      return section == Section::Add ? "" : "NUMBER";
    case AttrType::B:
      return "BINARY";
    case AttrType::NUL:
      return "NULL";
    case AttrType::BOOL:
      return "BOOLEAN";
    case AttrType::L:
      return "LIST";
    case AttrType::M:
      return "MAP";
    default:
      return "";
  }
}

std::string checkFunctionOrOperator(const Node& node) {
  std::string name;
  if (node.type == NodeType::Function) {
    name = node.name;
  } else if (node.type == NodeType::Plus || node.type == NodeType::Minus) {
    name = node.type == NodeType::Plus ? "+" : "-";
  } else {
    return "";
  }
  const auto& args = node.children;
  if (node.type == NodeType::Function && args.size() != kFunctions.at(name)) {
    return operandCountMessage(name, args.size());
  }
  if (name == "if_not_exists") {
    return args[0]->type == NodeType::Path ? "" : requiresPathMessage(name);
  }
  if (name == "list_append") {
    for (const auto& arg : args) {
      if (arg->type == NodeType::Function && arg->name == "list_append") {
        return "The function is not allowed to be used this way in an expression; function: " +
               name;
      }
    }
  }
  const AttrType wanted = name == "list_append" ? AttrType::L : AttrType::N;
  for (const auto& arg : args) {
    if (arg->type == NodeType::Value && arg->value && arg->value->type != wanted) {
      return operandTypeMessage(name, typeName(arg->value->type));
    }
  }
  return "";
}

}  // namespace

void checkUpdate(ParsedUpdate& update, Placeholders& placeholders) {
  auto fail = [](const std::string& detail) { throw invalidExpression(Kind::Update, detail); };

  std::size_t operators = 0;
  std::string reserved, unknownFunction;
  for (auto& action : update.actions) {
    if (reserved.empty()) reserved = firstReservedName(action.path);
    if (!action.value) continue;
    operators += countOperators(*action.value);
    auto visit = [&](Node& node) {
      if (node.type == NodeType::Path && reserved.empty()) {
        reserved = firstReservedName(node.path);
      }
    };
    forEachNode(*action.value, visit);
    auto visitFunctions = [&](Node& node) {
      if (node.type == NodeType::Function && unknownFunction.empty() &&
          !kFunctions.count(node.name)) {
        unknownFunction = node.name;
      }
    };
    forEachNodePostOrder(*action.value, visitFunctions);
  }
  if (operators > kMaxOperators) {
    fail("The expression contains too many operators; operator count: " +
         std::to_string(operators));
  }
  if (!reserved.empty()) fail(reservedWordMessage(reserved));
  if (!unknownFunction.empty()) fail(invalidFunctionMessage(unknownFunction));
  if (!update.repeatedSection.empty()) {
    fail("The \"" + update.repeatedSection +
         "\" section can only be used once in an update expression;");
  }

  // Names are all resolved before values, and reported first.
  std::string undefinedName, undefinedValue;
  for (auto& action : update.actions) {
    if (undefinedName.empty()) undefinedName = resolvePath(action.path, placeholders);
    if (!action.value) continue;
    auto visit = [&](Node& node) {
      if (node.type == NodeType::Path && undefinedName.empty()) {
        undefinedName = resolvePath(node.path, placeholders);
      }
    };
    forEachNode(*action.value, visit);
  }
  for (auto& action : update.actions) {
    if (!action.value) continue;
    auto visit = [&](Node& node) {
      if (node.type == NodeType::Value && undefinedValue.empty()) {
        undefinedValue = resolveValue(node, placeholders);
      }
    };
    forEachNode(*action.value, visit);
  }
  if (!undefinedName.empty()) fail(undefinedName);
  if (!undefinedValue.empty()) fail(undefinedValue);

  std::vector<const DocumentPath*> targets;
  for (const auto& action : update.actions) targets.push_back(&action.path);
  if (auto message = pathOverlapMessage(targets); !message.empty()) fail(message);

  for (const auto& action : update.actions) {
    if (action.section != Section::Add && action.section != Section::Delete) continue;
    const std::string type = operandTypeForSection(action.section, *action.value->value);
    if (!type.empty()) {
      fail("Incorrect operand type for operator or function; operator: " +
           std::string(sectionName(action.section)) + ", operand type: " + type);
    }
  }

  for (auto& action : update.actions) {
    if (action.section != Section::Set) continue;
    std::string message;
    auto visit = [&](Node& node) {
      if (message.empty()) message = checkFunctionOrOperator(node);
    };
    forEachNodePostOrder(*action.value, visit);
    if (!message.empty()) fail(message);
  }
}

}  // namespace pd::expr
