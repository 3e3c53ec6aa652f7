#include "api/partiql/lexer.h"

#include <cctype>

namespace pd::partiql {
namespace {

bool isWordStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool isWordChar(char c) {
  return isWordStart(c) || std::isdigit(static_cast<unsigned char>(c));
}
bool isDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// A quoted run ending at the next unescaped `quote` (doubling a quote escapes it).
std::string quoted(std::string_view text, std::size_t& pos, char quote) {
  std::string value;
  ++pos;
  while (true) {
    if (pos >= text.size()) {
      throw syntaxError(quote == '\'' ? "Unterminated string literal"
                                      : "Unterminated quoted identifier");
    }
    if (text[pos] == quote) {
      if (pos + 1 < text.size() && text[pos + 1] == quote) {
        value += quote;
        pos += 2;
        continue;
      }
      ++pos;
      return value;
    }
    value += text[pos++];
  }
}

std::string number(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && isDigit(text[pos])) ++pos;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && isDigit(text[pos])) ++pos;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    std::size_t next = pos + 1;
    if (next < text.size() && (text[next] == '+' || text[next] == '-')) ++next;
    if (next < text.size() && isDigit(text[next])) {
      pos = next;
      while (pos < text.size() && isDigit(text[pos])) ++pos;
    }
  }
  return std::string(text.substr(start, pos - start));
}

}  // namespace

DynamoError syntaxError(const std::string& detail) {
  return validationError("Statement wasn't well formed, can't be processed: " + detail);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    const std::size_t start = pos;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++pos;
    } else if (c == '-' && pos + 1 < text.size() && text[pos + 1] == '-') {
      while (pos < text.size() && text[pos] != '\n') ++pos;  // a comment to the end of the line
    } else if (c == '/' && pos + 1 < text.size() && text[pos + 1] == '*') {
      const std::size_t end = text.find("*/", pos + 2);
      if (end == std::string_view::npos) throw syntaxError("");  // DynamoDB says no more
      pos = end + 2;
    } else if (isWordStart(c)) {
      while (pos < text.size() && isWordChar(text[pos])) ++pos;
      tokens.push_back({TokenKind::Word, std::string(text.substr(start, pos - start)), start});
    } else if (c == '"' || c == '\'') {
      std::string value = quoted(text, pos, c);
      tokens.push_back({c == '"' ? TokenKind::QuotedName : TokenKind::String, value, start});
    } else if (isDigit(c) || (c == '.' && pos + 1 < text.size() && isDigit(text[pos + 1]))) {
      tokens.push_back({TokenKind::Number, number(text, pos), start});
    } else if (c == '?') {
      ++pos;
      tokens.push_back({TokenKind::Parameter, "?", start});
    } else {
      static const char* const pairs[] = {"<<", ">>", "<=", ">=", "<>", "!=", "||"};
      std::string punct(1, c);
      for (const char* pair : pairs) {
        if (text.substr(pos, 2) == pair) punct = pair;
      }
      if (punct.size() == 1 &&
          std::string_view("()[]{},.*:=<>+-/;").find(c) == std::string_view::npos) {
        throw syntaxError("");  // a character no token starts with: DynamoDB says no more
      }
      pos += punct.size();
      tokens.push_back({TokenKind::Punct, punct, start});
    }
  }
  tokens.push_back({TokenKind::End, "", text.size()});
  return tokens;
}

}  // namespace pd::partiql
