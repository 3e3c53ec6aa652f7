#include "expr/key_condition.h"

#include <set>

#include "model/errors.h"

namespace pd::expr {
namespace {

[[noreturn]] void fail(const std::string& message) {
  throw validationError(message);
}

KeyOp keyOp(CompareOp op, bool keyOnRight) {
  switch (op) {
    case CompareOp::Lt:
      return keyOnRight ? KeyOp::Gt : KeyOp::Lt;
    case CompareOp::Le:
      return keyOnRight ? KeyOp::Ge : KeyOp::Le;
    case CompareOp::Gt:
      return keyOnRight ? KeyOp::Lt : KeyOp::Gt;
    case CompareOp::Ge:
      return keyOnRight ? KeyOp::Le : KeyOp::Ge;
    default:
      return KeyOp::Eq;
  }
}

class Extractor {
 public:
  std::vector<KeyConditionPart> parts;

  void visit(const Node& node) {
    if (node.type == NodeType::Or) fail("Invalid operator used in KeyConditionExpression: OR");
    if (node.type == NodeType::Not) fail("Invalid operator used in KeyConditionExpression: NOT");
    if (node.type == NodeType::In) fail("Invalid operator used in KeyConditionExpression: IN");
    if (node.type == NodeType::Compare && node.op == CompareOp::Ne) {
      fail("Invalid operator used in KeyConditionExpression: <>");
    }
    if (node.type == NodeType::Function) {
      if (node.name == "size") fail("KeyConditionExpressions cannot contain nested operations");
      if (node.name != "begins_with") {
        fail("Invalid operator used in KeyConditionExpression: " + node.name);
      }
    }
    if ((node.type == NodeType::Between || node.type == NodeType::Function) &&
        node.children[0]->type != NodeType::Path) {
      fail(std::string("Invalid condition in KeyConditionExpression: ") +
           (node.type == NodeType::Between ? "BETWEEN" : "begins_with") +
           " operator must have the key attribute as its first operand");
    }
    std::string attribute;
    std::size_t attributeAt = 0;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const Node& child = *node.children[i];
      if (child.type == NodeType::Path) {
        if (!attribute.empty()) {
          fail(
              "Invalid condition in KeyConditionExpression: Multiple attribute names used in "
              "one condition");
        }
        if (child.path.size() > 1) {
          fail("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        attribute = child.path[0].name;
        attributeAt = i;
      } else if (child.type != NodeType::Value) {
        visit(child);
      }
    }
    if (node.type == NodeType::And) return;
    if (attribute.empty()) {
      fail("Invalid condition in KeyConditionExpression: No key attribute specified");
    }
    if (!seen_.insert(attribute).second) {
      fail("KeyConditionExpressions must only contain one condition per key");
    }
    KeyConditionPart part;
    part.attribute = attribute;
    part.op = node.type == NodeType::Between    ? KeyOp::Between
              : node.type == NodeType::Function ? KeyOp::BeginsWith
                                                : keyOp(node.op, attributeAt != 0);
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (i != attributeAt && node.children[i]->value) {
        part.values.push_back(*node.children[i]->value);
      }
    }
    parts.push_back(std::move(part));
  }

 private:
  std::set<std::string> seen_;
};

}  // namespace

std::vector<KeyConditionPart> extractKeyConditions(const Node& root) {
  Extractor extractor;
  extractor.visit(root);
  // A multi-attribute GSI key takes a condition on each of up to eight attributes; the match
  // against the key schema refuses more than the key has.
  if (extractor.parts.empty() || extractor.parts.size() > kMaxKeyConditions) {
    fail("Conditions can be of length 1 or 2 only");
  }
  return std::move(extractor.parts);
}

KeyConditionMatch matchKeySchema(const std::vector<KeyConditionPart>& parts,
                                 const std::string& hashKey,
                                 const std::optional<std::string>& rangeKey) {
  KeyConditionMatch match;
  for (const auto& part : parts) {
    if (part.attribute == hashKey) match.hash = &part;
  }
  if (!match.hash) fail("Query condition missed key schema element: " + hashKey);
  if (match.hash->op != KeyOp::Eq) fail("Query key condition not supported");
  for (const auto& part : parts) {
    if (&part == match.hash) continue;
    if (!rangeKey) fail("Query key condition not supported");
    if (part.attribute != *rangeKey)
      fail("Query condition missed key schema element: " + *rangeKey);
    match.range = &part;
  }
  return match;
}

}  // namespace pd::expr
