// The DynamoDB expression language, for the operations to call.
//
// Three stages, each in its own files:
//   1. parse     (condition_parser, update_parser, projection_parser): text -> AST;
//                syntax errors exactly as DynamoDB words them.
//   2. resolve   (condition_checks, update_checks, this file for projections): DynamoDB's
//                semantic checks, #name / :value placeholders resolved against the request's
//                ExpressionAttributeNames / ExpressionAttributeValues (Placeholders), which
//                records what was used.
//   3. evaluate  (condition_eval, update_apply, projection_apply): against an item.
//
// Typical use, in DynamoDB's error order (the update, then the condition, key condition,
// filter and projection, then unused placeholders, then the key-condition shape):
//
//   expr::Placeholders placeholders(namesMap, valuesItem);
//   auto update = expr::UpdateExpression::parse(updateText, placeholders);
//   auto condition = expr::ConditionExpression::parse(expr::Kind::Condition, text, placeholders);
//   placeholders.checkAllUsed();
//   if (!condition.evaluate(oldItem)) throw ConditionalCheckFailed...;
//   Item newItem = update.apply(oldItem ? *oldItem : Item{});
//
// Every error is a pd::DynamoError (ValidationException) with DynamoDB's message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/document_path.h"
#include "expr/expression_kind.h"
#include "expr/key_condition.h"
#include "expr/placeholders.h"
#include "expr/update_parser.h"
#include "model/attribute_value.h"

namespace pd::expr {

// ConditionExpression, FilterExpression or KeyConditionExpression.
class ConditionExpression {
 public:
  // Parses, checks and resolves `source`. `kind` names the parameter in error messages.
  static ConditionExpression parse(Kind kind, std::string_view source, Placeholders& placeholders);
  // A condition already built as a checked, resolved AST (the legacy Expected, QueryFilter and
  // ScanFilter are translated to one).
  static ConditionExpression fromRoot(Kind kind, NodePtr root);

  // True when the item satisfies the condition; a missing item (nullptr) is evaluated as an
  // item with no attributes.
  bool evaluate(const Item* item) const;
  bool evaluate(const Item& item) const;

  // For a KeyConditionExpression, after Placeholders::checkAllUsed(): the key conditions,
  // checked for the shape DynamoDB accepts.
  std::vector<KeyConditionPart> keyConditions() const;

  Kind kind() const { return kind_; }
  const Node& root() const { return *root_; }

 private:
  Kind kind_ = Kind::Condition;
  NodePtr root_;
};

class UpdateExpression {
 public:
  static UpdateExpression parse(std::string_view source, Placeholders& placeholders);

  // The item after the update: `item` is the current item, or the key alone when the item
  // does not exist yet (`itemExists` false).
  Item apply(const Item& item, bool itemExists = true) const;

  // Every path the update writes or removes, in the order written: the paths that
  // ReturnValues UPDATED_OLD / UPDATED_NEW project (see ProjectionExpression::fromPaths).
  std::vector<DocumentPath> targetPaths() const;

  // Throws "One or more parameter values were invalid: Cannot update attribute <k>. This
  // attribute is part of the key" when any action's path starts at one of `keyNames`.
  void checkKeysNotUpdated(const std::vector<std::string>& keyNames) const;

  const std::vector<UpdateAction>& actions() const { return actions_; }

 private:
  std::vector<UpdateAction> actions_;
};

class ProjectionExpression {
 public:
  static ProjectionExpression parse(std::string_view source, Placeholders& placeholders);
  // Projects already-known paths (no checks): ReturnValues UPDATED_*, AttributesToGet.
  static ProjectionExpression fromPaths(std::vector<DocumentPath> paths);

  Item apply(const Item& item) const;
  const std::vector<DocumentPath>& paths() const { return paths_; }

 private:
  std::vector<DocumentPath> paths_;
};

}  // namespace pd::expr
