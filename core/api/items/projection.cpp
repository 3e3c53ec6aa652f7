#include "api/items/projection.h"

#include <algorithm>

#include "api/wire/wire_values.h"
#include "model/errors.h"

namespace pd {
namespace {

constexpr std::size_t kMaxAttributesToGet = 255;

// A list as DynamoDB prints it in a constraint message: "[a, b]".
std::string javaList(const Json& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name.get<std::string>();
  return "[" + out + "]";
}

}  // namespace

const Json* readAttributesToGet(const Fields& request, Constraints& constraints,
                                const std::string& path) {
  const Json* names = request.list("AttributesToGet", "String");
  if (!names) return nullptr;
  for (const auto& name : *names) expectString(name);
  if (names->empty()) {
    constraints.fail("'[]'", path, "Member must have length greater than or equal to 1");
  } else if (names->size() > kMaxAttributesToGet) {
    constraints.fail(
        "'" + javaList(*names) + "'", path,
        "Member must have length less than or equal to " + std::to_string(kMaxAttributesToGet));
  }
  return names;
}

std::optional<expr::ProjectionExpression> resolveProjection(const Json* attributesToGet,
                                                            const std::string* expression,
                                                            expr::Placeholders& placeholders) {
  if (expression) return expr::ProjectionExpression::parse(*expression, placeholders);
  if (!attributesToGet) return std::nullopt;
  std::vector<expr::DocumentPath> paths;
  std::vector<std::string> seen;
  for (const auto& wire : *attributesToGet) {
    const auto& name = wire.get_ref<const std::string&>();
    checkAttributeNameSize(name);
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      throw validationError(
          "One or more parameter values were invalid: Duplicate value in attribute name: " + name);
    }
    seen.push_back(name);
    expr::PathElement element;
    element.name = name;
    paths.push_back({element});
  }
  return expr::ProjectionExpression::fromPaths(std::move(paths));
}

}  // namespace pd
