#include "api/items/fast_put.h"

#include "api/items/item_common.h"
#include "api/items/key_rules.h"
#include "model/decimal.h"
#include "model/limits.h"

namespace pd {
namespace {

// Thrown inside the fast path to hand the request over to the general path.
struct NotFast {};

// Reads the subset of JSON the fast path takes: no escapes, no bytes outside printable ASCII
// in strings (the general path validates those), no numbers outside strings.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  void skipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool consume(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!consume(c)) throw NotFast{};
  }
  std::string_view string() {
    expect('"');
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') return text_.substr(start, pos_++ - start);
      if (c == '\\' || c < 0x20 || c >= 0x7F) throw NotFast{};
      ++pos_;
    }
    throw NotFast{};
  }
  bool literal(std::string_view word) {
    skipSpace();
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool atEnd() {
    skipSpace();
    return pos_ == text_.size();
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

AttributeValue readValue(Reader& in, int depth);

// {"name": value, ...} into `map`; duplicate or empty names go to the general path.
void readMap(Reader& in, AttributeMap& map, int depth) {
  in.expect('{');
  if (in.consume('}')) return;
  do {
    const std::string_view name = in.string();
    in.expect(':');
    if (name.empty()) throw NotFast{};
    if (!map.emplace(std::string(name), readValue(in, depth)).second) throw NotFast{};
  } while (in.consume(','));
  in.expect('}');
}

// One AttributeValue: an object with exactly one of the types the fast path takes.
AttributeValue readValue(Reader& in, int depth) {
  if (depth >= limits::kMaxNestingDepth) throw NotFast{};
  in.expect('{');
  const std::string_view tag = in.string();
  in.expect(':');
  AttributeValue value;
  if (tag == "S") {
    value = AttributeValue::string(std::string(in.string()));
  } else if (tag == "N") {
    value = AttributeValue::number(Decimal::parse(in.string()).toString());
  } else if (tag == "BOOL") {
    if (in.literal("true")) {
      value = AttributeValue::boolValue(true);
    } else if (in.literal("false")) {
      value = AttributeValue::boolValue(false);
    } else {
      throw NotFast{};
    }
  } else if (tag == "NULL") {
    if (!in.literal("true")) throw NotFast{};
    value = AttributeValue::null();
  } else if (tag == "M") {
    value.type = AttrType::M;
    readMap(in, value.map, depth + 1);
  } else if (tag == "L") {
    value.type = AttrType::L;
    in.expect('[');
    if (!in.consume(']')) {
      do {
        value.list.push_back(readValue(in, depth + 1));
      } while (in.consume(','));
      in.expect(']');
    }
  } else {
    throw NotFast{};
  }
  in.expect('}');
  return value;
}

}  // namespace

std::optional<std::string> tryFastPutItem(Database& db, std::string_view body) {
  try {
    Reader in(body);
    std::optional<std::string_view> tableName;
    std::optional<Item> item;
    in.expect('{');
    do {
      const std::string_view member = in.string();
      in.expect(':');
      if (member == "TableName" && !tableName) {
        tableName = in.string();
      } else if (member == "Item" && !item) {
        item.emplace();
        readMap(in, *item, 0);
      } else {
        throw NotFast{};
      }
    } while (in.consume(','));
    in.expect('}');
    if (!in.atEnd() || !tableName || !item) return std::nullopt;
    Table* table = db.find(std::string(*tableName));
    if (!table) return std::nullopt;
    const std::size_t size = checkedPutSize(*item);
    const std::string key = orderKeyOfItem(table->schema(), *item);
    storeItem(*table, key, *item, size);
    return std::string("{}");
  } catch (const NotFast&) {
    return std::nullopt;
  } catch (const DynamoError&) {
    return std::nullopt;  // the general path reports it, with DynamoDB's checks in their order
  }
}

}  // namespace pd
