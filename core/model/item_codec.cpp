#include "model/item_codec.h"

#include "model/byte_reader.h"

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

static_assert(static_cast<int>(AttrType::BS) == 9, "ByteReader::tag() bounds the type tags");

Item readItem(ByteReader& reader);

AttributeValue readValue(ByteReader& reader) {
  AttributeValue v;
  v.type = static_cast<AttrType>(reader.tag());
  switch (v.type) {
    case AttrType::S:
    case AttrType::N:
    case AttrType::B:
      v.scalar = std::string(reader.bytes());
      break;
    case AttrType::BOOL:
      v.boolean = reader.take(1)[0] != 0;
      break;
    case AttrType::NUL:
      break;
    case AttrType::M:
      v.map = readItem(reader);
      break;
    case AttrType::L: {
      reader.enter();
      const std::size_t count = reader.varint();
      for (std::size_t i = 0; i < count; ++i) v.list.push_back(readValue(reader));
      reader.leave();
      break;
    }
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS: {
      const std::size_t count = reader.varint();
      for (std::size_t i = 0; i < count; ++i) v.set.emplace_back(reader.bytes());
      break;
    }
  }
  return v;
}

Item readItem(ByteReader& reader) {
  reader.enter();
  Item out;
  const std::size_t count = reader.varint();
  for (std::size_t i = 0; i < count; ++i) {
    std::string name(reader.bytes());
    out.emplace_hint(out.end(), std::move(name), readValue(reader));
  }
  reader.leave();
  return out;
}

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
  ByteReader reader(bytes);
  Item item = readItem(reader);
  if (!reader.atEnd()) throw std::runtime_error("item encoding: trailing bytes");
  return item;
}

}  // namespace pd
