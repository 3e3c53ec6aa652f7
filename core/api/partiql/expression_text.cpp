#include "api/partiql/expression_text.h"

#include "api/partiql/lexer.h"

namespace pd::partiql {
namespace {

DynamoError unsupported(const std::string& what) {
  return validationError("Unsupported " + what);
}

// A set literal's type: SS, NS or BS, from its elements, which must all be of one of those.
const char* setType(const Json& elements) {
  const char* type = nullptr;
  for (const Json& element : elements) {
    const char* elementType = element.contains("S")   ? "SS"
                              : element.contains("N") ? "NS"
                              : element.contains("B") ? "BS"
                                                      : nullptr;
    if (!elementType || (type && std::string(type) != elementType)) {
      throw validationError("A set must hold only strings, only numbers or only binaries");
    }
    type = elementType;
  }
  if (!type) throw validationError("A set must not be empty");
  return type;
}

}  // namespace

bool ExpressionText::isValue(const Node& node) const {
  switch (node.kind) {
    case NodeKind::Value:
    case NodeKind::Parameter:
    case NodeKind::List:
    case NodeKind::Map:
    case NodeKind::Set:
      return true;
    default:
      return false;
  }
}

Json ExpressionText::value(const Node& node) const {
  switch (node.kind) {
    case NodeKind::Value:
      return node.value;
    case NodeKind::Parameter:
      return (*parameters_)[static_cast<std::size_t>(node.parameter)];
    case NodeKind::List: {
      Json list = Json::array();
      for (const Node& child : node.children) list.push_back(value(child));
      return Json::object({{"L", std::move(list)}});
    }
    case NodeKind::Map: {
      Json map = Json::object();
      for (std::size_t i = 0; i < node.keys.size(); ++i)
        map[node.keys[i]] = value(node.children[i]);
      return Json::object({{"M", std::move(map)}});
    }
    case NodeKind::Set: {
      Json elements = Json::array();
      for (const Node& child : node.children) elements.push_back(value(child));
      const char* type = setType(elements);
      Json members = Json::array();
      for (const Json& element : elements) members.push_back(element.begin().value());
      return Json::object({{type, std::move(members)}});
    }
    default:
      throw syntaxError("Expected a value");
  }
}

std::string ExpressionText::name(const std::string& attribute) {
  auto found = nameOf_.find(attribute);
  if (found != nameOf_.end()) return found->second;
  std::string placeholder = "#n" + std::to_string(nameOf_.size());
  names_[placeholder] = attribute;
  nameOf_.emplace(attribute, placeholder);
  return placeholder;
}

std::string ExpressionText::path(const Path& path) {
  std::string text;
  for (const PathStep& step : path) {
    if (step.index >= 0) {
      text += "[" + std::to_string(step.index) + "]";
    } else {
      if (!text.empty()) text += ".";
      text += name(step.name);
    }
  }
  return text;
}

std::string ExpressionText::placeholder(Json wire) {
  std::string key = ":v" + std::to_string(values_.size());
  values_[key] = std::move(wire);
  return key;
}

std::string ExpressionText::operand(const Node& node) {
  if (node.kind == NodeKind::Attribute) return path(node.path);
  if (isValue(node)) return placeholder(value(node));
  if (node.kind == NodeKind::Call && node.text == "size" && node.children.size() == 1) {
    return "size(" + operand(node.children[0]) + ")";
  }
  if (node.kind == NodeKind::Call) throw unsupported("function: " + node.text);
  throw unsupported("operand in a condition");
}

std::string ExpressionText::condition(const Node& node) {
  const auto& children = node.children;
  switch (node.kind) {
    case NodeKind::Compare:
      return operand(children[0]) + " " + node.text + " " + operand(children[1]);
    case NodeKind::Between:
      return operand(children[0]) + " BETWEEN " + operand(children[1]) + " AND " +
             operand(children[2]);
    case NodeKind::In: {
      std::string text = operand(children[0]) + " IN (";
      for (std::size_t i = 1; i < children.size(); ++i) {
        text += (i > 1 ? ", " : "") + operand(children[i]);
      }
      return text + ")";
    }
    case NodeKind::And:
    case NodeKind::Or: {
      std::string text;
      for (std::size_t i = 0; i < children.size(); ++i) {
        if (i) text += node.kind == NodeKind::And ? " AND " : " OR ";
        text += "(" + condition(children[i]) + ")";
      }
      return text;
    }
    case NodeKind::Not:
      return "NOT (" + condition(children[0]) + ")";
    case NodeKind::IsMissing:
      return "attribute_not_exists(" + operand(children[0]) + ")";
    case NodeKind::IsNull:
      return "attribute_type(" + operand(children[0]) + ", " +
             placeholder(Json::object({{"S", "NULL"}})) + ")";
    case NodeKind::Call: {
      static const char* const functions[] = {"begins_with", "contains", "attribute_exists",
                                              "attribute_not_exists", "attribute_type"};
      bool known = false;
      for (const char* function : functions) known = known || node.text == function;
      if (!known) throw unsupported("function: " + node.text);
      std::string text = node.text + "(";
      for (std::size_t i = 0; i < children.size(); ++i) {
        text += (i ? ", " : "") + operand(children[i]);
      }
      return text + ")";
    }
    default:
      throw syntaxError("Expected a condition");
  }
}

std::string ExpressionText::updateOperand(const Node& node) {
  if (node.kind == NodeKind::Arithmetic) {
    return updateOperand(node.children[0]) + " " + node.text + " " +
           updateOperand(node.children[1]);
  }
  if (node.kind == NodeKind::Call) {
    if (node.text != "list_append" && node.text != "if_not_exists") {
      throw unsupported("function: " + node.text);
    }
    std::string text = node.text + "(";
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      text += (i ? ", " : "") + updateOperand(node.children[i]);
    }
    return text + ")";
  }
  return operand(node);
}

void ExpressionText::addTo(Json& request) const {
  if (!names_.empty()) request["ExpressionAttributeNames"] = names_;
  if (!values_.empty()) request["ExpressionAttributeValues"] = values_;
}

}  // namespace pd::partiql
