#include "api/items/fast_reader.h"

#include "model/decimal.h"
#include "model/limits.h"

namespace pd {

void FastReader::skipSpace() {
  while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                                 text_[pos_] == '\r')) {
    ++pos_;
  }
}

bool FastReader::consume(char c) {
  skipSpace();
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

void FastReader::expect(char c) {
  if (!consume(c)) throw NotFast{};
}

std::string_view FastReader::string() {
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

bool FastReader::literal(std::string_view word) {
  skipSpace();
  if (text_.substr(pos_, word.size()) != word) return false;
  pos_ += word.size();
  return true;
}

bool FastReader::atEnd() {
  skipSpace();
  return pos_ == text_.size();
}

namespace {

// One AttributeValue: an object with exactly one of the types the fast paths take.
AttributeValue readValue(FastReader& in, int depth) {
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
    readFastMap(in, value.map, depth + 1);
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

void readFastMap(FastReader& in, AttributeMap& map, int depth) {
  in.expect('{');
  if (in.consume('}')) return;
  do {
    const std::string_view name = in.string();
    in.expect(':');
    if (name.empty() || name.size() > limits::kMaxAttributeNameBytes) throw NotFast{};
    if (!map.emplace(std::string(name), readValue(in, depth)).second) throw NotFast{};
  } while (in.consume(','));
  in.expect('}');
}

}  // namespace pd
