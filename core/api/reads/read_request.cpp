#include "api/reads/read_request.h"

#include "api/items/projection.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"

namespace pd {
namespace {

bool anyPresent(const std::vector<NamedParameter>& parameters) {
  for (const auto& parameter : parameters) {
    if (parameter.present) return true;
  }
  return false;
}

std::string joinPresent(const std::vector<NamedParameter>& parameters) {
  std::string out;
  for (const auto& parameter : parameters) {
    if (parameter.present) out += (out.empty() ? "" : ", ") + std::string(parameter.name);
  }
  return out;
}

std::string nullList(const std::vector<NamedParameter>& parameters) {
  std::string out;
  for (const auto& parameter : parameters) {
    out += (out.empty() ? "" : " and ") + std::string(parameter.name);
  }
  return out + (parameters.size() > 1 ? " are null" : " is null");
}

// DynamoDB reports these ExclusiveStartKey value errors bare, and prefixes the others
// (recorded: empty NS, duplicate sets and every number error come without the prefix).
bool reportedBare(const std::string& message) {
  for (const char* text : {"numeric value", "Number overflow", "Number underflow",
                           "significant digits", "An number set", "contains duplicates"}) {
    if (message.find(text) != std::string::npos) return true;
  }
  return false;
}

void collectPaths(const expr::Node& node, std::vector<expr::DocumentPath>& paths) {
  if (node.type == expr::NodeType::Path) paths.push_back(node.path);
  for (const auto& child : node.children) collectPaths(*child, paths);
}

}  // namespace

const std::vector<std::string> kSelect = {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES",
                                          "ALL_PROJECTED_ATTRIBUTES"};

void checkIndexName(const std::string* indexName, Constraints& constraints) {
  if (indexName) constraints.resourceName(indexName, "indexName");
}

void checkExpressionUse(const ExpressionParams& params,
                        const std::vector<NamedParameter>& expressions,
                        const std::vector<NamedParameter>& valueExpressions,
                        const std::vector<NamedParameter>& legacy) {
  if (anyPresent(expressions) && anyPresent(legacy)) {
    throw validationError(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {" +
        joinPresent(legacy) + "} Expression parameters: {" + joinPresent(expressions) + "}");
  }
  if (params.hasNames() && !anyPresent(expressions)) {
    throw validationError("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (params.hasValues() && !anyPresent(valueExpressions)) {
    throw validationError(
        "ExpressionAttributeValues can only be specified when using expressions: " +
        nullList(valueExpressions));
  }
}

std::optional<Item> parseStartKey(const Json* wire, Envelope nesting) {
  if (!wire) return std::nullopt;
  try {
    return parseItem(*wire, nesting);
  } catch (const DynamoError& error) {
    if (error.type != "ValidationException" || reportedBare(error.message)) throw;
    if (nesting == Envelope::Bare && error.message == nestingTooDeep(nesting).message) throw;
    throw validationError("The provided starting key is invalid: " + error.message);
  }
}

void checkSelect(const ReadRequest& request) {
  if (!request.select) return;
  const std::string& select = *request.select;
  const char* projection = request.attributesToGet  ? "AttributesToGet"
                           : request.projectionText ? "ProjectionExpression"
                                                    : nullptr;
  if (select == "SPECIFIC_ATTRIBUTES" && !projection) {
    throw validationError(
        "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
        "SPECIFIC_ATTRIBUTES");
  }
  if (select == "SPECIFIC_ATTRIBUTES" || !projection) {
    if (select == "ALL_PROJECTED_ATTRIBUTES" && !request.indexName) {
      throw validationError(
          "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    }
    return;
  }
  const std::string what = select == "COUNT" ? "only the Count" : select;
  throw validationError("Cannot specify the " + std::string(projection) + " when choosing to get " +
                        what);
}

std::optional<expr::ProjectionExpression> attributesToGetProjection(const Json* attributesToGet) {
  expr::Placeholders none;
  return resolveProjection(attributesToGet, nullptr, none);
}

void checkKeyPathsScalar(const std::vector<expr::DocumentPath>& paths, const KeyAttributes& keys) {
  for (const KeyElement* key : keys.all()) {
    for (const auto& path : paths) {
      if (path.size() > 1 && path[0].name == key->name) {
        throw validationError(
            "Key attributes must be scalars; list random access '[]' and map lookup '.' are "
            "not allowed: Key: " +
            key->name);
      }
    }
  }
}

std::vector<expr::DocumentPath> pathsOf(const expr::ConditionExpression& expression) {
  std::vector<expr::DocumentPath> paths;
  collectPaths(expression.root(), paths);
  return paths;
}

}  // namespace pd
