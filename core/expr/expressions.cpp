#include "expr/expressions.h"

#include "expr/common_checks.h"
#include "expr/condition_checks.h"
#include "expr/condition_eval.h"
#include "expr/condition_parser.h"
#include "expr/projection_apply.h"
#include "expr/projection_parser.h"
#include "expr/update_apply.h"
#include "expr/update_checks.h"

namespace pd::expr {

ConditionExpression ConditionExpression::parse(Kind kind, std::string_view source,
                                               Placeholders& placeholders) {
  checkLengthAndEmpty(kind, source);
  ParsedCondition parsed = parseCondition(kind, source);
  checkCondition(kind, *parsed.root, parsed.redundantParentheses, placeholders);
  ConditionExpression out;
  out.kind_ = kind;
  out.root_ = std::move(parsed.root);
  return out;
}

ConditionExpression ConditionExpression::fromRoot(Kind kind, NodePtr root) {
  ConditionExpression out;
  out.kind_ = kind;
  out.root_ = std::move(root);
  return out;
}

bool ConditionExpression::evaluate(const Item* item) const {
  static const Item kNoItem;
  return evaluateCondition(*root_, item ? *item : kNoItem);
}

bool ConditionExpression::evaluate(const Item& item) const {
  return evaluateCondition(*root_, item);
}

std::vector<KeyConditionPart> ConditionExpression::keyConditions() const {
  return extractKeyConditions(*root_);
}

UpdateExpression UpdateExpression::parse(std::string_view source, Placeholders& placeholders) {
  checkLengthAndEmpty(Kind::Update, source);
  ParsedUpdate parsed = parseUpdate(source);
  checkUpdate(parsed, placeholders);
  UpdateExpression out;
  out.actions_ = std::move(parsed.actions);
  return out;
}

Item UpdateExpression::apply(const Item& item, bool itemExists) const {
  return applyUpdate(actions_, item, itemExists);
}

std::vector<DocumentPath> UpdateExpression::targetPaths() const {
  std::vector<DocumentPath> paths;
  for (const auto& action : actions_) paths.push_back(action.path);
  return paths;
}

void UpdateExpression::checkKeysNotUpdated(const std::vector<std::string>& keyNames) const {
  for (const auto& key : keyNames) {
    for (const auto& action : actions_) {
      if (action.path[0].name == key) {
        throw validationError(
            "One or more parameter values were invalid: Cannot update attribute " + key +
            ". This attribute is part of the key");
      }
    }
  }
}

ProjectionExpression ProjectionExpression::parse(std::string_view source,
                                                 Placeholders& placeholders) {
  auto fail = [](const std::string& detail) { throw invalidExpression(Kind::Projection, detail); };
  checkLengthAndEmpty(Kind::Projection, source);
  std::vector<DocumentPath> paths = parseProjection(source);
  for (const auto& path : paths) {
    if (auto name = firstReservedName(path); !name.empty()) fail(reservedWordMessage(name));
  }
  for (auto& path : paths) {
    if (auto message = resolvePath(path, placeholders); !message.empty()) fail(message);
  }
  std::vector<const DocumentPath*> pointers;
  for (const auto& path : paths) pointers.push_back(&path);
  if (auto message = pathOverlapMessage(pointers); !message.empty()) fail(message);
  return fromPaths(std::move(paths));
}

ProjectionExpression ProjectionExpression::fromPaths(std::vector<DocumentPath> paths) {
  ProjectionExpression out;
  out.paths_ = std::move(paths);
  return out;
}

Item ProjectionExpression::apply(const Item& item) const {
  return projectItem(paths_, item);
}

}  // namespace pd::expr
