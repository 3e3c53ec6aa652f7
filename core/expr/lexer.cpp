#include "expr/lexer.h"

#include <cctype>

namespace pd::expr {
namespace {

bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Length of the UTF-8 character starting at `i`, so "ü" is one Unknown token, not two bytes.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (i + n > s.size()) n = s.size() - i;
  return n;
}

}  // namespace

std::vector<Token> tokenize(std::string_view source) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < source.size()) {
    const char c = source[i];
    if (isSpace(c)) {
      ++i;
      continue;
    }
    Token token;
    token.begin = i;
    std::size_t end = i + 1;
    if (std::isalpha(static_cast<unsigned char>(c))) {
      token.type = TokenType::Name;
      while (end < source.size() && isWordChar(source[end])) ++end;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      token.type = TokenType::Number;
      while (end < source.size() && std::isdigit(static_cast<unsigned char>(source[end]))) ++end;
    } else if ((c == '#' || c == ':') && end < source.size() && isWordChar(source[end])) {
      token.type = c == '#' ? TokenType::NamePlaceholder : TokenType::ValuePlaceholder;
      while (end < source.size() && isWordChar(source[end])) ++end;
    } else if (c == '<' && end < source.size() && (source[end] == '>' || source[end] == '=')) {
      token.type = TokenType::Punct;
      ++end;
    } else if (c == '>' && end < source.size() && source[end] == '=') {
      token.type = TokenType::Punct;
      ++end;
    } else if (std::string_view("()[],.=<>+-").find(c) != std::string_view::npos) {
      token.type = TokenType::Punct;
    } else {
      token.type = TokenType::Unknown;
      end = i + utf8Length(source, i);
    }
    token.end = end;
    token.text = std::string(source.substr(i, end - i));
    tokens.push_back(std::move(token));
    i = end;
  }
  Token last;
  last.type = TokenType::End;
  last.begin = last.end = source.size();
  tokens.push_back(std::move(last));
  return tokens;
}

bool isKeyword(const Token& token, std::string_view upperWord) {
  if (token.type != TokenType::Name || token.text.size() != upperWord.size()) return false;
  for (std::size_t i = 0; i < upperWord.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != upperWord[i]) return false;
  }
  return true;
}

}  // namespace pd::expr
