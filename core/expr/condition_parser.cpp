#include "expr/condition_parser.h"

#include <vector>

#include "expr/cursor.h"

namespace pd::expr {
namespace {

const std::vector<std::string_view> kKeywords = {"AND", "OR", "NOT", "BETWEEN", "IN"};

struct Comparator {
  std::string_view text;
  CompareOp op;
};
const Comparator kComparators[] = {{"=", CompareOp::Eq}, {"<>", CompareOp::Ne},
                                   {"<", CompareOp::Lt}, {"<=", CompareOp::Le},
                                   {">", CompareOp::Gt}, {">=", CompareOp::Ge}};

NodePtr makeNode(NodeType type) {
  auto node = std::make_unique<Node>();
  node->type = type;
  return node;
}

bool isBareOperand(const Node& node) {
  return node.type == NodeType::Path || node.type == NodeType::Value;
}

class ConditionParser {
 public:
  ConditionParser(Kind kind, std::string_view source) : cursor_(kind, source) {}

  ParsedCondition parse() {
    NodePtr root = parseOr();
    requireCondition(*root);
    if (!cursor_.atEnd()) cursor_.fail();
    return {std::move(root), redundant_};
  }

 private:
  // A path or :value cannot stand where a condition is needed: the parser would have needed
  // a comparator at the current token.
  void requireCondition(const Node& node) const {
    if (isBareOperand(node)) cursor_.fail();
  }

  NodePtr parseLogical(NodeType type, std::string_view keyword, NodePtr (ConditionParser::*sub)()) {
    NodePtr first = (this->*sub)();
    if (!cursor_.atKeyword(keyword)) return first;
    NodePtr chain = makeNode(type);
    chain->children.push_back(std::move(first));
    while (cursor_.atKeyword(keyword)) {
      requireCondition(*chain->children.back());
      cursor_.advance();
      chain->children.push_back((this->*sub)());
    }
    requireCondition(*chain->children.back());
    return chain;
  }

  NodePtr parseOr() { return parseLogical(NodeType::Or, "OR", &ConditionParser::parseAnd); }
  NodePtr parseAnd() { return parseLogical(NodeType::And, "AND", &ConditionParser::parseNot); }

  NodePtr parseNot() {
    if (!cursor_.atKeyword("NOT")) return parseComparison();
    Cursor::Nest nest(cursor_);
    cursor_.advance();
    NodePtr inner = parseNot();
    requireCondition(*inner);
    NodePtr node = makeNode(NodeType::Not);
    node->children.push_back(std::move(inner));
    return node;
  }

  const Comparator* atComparator() const {
    for (const auto& comparator : kComparators) {
      if (cursor_.atPunct(comparator.text)) return &comparator;
    }
    return nullptr;
  }

  NodePtr parseComparison() {
    NodePtr left = parseAtom();
    const Comparator* comparator = atComparator();
    const bool between = cursor_.atKeyword("BETWEEN");
    const bool in = cursor_.atKeyword("IN");
    if (!comparator && !between && !in) return left;
    if (!left->isOperand()) cursor_.fail();  // "(a = b) = c": a condition is not an operand
    cursor_.advance();
    NodePtr node;
    if (comparator) {
      node = makeNode(NodeType::Compare);
      node->op = comparator->op;
      node->children.push_back(std::move(left));
      node->children.push_back(parseOperand());
    } else if (between) {
      node = makeNode(NodeType::Between);
      node->children.push_back(std::move(left));
      node->children.push_back(parseOperand());
      if (!cursor_.atKeyword("AND")) cursor_.fail();
      cursor_.advance();
      node->children.push_back(parseOperand());
    } else {
      node = makeNode(NodeType::In);
      node->children.push_back(std::move(left));
      cursor_.expectPunct("(");
      cursor_.commaSeparated([&] { node->children.push_back(parseOperand()); });
      cursor_.expectPunct(")");
    }
    return node;
  }

  // Where a condition may start, "(" opens either a nested condition or a parenthesized
  // operand; which one is only known once its content is parsed.
  NodePtr parseAtom() {
    if (!cursor_.atPunct("(")) return parseBareOperand();
    Cursor::Nest nest(cursor_);
    cursor_.advance();
    NodePtr inner = parseOr();
    cursor_.expectPunct(")");
    return closeParentheses(std::move(inner));
  }

  NodePtr parseOperand() {
    if (!cursor_.atPunct("(")) return parseBareOperand();
    Cursor::Nest nest(cursor_);
    cursor_.advance();
    NodePtr inner = parseOperand();
    cursor_.expectPunct(")");
    return closeParentheses(std::move(inner));
  }

  // Counts the parentheses around `node`; a path may continue after them ("(a.b).c").
  NodePtr closeParentheses(NodePtr node) {
    if (node->parens > 0) redundant_ = true;
    ++node->parens;
    if (node->type == NodeType::Path && (cursor_.atPunct(".") || cursor_.atPunct("["))) {
      cursor_.parsePathTail(node->path, kKeywords);
      node->parens = 0;
    }
    return node;
  }

  NodePtr parseBareOperand() {
    const Token& token = cursor_.peek();
    if (token.type == TokenType::ValuePlaceholder) {
      NodePtr node = makeNode(NodeType::Value);
      node->name = token.text;
      cursor_.advance();
      return node;
    }
    if (token.type == TokenType::Name && cursor_.lookahead().type == TokenType::Punct &&
        cursor_.lookahead().text == "(") {
      for (auto keyword : kKeywords) {
        if (isKeyword(token, keyword)) cursor_.fail();
      }
      Cursor::Nest nest(cursor_);
      NodePtr node = makeNode(NodeType::Function);
      node->name = token.text;
      cursor_.advance();
      cursor_.advance();
      cursor_.commaSeparated([&] { node->children.push_back(parseOperand()); });
      cursor_.expectPunct(")");
      return node;
    }
    NodePtr node = makeNode(NodeType::Path);
    node->path = cursor_.parsePath(kKeywords);
    return node;
  }

  Cursor cursor_;
  bool redundant_ = false;
};

}  // namespace

ParsedCondition parseCondition(Kind kind, std::string_view source) {
  return ConditionParser(kind, source).parse();
}

}  // namespace pd::expr
