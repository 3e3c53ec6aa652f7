// PartiQL statements as tokens: keywords and identifiers (unquoted, case-insensitive for
// keywords), "quoted identifiers", 'string literals', numbers, `?` parameters and punctuation
// (including the << >> of set literals).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/errors.h"

namespace pd::partiql {

enum class TokenKind { End, Word, QuotedName, String, Number, Parameter, Punct };

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;  // the word, the unquoted name or string, the number, or the punctuation
  std::size_t offset = 0;
};

// DynamoDB's answer to a statement it cannot parse.
DynamoError syntaxError(const std::string& detail);

// The tokens of `statement`, ending with one End token. Throws syntaxError.
std::vector<Token> tokenize(std::string_view statement);

}  // namespace pd::partiql
