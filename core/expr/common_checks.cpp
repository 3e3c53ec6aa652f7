#include "expr/common_checks.h"

#include "expr/expression_kind.h"
#include "expr/reserved_words.h"
#include "model/limits.h"

namespace pd::expr {
namespace {

constexpr std::size_t kMaxExpressionBytes = 4096;

// How two paths relate: share no prefix, one is a prefix of the other (overlap), or they
// step into the same value once as a map and once as a list (conflict).
enum class Relation { None, Overlap, Conflict };

Relation relate(const DocumentPath& a, const DocumentPath& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].type != b[i].type) return Relation::Conflict;
    if (a[i] != b[i]) return Relation::None;
  }
  return Relation::Overlap;
}

}  // namespace

std::string firstReservedName(const DocumentPath& path) {
  for (const auto& element : path) {
    if (!element.isIndex() && element.placeholder.empty() && isReservedWord(element.name)) {
      return element.name;
    }
  }
  return "";
}

std::string reservedWordMessage(const std::string& name) {
  return "Attribute name is a reserved keyword; reserved keyword: " + name;
}

std::string resolvePath(DocumentPath& path, Placeholders& placeholders) {
  for (auto& element : path) {
    if (element.placeholder.empty()) continue;
    const std::string* name = placeholders.name(element.placeholder);
    if (!name) {
      return "An expression attribute name used in the document path is not defined; "
             "attribute name: " +
             element.placeholder;
    }
    element.name = *name;
  }
  // Every name and [index] is a level, as in the 32 levels a stored value may nest.
  if (path.size() > static_cast<std::size_t>(limits::kMaxNestingDepth)) {
    return "The document path has too many nesting levels; nesting levels: " +
           std::to_string(path.size());
  }
  return "";
}

std::string resolveValue(Node& node, Placeholders& placeholders) {
  const AttributeValue* value = placeholders.value(node.name);
  if (!value) {
    return "An expression attribute value used in expression is not defined; attribute value: " +
           node.name;
  }
  node.value = *value;
  return "";
}

std::string pathOverlapMessage(const std::vector<const DocumentPath*>& paths) {
  std::string conflict;
  for (std::size_t later = 1; later < paths.size(); ++later) {
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      const Relation relation = relate(*paths[earlier], *paths[later]);
      if (relation == Relation::None) continue;
      const std::string which = relation == Relation::Overlap ? "overlap" : "conflict";
      std::string message = "Two document paths " + which +
                            " with each other; must remove or rewrite one of these paths; "
                            "path one: " +
                            pathToString(*paths[earlier]) +
                            ", path two: " + pathToString(*paths[later]);
      if (relation == Relation::Overlap) return message;
      if (conflict.empty()) conflict = std::move(message);
    }
  }
  return conflict;
}

std::string operandCountMessage(const std::string& function, std::size_t count) {
  return "Incorrect number of operands for operator or function; operator or function: " +
         function + ", number of operands: " + std::to_string(count);
}

std::string operandTypeMessage(const std::string& function, const std::string& type) {
  return "Incorrect operand type for operator or function; operator or function: " + function +
         ", operand type: " + type;
}

std::string requiresPathMessage(const std::string& function) {
  return "Operator or function requires a document path; operator or function: " + function;
}

std::string invalidFunctionMessage(const std::string& function) {
  return "Invalid function name; function: " + function;
}

void checkLengthAndEmpty(Kind kind, std::string_view source) {
  if (source.size() > kMaxExpressionBytes) {
    // Real UpdateExpression errors were seen without the size suffix, FilterExpression
    // errors with it.
    std::string detail = "Expression size has exceeded the maximum allowed size;";
    if (kind != Kind::Update) detail += " expression size: " + std::to_string(source.size());
    throw invalidExpression(kind, detail);
  }
  if (source.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw invalidExpression(kind, "The expression can not be empty;");
  }
}

}  // namespace pd::expr
