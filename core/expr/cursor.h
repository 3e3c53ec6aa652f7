// The token stream every parser walks, with DynamoDB's syntax-error message and a nesting
// cap so that no input (4 KB of "(((((...") can recurse deep enough to overflow the stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "expr/document_path.h"
#include "expr/expression_kind.h"
#include "expr/lexer.h"

namespace pd::expr {

// Deepest nesting of parentheses and NOTs a parser accepts. Far above anything a 4 KB
// expression of valid conditions can need in practice, far below what overflows a stack.
constexpr int kMaxNesting = 100;

// "Syntax error; token: \"<tok>\", near: \"<prev tok next>\"": the token where parsing
// failed ("<EOF>" at the end) and the source text from the token before it to the token
// after it.
std::string syntaxErrorDetail(std::string_view source, const std::vector<Token>& tokens,
                              std::size_t at);

class Cursor {
 public:
  Cursor(Kind kind, std::string_view source);

  Kind kind() const { return kind_; }
  const Token& peek() const { return tokens_[pos_]; }
  // The token after the current one (End at the end).
  const Token& lookahead() const { return tokens_[pos_ + 1 < tokens_.size() ? pos_ + 1 : pos_]; }
  std::size_t position() const { return pos_; }
  const Token& advance();

  bool atEnd() const { return peek().type == TokenType::End; }

  // Calls `parseOne` once, then again after each ",": the shape of function arguments, IN
  // lists and the actions of an update clause.
  template <typename Parse>
  void commaSeparated(Parse parseOne) {
    parseOne();
    while (atPunct(",")) {
      advance();
      parseOne();
    }
  }
  bool atPunct(std::string_view text) const;
  bool atKeyword(std::string_view upperWord) const { return isKeyword(peek(), upperWord); }
  void expectPunct(std::string_view text);

  // Throws the syntax error for the current token.
  [[noreturn]] void fail() const;

  // Parses name-or-#placeholder, then any ".name", ".#placeholder" and "[digits]".
  // `keywords` are words that cannot be attribute names in this grammar (a syntax error).
  DocumentPath parsePath(const std::vector<std::string_view>& keywords);

  // Continues a path already parsed (for "(a.b).c" in conditions).
  void parsePathTail(DocumentPath& path, const std::vector<std::string_view>& keywords);

  // Counts one level of nesting for the lifetime of the guard.
  class Nest {
   public:
    explicit Nest(Cursor& cursor);
    ~Nest() { --cursor_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Cursor& cursor_;
  };

 private:
  PathElement parseNameElement(const std::vector<std::string_view>& keywords);

  Kind kind_;
  std::string_view source_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace pd::expr
