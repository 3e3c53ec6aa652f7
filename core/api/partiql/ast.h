// The parsed form of a PartiQL statement: what DynamoDB's subset of PartiQL can say.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/wire_types.h"

namespace pd::partiql {

// One step of a document path: an attribute or map key, or a list element.
struct PathStep {
  std::string name;
  long index = -1;  // >= 0 for a list element
};
using Path = std::vector<PathStep>;

enum class NodeKind {
  Attribute,   // path
  Value,       // a scalar literal: value holds its wire AttributeValue
  Parameter,   // `?`: parameter is its 0-based position
  List,        // [a, b]: children
  Map,         // {'k': v}: keys and children
  Set,         // <<a, b>>: children
  Compare,     // children[0] text children[1]; text is = <> < <= > >=
  Between,     // children[0] BETWEEN children[1] AND children[2]
  In,          // children[0] IN (children[1..])
  And,         // children
  Or,          // children
  Not,         // NOT children[0]
  Call,        // text(children): text is the function name, lower case
  IsMissing,   // children[0] IS MISSING
  IsNull,      // children[0] IS NULL
  Arithmetic,  // children[0] text children[1]; text is + or -
};

struct Node {
  Node() = default;
  explicit Node(NodeKind kindOf, std::string textOf = {}) : kind(kindOf), text(std::move(textOf)) {}

  NodeKind kind = NodeKind::Value;
  std::string text;
  Path path;
  Json value;
  int parameter = 0;
  std::vector<std::string> keys;  // Map
  std::vector<Node> children;
};

enum class StatementKind { Select, Insert, Update, Delete, Exists };

struct UpdateAction {
  bool remove = false;
  Path path;
  Node value;  // SET only
};

struct Statement {
  StatementKind kind = StatementKind::Select;
  std::string table;
  std::optional<std::string> index;  // SELECT ... FROM "Table"."Index"
  std::vector<Path> projection;      // empty for SELECT *
  std::optional<Node> where;
  std::optional<Node> item;           // INSERT's VALUE
  std::vector<UpdateAction> actions;  // UPDATE's SET and REMOVE, in order
  std::string returning;              // ReturnValues: "" (none), ALL_OLD, UPDATED_NEW, ...
  std::optional<Path> orderBy;
  bool descending = false;
  int parameterCount = 0;  // how many `?` the statement holds
};

}  // namespace pd::partiql
