// Splits an expression into tokens. Every grammar (condition, update, projection) shares it,
// so a syntax error names the same token DynamoDB names ("token: \"x\", near: \"...\"").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pd::expr {

enum class TokenType {
  Name,              // [A-Za-z][A-Za-z0-9_]*: attribute names, keywords, function names
  NamePlaceholder,   // #[A-Za-z0-9_]+
  ValuePlaceholder,  // :[A-Za-z0-9_]+
  Number,            // [0-9]+ (only valid as a list index)
  Punct,             // ( ) [ ] , . = <> < <= > >= + -
  Unknown,           // any other character ('_' cannot start a name), or a lone '#' or ':'
  End,               // end of input
};

struct Token {
  TokenType type = TokenType::End;
  std::string text;
  std::size_t begin = 0;  // byte offsets into the source
  std::size_t end = 0;
};

// Always ends with one End token. Whitespace (space, tab, CR, LF) separates tokens.
std::vector<Token> tokenize(std::string_view source);

// True when `token` is the keyword `upperWord` in any letter case.
bool isKeyword(const Token& token, std::string_view upperWord);

}  // namespace pd::expr
