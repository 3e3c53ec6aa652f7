#include "api/partiql/parser.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "api/partiql/lexer.h"

namespace pd::partiql {
namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Words that end an expression or start a clause, so never an attribute name unquoted.
bool isReserved(const std::string& word) {
  static const char* const reserved[] = {
      "SELECT", "FROM", "WHERE", "AND",    "OR",     "NOT",     "BETWEEN", "IN",     "IS",
      "INSERT", "INTO", "VALUE", "VALUES", "UPDATE", "SET",     "REMOVE",  "DELETE", "RETURNING",
      "ORDER",  "BY",   "ASC",   "DESC",   "EXISTS", "MISSING", "NULL",    "TRUE",   "FALSE"};
  const std::string key = upper(word);
  return std::any_of(std::begin(reserved), std::end(reserved),
                     [&](const char* candidate) { return key == candidate; });
}

class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

  Statement statement() {
    Statement result;
    if (word("SELECT")) {
      result = select();
    } else if (word("INSERT")) {
      result = insert();
    } else if (word("UPDATE")) {
      result = update();
    } else if (word("FROM")) {
      result = fromFirstUpdate();
    } else if (word("DELETE")) {
      result = remove();
    } else if (word("EXISTS")) {
      expect("(");
      if (!word("SELECT")) throw unexpected();
      result = select();
      result.kind = StatementKind::Exists;
      expect(")");
    } else {
      throw syntaxError("Expected data manipulation");
    }
    punct(";");
    if (peek().kind != TokenKind::End) throw leftover();
    result.parameterCount = parameters_;
    return result;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  bool isWord(const char* keyword, std::size_t ahead = 0) const {
    const Token& token = peek(ahead);
    return token.kind == TokenKind::Word && upper(token.text) == keyword;
  }
  bool word(const char* keyword) {
    if (!isWord(keyword)) return false;
    ++pos_;
    return true;
  }
  bool isPunct(const char* text, std::size_t ahead = 0) const {
    const Token& token = peek(ahead);
    return token.kind == TokenKind::Punct && token.text == text;
  }
  bool punct(const char* text) {
    if (!isPunct(text)) return false;
    ++pos_;
    return true;
  }
  void expect(const char* text) {
    if (!punct(text)) throw unexpected();
  }
  void expectWord(const char* keyword) {
    if (!word(keyword)) throw unexpected();
  }
  // DynamoDB's words for a token after a complete statement (or clause).
  static DynamoError leftover() { return syntaxError("Unexpected token after expression"); }
  // A table alias (`FROM "T" t`, `FROM "T" AS t`) has a message of its own, without the envelope.
  void refuseAlias() const {
    const Token& token = peek();
    if (isWord("AS") || (token.kind == TokenKind::Word && !isReserved(token.text)) ||
        token.kind == TokenKind::QuotedName) {
      throw validationError("Aliasing is not supported");
    }
  }

  DynamoError unexpected() const {
    const Token& token = peek();
    if (token.kind == TokenKind::End) return syntaxError("Unexpected end of statement");
    std::string shown = token.text;
    if (token.kind == TokenKind::QuotedName) shown = "\"" + shown + "\"";
    if (token.kind == TokenKind::String) shown = "'" + shown + "'";
    return syntaxError("Unexpected token '" + shown + "' at offset " +
                       std::to_string(token.offset));
  }

  // A table, index or attribute name: a quoted identifier, or a word that is not reserved.
  std::optional<std::string> name() {
    const Token& token = peek();
    if (token.kind == TokenKind::QuotedName ||
        (token.kind == TokenKind::Word && !isReserved(token.text))) {
      ++pos_;
      return token.text;
    }
    return std::nullopt;
  }
  std::string requiredName() {
    auto result = name();
    if (!result) throw unexpected();
    return *result;
  }

  Path path(std::string first) {
    Path result{{std::move(first), -1}};
    while (true) {
      if (punct(".")) {
        result.push_back({requiredName(), -1});
      } else if (isPunct("[")) {
        ++pos_;
        const Token& token = peek();
        if (token.kind == TokenKind::Number &&
            token.text.find_first_not_of("0123456789") == std::string::npos) {
          result.push_back({"", std::strtol(token.text.c_str(), nullptr, 10)});
        } else if (token.kind == TokenKind::String) {
          result.push_back({token.text, -1});
        } else {
          throw unexpected();
        }
        ++pos_;
        expect("]");
      } else {
        return result;
      }
    }
  }

  Statement select() {
    Statement result;
    result.kind = StatementKind::Select;
    if (!punct("*")) {
      do {
        result.projection.push_back(path(requiredName()));
      } while (punct(","));
    }
    expectWord("FROM");
    result.table = requiredName();
    if (punct(".")) result.index = requiredName();
    refuseAlias();
    if (word("WHERE")) result.where = expression();
    if (word("ORDER")) {
      expectWord("BY");
      result.orderBy = path(requiredName());
      if (word("DESC")) {
        result.descending = true;
      } else {
        word("ASC");
      }
    }
    return result;
  }

  Statement insert() {
    Statement result;
    result.kind = StatementKind::Insert;
    expectWord("INTO");
    result.table = requiredName();
    if (!word("VALUE")) throw peek().kind == TokenKind::End ? unexpected() : leftover();
    result.item = operand();
    return result;
  }

  Statement update() {
    Statement result;
    result.kind = StatementKind::Update;
    result.table = requiredName();
    refuseAlias();
    updateActions(result);
    expectWord("WHERE");
    result.where = expression();
    if (word("RETURNING")) result.returning = returning();
    return result;
  }

  // PartiQL's other order: FROM "T" WHERE ... SET ... REMOVE ... [RETURNING ...].
  Statement fromFirstUpdate() {
    Statement result;
    result.kind = StatementKind::Update;
    result.table = requiredName();
    refuseAlias();
    expectWord("WHERE");
    result.where = expression();
    updateActions(result);
    if (word("RETURNING")) result.returning = returning();
    return result;
  }

  // SET and REMOVE clauses, in any order and number, at least one.
  void updateActions(Statement& result) {
    while (true) {
      if (word("SET")) {
        do {
          UpdateAction action;
          action.path = path(requiredName());
          expect("=");
          action.value = operand();
          result.actions.push_back(std::move(action));
        } while (punct(","));
      } else if (word("REMOVE")) {
        do {
          UpdateAction action;
          action.remove = true;
          action.path = path(requiredName());
          result.actions.push_back(std::move(action));
        } while (punct(","));
      } else {
        break;
      }
    }
    if (result.actions.empty()) throw unexpected();
  }

  Statement remove() {
    Statement result;
    result.kind = StatementKind::Delete;
    expectWord("FROM");
    result.table = requiredName();
    refuseAlias();
    expectWord("WHERE");
    result.where = expression();
    if (word("RETURNING")) {
      result.returning = returning();
      if (result.returning != "ALL_OLD") {
        throw syntaxError("DELETE supports only RETURNING ALL OLD *");
      }
    }
    return result;
  }

  // RETURNING (ALL | MODIFIED) (OLD | NEW) *, as UpdateItem's ReturnValues.
  std::string returning() {
    std::string which;
    if (word("ALL")) {
      which = "ALL_";
    } else if (word("MODIFIED")) {
      which = "UPDATED_";
    } else {
      throw unexpected();
    }
    if (word("OLD")) {
      which += "OLD";
    } else if (word("NEW")) {
      which += "NEW";
    } else {
      throw unexpected();
    }
    expect("*");
    return which;
  }

  // Conditions: OR of ANDs of (NOT) predicates.
  Node expression() {
    Node left = conjunction();
    if (!isWord("OR")) return left;
    Node result{NodeKind::Or};
    result.children.push_back(std::move(left));
    while (word("OR")) result.children.push_back(conjunction());
    return result;
  }
  Node conjunction() {
    Node left = negation();
    if (!isWord("AND")) return left;
    Node result{NodeKind::And};
    result.children.push_back(std::move(left));
    while (word("AND")) result.children.push_back(negation());
    return result;
  }
  Node negation() {
    if (word("NOT")) return wrap(NodeKind::Not, negation());
    return predicate();
  }
  static Node wrap(NodeKind kind, Node child, std::string text = {}) {
    Node result{kind, std::move(text)};
    result.children.push_back(std::move(child));
    return result;
  }

  Node predicate() {
    Node left = operand();
    const Token& token = peek();
    if (token.kind == TokenKind::Punct) {
      static const char* const comparisons[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
      for (const char* op : comparisons) {
        if (token.text == op) {
          ++pos_;
          Node result{NodeKind::Compare, token.text == "!=" ? "<>" : op};
          result.children.push_back(std::move(left));
          result.children.push_back(operand());
          return result;
        }
      }
      return left;
    }
    if (word("IS")) {
      const bool negated = word("NOT");
      Node result;
      if (word("MISSING")) {
        result = wrap(NodeKind::IsMissing, std::move(left));
      } else if (word("NULL")) {
        result = wrap(NodeKind::IsNull, std::move(left));
      } else {
        throw unexpected();
      }
      return negated ? wrap(NodeKind::Not, std::move(result)) : result;
    }
    const bool negated = isWord("NOT") && (isWord("BETWEEN", 1) || isWord("IN", 1));
    if (negated) ++pos_;
    Node result;
    if (word("BETWEEN")) {
      result = wrap(NodeKind::Between, std::move(left));
      result.children.push_back(operand());
      expectWord("AND");
      result.children.push_back(operand());
    } else if (word("IN")) {
      result = wrap(NodeKind::In, std::move(left));
      const char* close = punct("[") ? "]" : (expect("("), ")");
      do {
        result.children.push_back(operand());
      } while (punct(","));
      expect(close);
    } else {
      return left;
    }
    return negated ? wrap(NodeKind::Not, std::move(result)) : result;
  }

  // A value: a path, literal, parameter, function call, or a sum or difference of them.
  Node operand() {
    Node left = primary();
    while (isPunct("+") || isPunct("-")) {
      Node result{NodeKind::Arithmetic, peek().text};
      ++pos_;
      result.children.push_back(std::move(left));
      result.children.push_back(primary());
      left = std::move(result);
    }
    return left;
  }

  Node literal(const char* type, Json value) {
    Node result{NodeKind::Value};
    result.value = Json::object({{type, std::move(value)}});
    return result;
  }

  Node primary() {
    const Token token = peek();
    switch (token.kind) {
      case TokenKind::String:
        ++pos_;
        return literal("S", token.text);
      case TokenKind::Number:
        ++pos_;
        return literal("N", token.text);
      case TokenKind::Parameter: {
        ++pos_;
        Node result{NodeKind::Parameter};
        result.parameter = parameters_++;
        return result;
      }
      case TokenKind::QuotedName:
        ++pos_;
        return pathNode(token.text);
      case TokenKind::Word:
        return wordPrimary(token);
      case TokenKind::Punct:
        return punctPrimary(token);
      case TokenKind::End:
        break;
    }
    throw unexpected();
  }

  Node pathNode(std::string first) {
    Node result{NodeKind::Attribute};
    result.path = path(std::move(first));
    return result;
  }

  Node wordPrimary(const Token& token) {
    if (word("TRUE")) return literal("BOOL", true);
    if (word("FALSE")) return literal("BOOL", false);
    if (word("NULL")) return literal("NULL", true);
    if (isReserved(token.text)) throw unexpected();
    ++pos_;
    if (!punct("(")) return pathNode(token.text);
    Node call{NodeKind::Call, lower(token.text)};
    if (!punct(")")) {
      do {
        call.children.push_back(operand());
      } while (punct(","));
      expect(")");
    }
    return call;
  }

  Node punctPrimary(const Token& token) {
    if (token.text == "-" && peek(1).kind == TokenKind::Number) {
      const std::string digits = peek(1).text;
      pos_ += 2;
      return literal("N", "-" + digits);
    }
    if (punct("(")) {
      Node inner = expression();
      expect(")");
      return inner;
    }
    if (punct("[")) return elements(NodeKind::List, "]");
    if (punct("<<")) return elements(NodeKind::Set, ">>");
    if (punct("{")) {
      Node map{NodeKind::Map};
      if (punct("}")) return map;
      do {
        const Token& key = peek();
        if (key.kind != TokenKind::String) throw unexpected();
        ++pos_;
        map.keys.push_back(key.text);
        expect(":");
        map.children.push_back(operand());
      } while (punct(","));
      expect("}");
      return map;
    }
    throw unexpected();
  }

  Node elements(NodeKind kind, const char* close) {
    Node result{kind};
    if (punct(close)) return result;
    do {
      result.children.push_back(operand());
    } while (punct(","));
    expect(close);
    return result;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int parameters_ = 0;
};

}  // namespace

Statement parseStatement(std::string_view text) {
  return Parser(text).statement();
}

}  // namespace pd::partiql
