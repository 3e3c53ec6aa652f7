#include "api/projection.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "api/errors.h"

namespace pd {
namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

bool isPlainName(const std::string& token) {
  if (token.empty() || !std::isalpha(static_cast<unsigned char>(token[0]))) return false;
  return std::all_of(token.begin(), token.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

constexpr std::size_t kMaxAttributesToGet = 255;

// A list as DynamoDB prints it in a constraint message: "[a, b]".
std::string javaList(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return "[" + out + "]";
}

std::string listOf(const std::set<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

Item Projection::apply(Item item) const {
  if (all_) return item;
  Item projected;
  for (const auto& name : names_) {
    const auto it = item.find(name);
    if (it != item.end()) projected.emplace(name, std::move(it->second));
  }
  return projected;
}

ProjectionRequest readProjectionRequest(const Fields& request, Constraints& constraints) {
  ProjectionRequest out;
  out.attributesToGet = request.list("AttributesToGet", "String");
  if (out.attributesToGet) {
    std::vector<std::string> names;
    for (const auto& name : *out.attributesToGet) names.push_back(expectString(name));
    if (names.empty()) {
      constraints.fail("'[]'", "attributesToGet",
                       "Member must have length greater than or equal to 1");
    } else if (names.size() > kMaxAttributesToGet) {
      constraints.fail(
          "'" + javaList(names) + "'", "attributesToGet",
          "Member must have length less than or equal to " + std::to_string(kMaxAttributesToGet));
    }
  }
  out.expression = request.string("ProjectionExpression");
  out.names = request.structure("ExpressionAttributeNames", "String");
  if (out.names) {
    for (const auto& value : *out.names) expectString(value);
  }
  return out;
}

void checkExpressionParameters(const ProjectionRequest& request) {
  if (request.expression && request.attributesToGet) {
    throw validationError(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: "
        "{ProjectionExpression}");
  }
  if (request.names && !request.expression) {
    throw validationError("ExpressionAttributeNames can only be specified when using expressions");
  }
}

Projection resolveProjection(const ProjectionRequest& request) {
  checkExpressionParameters(request);
  if (request.names && request.names->empty()) {
    throw validationError("ExpressionAttributeNames must not be empty");
  }
  if (request.attributesToGet) {
    std::vector<std::string> names;
    for (const auto& name : *request.attributesToGet) {
      const auto& text = name.get_ref<const std::string&>();
      if (std::find(names.begin(), names.end(), text) != names.end()) {
        throw validationError(
            "One or more parameter values were invalid: Duplicate value in "
            "attribute name: " +
            text);
      }
      names.push_back(text);
    }
    return Projection(std::move(names));
  }
  if (!request.expression) return Projection();

  const std::string& expression = *request.expression;
  if (trim(expression).empty()) {
    throw validationError("Invalid ProjectionExpression: The expression can not be empty;");
  }
  std::vector<std::string> names;
  std::set<std::string> usedPlaceholders;
  std::size_t start = 0;
  while (start <= expression.size()) {
    const auto comma = expression.find(',', start);
    const std::string token = trim(
        expression.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    std::string name = token;
    if (!token.empty() && token[0] == '#') {
      const auto it = request.names ? request.names->find(token) : Json::const_iterator{};
      if (!request.names || it == request.names->end()) {
        throw validationError(
            "Invalid ProjectionExpression: An expression attribute name used in the document "
            "path is not defined; attribute name: " +
            token);
      }
      usedPlaceholders.insert(token);
      name = it->get<std::string>();
    } else if (!isPlainName(token)) {
      throw validationError("Invalid ProjectionExpression: Syntax error; token: \"" + token +
                            "\", near: \"" + token + "\"");
    }
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      throw validationError(
          "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
          "or rewrite one of these paths; path one: [" +
          name + "], path two: [" + name + "]");
    }
    names.push_back(name);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (request.names) {
    std::set<std::string> unused;
    for (const auto& [placeholder, value] : request.names->items()) {
      if (!usedPlaceholders.count(placeholder)) unused.insert(placeholder);
    }
    if (!unused.empty()) {
      throw validationError(
          "Value provided in ExpressionAttributeNames unused in expressions: "
          "keys: {" +
          listOf(unused) + "}");
    }
  }
  return Projection(std::move(names));
}

}  // namespace pd
