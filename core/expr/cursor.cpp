#include "expr/cursor.h"

#include <cstdint>
#include <limits>

namespace pd::expr {

std::string syntaxErrorDetail(std::string_view source, const std::vector<Token>& tokens,
                              std::size_t at) {
  const Token& token = tokens[at];
  const std::size_t begin = at > 0 ? tokens[at - 1].begin : token.begin;
  const std::size_t end = at + 1 < tokens.size() ? tokens[at + 1].end : token.end;
  const std::string shown = token.type == TokenType::End ? "<EOF>" : token.text;
  return "Syntax error; token: \"" + shown + "\", near: \"" +
         std::string(source.substr(begin, end - begin)) + "\"";
}

Cursor::Cursor(Kind kind, std::string_view source)
    : kind_(kind), source_(source), tokens_(tokenize(source)) {}

const Token& Cursor::advance() {
  const Token& token = tokens_[pos_];
  if (token.type != TokenType::End) ++pos_;
  return token;
}

bool Cursor::atPunct(std::string_view text) const {
  return peek().type == TokenType::Punct && peek().text == text;
}

void Cursor::expectPunct(std::string_view text) {
  if (!atPunct(text)) fail();
  advance();
}

void Cursor::fail() const {
  throw invalidExpression(kind_, syntaxErrorDetail(source_, tokens_, pos_));
}

Cursor::Nest::Nest(Cursor& cursor) : cursor_(cursor) {
  if (++cursor_.depth_ > kMaxNesting) {
    --cursor_.depth_;
    cursor_.fail();
  }
}

PathElement Cursor::parseNameElement(const std::vector<std::string_view>& keywords) {
  const Token& token = peek();
  PathElement element;
  if (token.type == TokenType::NamePlaceholder) {
    element.placeholder = token.text;
  } else if (token.type == TokenType::Name) {
    for (auto keyword : keywords) {
      if (isKeyword(token, keyword)) fail();
    }
    element.name = token.text;
  } else {
    fail();
  }
  advance();
  return element;
}

DocumentPath Cursor::parsePath(const std::vector<std::string_view>& keywords) {
  DocumentPath path;
  path.push_back(parseNameElement(keywords));
  parsePathTail(path, keywords);
  return path;
}

void Cursor::parsePathTail(DocumentPath& path, const std::vector<std::string_view>& keywords) {
  for (;;) {
    if (atPunct(".")) {
      advance();
      path.push_back(parseNameElement(keywords));
    } else if (atPunct("[")) {
      advance();
      if (peek().type != TokenType::Number) fail();
      PathElement element;
      element.type = PathElement::Type::Index;
      std::uint64_t index = 0;
      for (char digit : peek().text) {
        index = index * 10 + static_cast<std::uint64_t>(digit - '0');
        if (index > std::numeric_limits<std::uint32_t>::max()) {
          index = std::numeric_limits<std::uint32_t>::max();
        }
      }
      element.index = static_cast<std::uint32_t>(index);
      advance();
      expectPunct("]");
      path.push_back(std::move(element));
    } else {
      return;
    }
  }
}

}  // namespace pd::expr
