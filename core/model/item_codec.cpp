#include "model/item_codec.h"

#include <cstdint>
#include <stdexcept>

namespace pd {
namespace {

void putVarint(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

void putBytes(std::string& out, std::string_view bytes) {
  putVarint(out, bytes.size());
  out += bytes;
}

void putValue(std::string& out, const AttributeValue& value) {
  out += static_cast<char>(value.type);
  switch (value.type) {
    case AttrType::S:
    case AttrType::N:
    case AttrType::B:
      putBytes(out, value.scalar);
      break;
    case AttrType::BOOL:
      out += static_cast<char>(value.boolean ? 1 : 0);
      break;
    case AttrType::NUL:
      break;
    case AttrType::M:
      appendEncodedItem(out, value.map);
      break;
    case AttrType::L:
      putVarint(out, value.list.size());
      for (const auto& element : value.list) putValue(out, element);
      break;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      putVarint(out, value.set.size());
      for (const auto& element : value.set) putBytes(out, element);
      break;
  }
}

// Stored items nest at most 32 levels; anything much deeper is corrupt, and refusing it keeps
// a crafted blob from exhausting the stack.
constexpr int kMaxDecodeDepth = 64;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool atEnd() const { return pos_ == bytes_.size(); }

  std::size_t varint() {
    std::size_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto byte = static_cast<std::uint8_t>(take(1)[0]);
      n |= static_cast<std::size_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return n;
    }
    throw std::runtime_error("item encoding: varint too long");
  }

  std::string_view take(std::size_t n) {
    if (n > bytes_.size() - pos_) throw std::runtime_error("item encoding: truncated");
    const auto out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }

  std::string bytes() { return std::string(take(varint())); }

  Item item() {
    if (++depth_ > kMaxDecodeDepth) throw std::runtime_error("item encoding: nested too deep");
    Item out;
    const std::size_t count = varint();
    for (std::size_t i = 0; i < count; ++i) {
      std::string name = bytes();
      out.emplace_hint(out.end(), std::move(name), value());
    }
    --depth_;
    return out;
  }

  AttributeValue value() {
    const auto tag = static_cast<std::uint8_t>(take(1)[0]);
    if (tag > static_cast<std::uint8_t>(AttrType::BS)) {
      throw std::runtime_error("item encoding: bad type tag");
    }
    AttributeValue v;
    v.type = static_cast<AttrType>(tag);
    switch (v.type) {
      case AttrType::S:
      case AttrType::N:
      case AttrType::B:
        v.scalar = bytes();
        break;
      case AttrType::BOOL:
        v.boolean = take(1)[0] != 0;
        break;
      case AttrType::NUL:
        break;
      case AttrType::M:
        v.map = item();
        break;
      case AttrType::L: {
        if (++depth_ > kMaxDecodeDepth) throw std::runtime_error("item encoding: nested too deep");
        const std::size_t count = varint();
        for (std::size_t i = 0; i < count; ++i) v.list.push_back(value());
        --depth_;
        break;
      }
      case AttrType::SS:
      case AttrType::NS:
      case AttrType::BS: {
        const std::size_t count = varint();
        for (std::size_t i = 0; i < count; ++i) v.set.push_back(bytes());
        break;
      }
    }
    return v;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

void appendEncodedItem(std::string& out, const Item& item) {
  putVarint(out, item.size());
  for (const auto& [name, value] : item) {
    putBytes(out, name);
    putValue(out, value);
  }
}

std::string encodeItem(const Item& item) {
  std::string out;
  appendEncodedItem(out, item);
  return out;
}

Item decodeItem(std::string_view bytes) {
  Reader reader(bytes);
  Item item = reader.item();
  if (!reader.atEnd()) throw std::runtime_error("item encoding: trailing bytes");
  return item;
}

}  // namespace pd
