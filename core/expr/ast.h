// The parsed form of condition and update expressions: one node type for operands
// (paths, :values, function calls, + and -) and for conditions (comparisons, BETWEEN, IN,
// AND, OR, NOT). Placeholders are still unresolved names until the resolve stage fills in
// `path[i].name` and `value`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "expr/document_path.h"
#include "model/attribute_value.h"

namespace pd::expr {

enum class NodeType : std::uint8_t {
  Path,      // a document path
  Value,     // a :placeholder
  Function,  // name(args...)
  Compare,   // children[0] op children[1]
  Between,   // children[0] BETWEEN children[1] AND children[2]
  In,        // children[0] IN (children[1..])
  And,       // two or more children: chains are flat so that depth grows only with nesting
  Or,        // two or more children
  Not,
  Plus,   // update SET: children[0] + children[1]
  Minus,  // update SET: children[0] - children[1]
};

enum class CompareOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

// The operator as written: "=", "<>", "<", "<=", ">", ">=".
const char* compareOpText(CompareOp op);

struct Node {
  NodeType type = NodeType::Path;
  CompareOp op = CompareOp::Eq;
  int parens = 0;                       // how many parentheses directly enclose this node
  DocumentPath path;                    // Path
  std::string name;                     // Value: ":v"; Function: the function name as written
  std::optional<AttributeValue> value;  // Value, once resolved (a copy of the request's)
  std::vector<std::unique_ptr<Node>> children;

  bool isOperand() const {
    return type == NodeType::Path || type == NodeType::Value || type == NodeType::Function ||
           type == NodeType::Plus || type == NodeType::Minus;
  }
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace pd::expr
