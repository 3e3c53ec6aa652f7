#include "expr/update_parser.h"

#include "expr/cursor.h"

namespace pd::expr {
namespace {

const std::vector<std::string_view> kKeywords = {"SET", "REMOVE", "ADD", "DELETE"};
const Section kSections[] = {Section::Set, Section::Remove, Section::Add, Section::Delete};

NodePtr makeNode(NodeType type) {
  auto node = std::make_unique<Node>();
  node->type = type;
  return node;
}

class UpdateParser {
 public:
  explicit UpdateParser(std::string_view source) : cursor_(Kind::Update, source) {}

  ParsedUpdate parse() {
    ParsedUpdate out;
    bool seen[4] = {false, false, false, false};
    do {
      const Section* section = atSection();
      if (!section) cursor_.fail();
      cursor_.advance();
      auto& wasSeen = seen[static_cast<int>(*section)];
      if (wasSeen && out.repeatedSection.empty()) out.repeatedSection = sectionName(*section);
      wasSeen = true;
      cursor_.commaSeparated([&] { out.actions.push_back(parseAction(*section)); });
    } while (!cursor_.atEnd());
    return out;
  }

 private:
  const Section* atSection() const {
    for (const Section& section : kSections) {
      if (cursor_.atKeyword(sectionName(section))) return &section;
    }
    return nullptr;
  }

  UpdateAction parseAction(Section section) {
    UpdateAction action;
    action.section = section;
    action.path = cursor_.parsePath(kKeywords);
    if (section == Section::Set) {
      cursor_.expectPunct("=");
      action.value = parseValue();
    } else if (section == Section::Add || section == Section::Delete) {
      if (cursor_.peek().type != TokenType::ValuePlaceholder) cursor_.fail();
      action.value = makeNode(NodeType::Value);
      action.value->name = cursor_.advance().text;
    }
    // After an action only ',' , the next section or the end may follow.
    if (!cursor_.atPunct(",") && !cursor_.atEnd() && !atSection()) cursor_.fail();
    return action;
  }

  // "(a + b)" is a whole value; "(a)" is a term that may still be followed by + or -.
  NodePtr parseValue() {
    NodePtr first;
    if (cursor_.atPunct("(")) {
      Cursor::Nest nest(cursor_);
      cursor_.advance();
      NodePtr inner = parseArithmetic(parseTerm());
      cursor_.expectPunct(")");
      ++inner->parens;
      if (inner->type == NodeType::Plus || inner->type == NodeType::Minus) return inner;
      first = std::move(inner);
    } else {
      first = parseTerm();
    }
    return parseArithmetic(std::move(first));
  }

  NodePtr parseArithmetic(NodePtr first) {
    const bool plus = cursor_.atPunct("+");
    if (!plus && !cursor_.atPunct("-")) return first;
    cursor_.advance();
    NodePtr node = makeNode(plus ? NodeType::Plus : NodeType::Minus);
    node->children.push_back(std::move(first));
    node->children.push_back(parseTerm());
    return node;
  }

  NodePtr parseTerm() {
    if (!cursor_.atPunct("(")) return parseBare();
    Cursor::Nest nest(cursor_);
    cursor_.advance();
    NodePtr inner = parseBare();
    cursor_.expectPunct(")");
    ++inner->parens;
    return inner;
  }

  NodePtr parseBare() {
    const Token& token = cursor_.peek();
    if (token.type == TokenType::ValuePlaceholder) {
      NodePtr node = makeNode(NodeType::Value);
      node->name = cursor_.advance().text;
      return node;
    }
    if (token.type == TokenType::Name && cursor_.lookahead().type == TokenType::Punct &&
        cursor_.lookahead().text == "(") {
      for (auto keyword : kKeywords) {
        if (isKeyword(token, keyword)) cursor_.fail();
      }
      Cursor::Nest nest(cursor_);
      NodePtr node = makeNode(NodeType::Function);
      node->name = cursor_.advance().text;
      cursor_.advance();
      cursor_.commaSeparated([&] { node->children.push_back(parseTerm()); });
      cursor_.expectPunct(")");
      return node;
    }
    NodePtr node = makeNode(NodeType::Path);
    node->path = cursor_.parsePath(kKeywords);
    return node;
  }

  Cursor cursor_;
};

}  // namespace

const char* sectionName(Section section) {
  switch (section) {
    case Section::Set:
      return "SET";
    case Section::Remove:
      return "REMOVE";
    case Section::Add:
      return "ADD";
    case Section::Delete:
      return "DELETE";
  }
  return "?";
}

ParsedUpdate parseUpdate(std::string_view source) {
  return UpdateParser(source).parse();
}

}  // namespace pd::expr
