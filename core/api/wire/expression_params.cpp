#include "api/wire/expression_params.h"

#include <algorithm>
#include <cctype>

#include "api/wire/wire_values.h"
#include "model/errors.h"

namespace pd {
namespace {

std::string joinPresent(const std::vector<NamedParameter>& parameters) {
  std::string out;
  for (const auto& parameter : parameters) {
    if (parameter.present) out += (out.empty() ? "" : ", ") + std::string(parameter.name);
  }
  return out;
}

bool anyPresent(const std::vector<NamedParameter>& parameters) {
  for (const auto& parameter : parameters) {
    if (parameter.present) return true;
  }
  return false;
}

// "ConditionExpression is null", "UpdateExpression and ConditionExpression are null".
std::string nullList(const std::vector<NamedParameter>& parameters) {
  std::string out;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (i) out += i + 1 == parameters.size() ? " and " : ", ";
    out += parameters[i].name;
  }
  return out + (parameters.size() > 1 ? " are null" : " is null");
}

// A placeholder key longer than this many bytes is refused before its syntax is looked at.
constexpr std::size_t kMaxPlaceholderKeyBytes = 255;
const char* const kKeyTooLong =
    "contains invalid key: The expression attribute map contains a key that is too long;";

// "#name" / ":value": the sigil, then one or more letters, digits or underscores.
bool isPlaceholderKey(const std::string& key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  return std::all_of(key.begin() + 1, key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

ExpressionParams::ExpressionParams(const Fields& request)
    : names_(request.structure("ExpressionAttributeNames", "String")),
      values_(request.attributeMap("ExpressionAttributeValues")) {
  if (names_) {
    for (const auto& name : *names_) expectString(name);
  }
}

void ExpressionParams::check(const std::vector<NamedParameter>& valueExpressions, bool projection,
                             const std::vector<NamedParameter>& legacy) const {
  std::vector<NamedParameter> expressions = valueExpressions;
  expressions.push_back({"ProjectionExpression", projection});
  if (anyPresent(legacy) && anyPresent(expressions)) {
    throw validationError(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {" +
        joinPresent(legacy) + "} Expression parameters: {" + joinPresent(expressions) + "}");
  }
  if (names_ && !anyPresent(expressions)) {
    throw validationError("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (values_ && !anyPresent(valueExpressions)) {
    throw validationError(
        "ExpressionAttributeValues can only be specified when using expressions: " +
        nullList(valueExpressions));
  }
}

// DynamoDB checks names (not empty, then every key), then values (not empty, then every key,
// then every value), in that order.
expr::Placeholders ExpressionParams::placeholders() const {
  std::map<std::string, std::string> names;
  if (names_) {
    if (names_->empty()) throw validationError("ExpressionAttributeNames must not be empty");
    for (const auto& [key, name] : names_->items()) {
      if (key.size() > kMaxPlaceholderKeyBytes) {
        throw validationError(std::string("ExpressionAttributeNames ") + kKeyTooLong +
                              " size of key: " + std::to_string(key.size()));
      }
      if (!isPlaceholderKey(key, '#')) {
        throw validationError(
            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
      }
      names.emplace(key, name.get<std::string>());
    }
    for (const auto& [key, name] : names) {
      if (name.empty()) {
        throw validationError(
            "ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
      }
      checkAttributeNameSize(name);
    }
  }
  Item values;
  if (values_) {
    if (values_->empty()) throw validationError("ExpressionAttributeValues must not be empty");
    for (const auto& entry : values_->items()) {
      // Recorded: the values' message ends at the semicolon, without the size.
      if (entry.key().size() > kMaxPlaceholderKeyBytes) {
        throw validationError(std::string("ExpressionAttributeValues ") + kKeyTooLong);
      }
      if (!isPlaceholderKey(entry.key(), ':')) {
        throw validationError(
            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + entry.key() +
            "\"");
      }
    }
    for (const auto& [key, wire] : values_->items()) {
      try {
        values.emplace(key, parseAttributeValue(wire));
      } catch (const DynamoError& error) {
        // A too long name inside a value is answered bare (recorded for UpdateItem).
        if (error.message.rfind("1 validation error", 0) == 0) throw;
        throw validationError("ExpressionAttributeValues contains invalid value: " + error.message +
                              " for key " + key);
      }
    }
  }
  return expr::Placeholders(std::move(names), std::move(values));
}

}  // namespace pd
