#include "api/legacy/legacy_conditions.h"

#include <algorithm>

#include "api/legacy/legacy_wire.h"
#include "api/wire/wire_values.h"
#include "expr/value_compare.h"
#include "model/errors.h"

namespace pd {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
// DynamoDB's enum order (its Java HashSet's), as it prints it.
const std::vector<std::string> kComparisonOperators = {
    "IN",       "NULL", "BETWEEN", "LT",          "NOT_CONTAINS", "EQ",      "GT",
    "NOT_NULL", "NE",   "LE",      "BEGINS_WITH", "GE",           "CONTAINS"};

[[noreturn]] void invalid(const std::string& detail) {
  throw validationError(kInvalid + detail);
}

// One ExpectedAttributeValue or Condition, its JSON types checked.
struct Entry {
  const std::string* op = nullptr;  // ComparisonOperator
  const Json* list = nullptr;       // AttributeValueList
  const Json* value = nullptr;      // Value (Expected only)
  std::optional<bool> exists;       // Exists (Expected only)
};

Entry readEntry(const Json& wire, bool expected) {
  const Fields fields(wire);
  Entry entry;
  entry.op = fields.string("ComparisonOperator");
  entry.list = fields.list("AttributeValueList", "AttributeValue");
  if (entry.list) {
    for (const auto& value : *entry.list) checkAttributeValueTypes(value);
  }
  if (expected) {
    entry.exists = fields.boolean("Exists");
    entry.value = fields.structure("Value", "AttributeValue");
    if (entry.value) checkAttributeValueTypes(*entry.value);
  }
  return entry;
}

const Json* readMap(const Fields& request, const char* name, const char* className, bool expected,
                    Constraints& constraints) {
  const Json* map = readStructureMap(request, name, className);
  if (!map) return nullptr;
  for (const auto& [key, wire] : map->items()) {
    if (wire.is_null()) continue;
    const Entry entry = readEntry(wire, expected);
    const std::string path = lowerFirst(name) + "." + key + ".member.comparisonOperator";
    if (!expected) constraints.required(entry.op != nullptr, path);
    constraints.oneOf(entry.op, kComparisonOperators, path);
  }
  return map;
}

// A filter's ComparisonOperator; readConditionMap has already required it.
const std::string& filterOp(const Entry& entry) {
  if (!entry.op) throw validationError("ComparisonOperator is required for every Condition");
  return *entry.op;
}

// Expected reports a value nested too deep inside the validation envelope, the filters and
// KeyConditions bare.
std::vector<AttributeValue> parseValues(const Entry& entry, Envelope nesting) {
  std::vector<AttributeValue> values;
  if (entry.value) values.push_back(parseAttributeValue(*entry.value, nesting));
  if (entry.list) {
    for (const auto& wire : *entry.list) values.push_back(parseAttributeValue(wire, nesting));
  }
  return values;
}

bool orderedScalar(AttrType type) {
  return type == AttrType::S || type == AttrType::N || type == AttrType::B;
}

// Which AttributeValueList types an operator accepts (DynamoDB's Condition reference).
bool typeSupported(const std::string& op, AttrType type) {
  if (op == "EQ" || op == "NE") return true;
  if (op == "BEGINS_WITH") return type == AttrType::S || type == AttrType::B;
  if (op == "CONTAINS" || op == "NOT_CONTAINS") {
    return orderedScalar(type) || type == AttrType::BOOL || type == AttrType::NUL;
  }
  return orderedScalar(type);  // LT LE GT GE IN BETWEEN
}

bool arityValid(const std::string& op, std::size_t count) {
  if (op == "NULL" || op == "NOT_NULL") return count == 0;
  if (op == "IN") return count >= 1;
  if (op == "BETWEEN") return count == 2;
  return count == 1;
}

// The AttributeValueList rules, in DynamoDB's order: arity, then each value's type (and
// sameness with the first), then BETWEEN's bounds.
void checkArguments(const std::string& op, const std::vector<AttributeValue>& values) {
  if (!arityValid(op, values.size())) {
    invalid("Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  for (const auto& value : values) {
    if (!typeSupported(op, value.type)) {
      invalid("ComparisonOperator " + op + " is not valid for " + typeName(value.type) +
              " AttributeValue type");
    }
    if (value.type != values[0].type) {
      invalid("AttributeValues inside AttributeValueList must be of same type");
    }
  }
  if (op == "BETWEEN") {
    const auto order = expr::compareOrdered(values[0], values[1]);
    if (order && *order > 0) {
      throw validationError(
          "The BETWEEN condition was provided a range where the lower bound is greater than the "
          "upper bound");
    }
  }
}

expr::NodePtr node(expr::NodeType type) {
  auto out = std::make_unique<expr::Node>();
  out->type = type;
  return out;
}

expr::NodePtr pathNode(const std::string& attribute) {
  auto out = node(expr::NodeType::Path);
  expr::PathElement element;
  element.name = attribute;
  out->path.push_back(element);
  return out;
}

expr::NodePtr valueNode(const AttributeValue& value) {
  auto out = node(expr::NodeType::Value);
  out->value = value;
  return out;
}

expr::NodePtr function(const char* name, const std::string& attribute,
                       const AttributeValue* argument) {
  auto out = node(expr::NodeType::Function);
  out->name = name;
  out->children.push_back(pathNode(attribute));
  if (argument) out->children.push_back(valueNode(*argument));
  return out;
}

expr::NodePtr compare(expr::CompareOp op, const std::string& attribute,
                      const AttributeValue& value) {
  auto out = node(expr::NodeType::Compare);
  out->op = op;
  out->children.push_back(pathNode(attribute));
  out->children.push_back(valueNode(value));
  return out;
}

// One legacy comparison as the equivalent expression condition.
expr::NodePtr comparison(const std::string& op, const std::string& attribute,
                         const std::vector<AttributeValue>& values) {
  using expr::CompareOp;
  if (op == "EQ") return compare(CompareOp::Eq, attribute, values[0]);
  if (op == "NE") return compare(CompareOp::Ne, attribute, values[0]);
  if (op == "LT") return compare(CompareOp::Lt, attribute, values[0]);
  if (op == "LE") return compare(CompareOp::Le, attribute, values[0]);
  if (op == "GT") return compare(CompareOp::Gt, attribute, values[0]);
  if (op == "GE") return compare(CompareOp::Ge, attribute, values[0]);
  if (op == "NULL") return function("attribute_not_exists", attribute, nullptr);
  if (op == "NOT_NULL") return function("attribute_exists", attribute, nullptr);
  if (op == "CONTAINS") return function("contains", attribute, &values[0]);
  if (op == "BEGINS_WITH") return function("begins_with", attribute, &values[0]);
  if (op == "NOT_CONTAINS") {
    // A missing attribute does not satisfy NOT_CONTAINS (unlike NOT contains(...)).
    auto negated = node(expr::NodeType::Not);
    negated->children.push_back(function("contains", attribute, &values[0]));
    auto out = node(expr::NodeType::And);
    out->children.push_back(function("attribute_exists", attribute, nullptr));
    out->children.push_back(std::move(negated));
    return out;
  }
  auto out = node(op == "IN" ? expr::NodeType::In : expr::NodeType::Between);
  out->children.push_back(pathNode(attribute));
  for (const auto& value : values) out->children.push_back(valueNode(value));
  return out;
}

expr::NodePtr expectedNode(const std::string& attribute, const Json& wire) {
  const Entry entry = readEntry(wire, true);
  const std::string forAttribute = " for Attribute: " + attribute;
  if (entry.value && entry.list) {
    invalid("Value and AttributeValueList cannot be used together" + forAttribute);
  }
  if (entry.op) {
    const std::string& op = *entry.op;
    if (entry.exists)
      invalid("Exists and ComparisonOperator cannot be used together" + forAttribute);
    if (op != "NULL" && op != "NOT_NULL" && !entry.value && !entry.list) {
      invalid("Value or AttributeValueList must be used with ComparisonOperator: " + op +
              forAttribute);
    }
    const auto values = parseValues(entry, Envelope::Enveloped);
    checkArguments(op, values);
    return comparison(op, attribute, values);
  }
  if (entry.list)
    invalid("AttributeValueList can only be used with a ComparisonOperator" + forAttribute);
  const bool exists = entry.exists.value_or(true);
  if (exists && !entry.value) {
    invalid(std::string("Value must be provided when Exists is ") +
            (entry.exists ? "true" : "null") + forAttribute);
  }
  if (!exists && entry.value) invalid("Value cannot be used when Exists is false" + forAttribute);
  const auto values = parseValues(entry, Envelope::Enveloped);
  return comparison(exists ? "EQ" : "NULL", attribute, values);
}

expr::NodePtr filterNode(const std::string& attribute, const Json& wire) {
  const Entry entry = readEntry(wire, false);
  const auto values = parseValues(entry, Envelope::Bare);
  checkArguments(filterOp(entry), values);
  return comparison(*entry.op, attribute, values);
}

std::optional<expr::ConditionExpression> combine(std::vector<expr::NodePtr> parts,
                                                 const std::string* conditionalOperator,
                                                 expr::Kind kind) {
  if (parts.empty()) return std::nullopt;
  if (parts.size() == 1) return expr::ConditionExpression::fromRoot(kind, std::move(parts[0]));
  const bool any = conditionalOperator && *conditionalOperator == "OR";
  auto root = node(any ? expr::NodeType::Or : expr::NodeType::And);
  root->children = std::move(parts);
  return expr::ConditionExpression::fromRoot(kind, std::move(root));
}

std::optional<expr::KeyOp> keyOp(const std::string& op) {
  if (op == "EQ") return expr::KeyOp::Eq;
  if (op == "LT") return expr::KeyOp::Lt;
  if (op == "LE") return expr::KeyOp::Le;
  if (op == "GT") return expr::KeyOp::Gt;
  if (op == "GE") return expr::KeyOp::Ge;
  if (op == "BETWEEN") return expr::KeyOp::Between;
  if (op == "BEGINS_WITH") return expr::KeyOp::BeginsWith;
  return std::nullopt;
}

}  // namespace

const Json* readExpected(const Fields& request, Constraints& constraints) {
  return readMap(request, "Expected", "ExpectedAttributeValue", true, constraints);
}

const Json* readConditionMap(const Fields& request, const char* name, Constraints& constraints) {
  return readMap(request, name, "Condition", false, constraints);
}

const std::string* readConditionalOperator(const Fields& request, Constraints& constraints) {
  const std::string* op = request.string("ConditionalOperator");
  constraints.oneOf(op, {"OR", "AND"}, "conditionalOperator");
  return op;
}

void checkConditionalOperator(const std::string* conditionalOperator, const Json* conditions) {
  if (!conditionalOperator) return;
  if (!conditions || conditions->empty()) {
    throw validationError("ConditionalOperator cannot be used without Filter or Expected");
  }
  if (conditions->size() < 2) {
    throw validationError(
        "ConditionalOperator can only be used when Filter or Expected has two or more elements");
  }
}

std::optional<expr::ConditionExpression> translateExpected(const Json* expected,
                                                           const std::string* conditionalOperator) {
  if (!expected) return std::nullopt;
  std::vector<expr::NodePtr> parts;
  for (const auto& [attribute, wire] : expected->items()) {
    if (!wire.is_null()) parts.push_back(expectedNode(attribute, wire));
  }
  return combine(std::move(parts), conditionalOperator, expr::Kind::Condition);
}

std::optional<expr::ConditionExpression> translateFilter(const Json* filter,
                                                         const std::string* conditionalOperator) {
  if (!filter) return std::nullopt;
  std::vector<expr::NodePtr> parts;
  for (const auto& [attribute, wire] : filter->items()) {
    if (!wire.is_null()) parts.push_back(filterNode(attribute, wire));
  }
  return combine(std::move(parts), conditionalOperator, expr::Kind::Filter);
}

std::vector<expr::KeyConditionPart> translateKeyConditions(const Json& keyConditions) {
  std::vector<expr::KeyConditionPart> parts;
  for (const auto& [attribute, wire] : keyConditions.items()) {
    if (wire.is_null()) continue;
    const Entry entry = readEntry(wire, false);
    expr::KeyConditionPart part;
    part.attribute = attribute;
    part.values = parseValues(entry, Envelope::Bare);
    checkArguments(filterOp(entry), part.values);
    parts.push_back(std::move(part));
  }
  if (parts.empty() || parts.size() > expr::kMaxKeyConditions) {
    throw validationError("Conditions can be of length 1 or 2 only");
  }
  std::size_t i = 0;
  for (const auto& [attribute, wire] : keyConditions.items()) {
    if (wire.is_null()) continue;
    const auto op = keyOp(filterOp(readEntry(wire, false)));
    if (!op)
      throw validationError("Attempted conditional constraint is not an indexable operation");
    parts[i++].op = *op;
  }
  return parts;
}

}  // namespace pd
