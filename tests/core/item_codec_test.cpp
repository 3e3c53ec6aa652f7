// The compact binary form of stored items (model/item_codec.h): every type survives a round
// trip, and damaged bytes are refused with an exception, never a crash.
#include <catch2/catch.hpp>

#include <random>
#include <stdexcept>
#include <string>

#include "model/attribute_value.h"
#include "model/item_codec.h"

using pd::AttributeValue;
using pd::AttrType;
using pd::Item;

namespace {

AttributeValue setOf(AttrType type, std::vector<std::string> elements) {
  AttributeValue v;
  v.type = type;
  v.set = std::move(elements);
  return v;
}

AttributeValue listOf(std::vector<AttributeValue> elements) {
  AttributeValue v;
  v.type = AttrType::L;
  v.list = std::move(elements);
  return v;
}

AttributeValue mapOf(Item members) {
  AttributeValue v;
  v.type = AttrType::M;
  v.map = std::move(members);
  return v;
}

// One attribute of every type, with nesting and the awkward cases (empty strings, zero bytes,
// long values whose lengths need multi-byte varints).
Item everyType() {
  Item item;
  item.emplace("s", AttributeValue::string("héllo"));
  item.emplace("empty", AttributeValue::string(""));
  item.emplace("long", AttributeValue::string(std::string(100000, 'x')));
  item.emplace("n", AttributeValue::number("-15789000"));
  item.emplace("b", AttributeValue::binary(std::string("\0\1\xff", 3)));
  item.emplace("t", AttributeValue::boolValue(true));
  item.emplace("f", AttributeValue::boolValue(false));
  item.emplace("z", AttributeValue::null());
  item.emplace("ss", setOf(AttrType::SS, {"", "a", "b"}));
  item.emplace("ns", setOf(AttrType::NS, {"-1", "0.5", "3"}));
  item.emplace("bs", setOf(AttrType::BS, {std::string("\0", 1), "\x7f"}));
  item.emplace("l", listOf({AttributeValue::string("a"), AttributeValue::null(), listOf({})}));
  item.emplace("m", mapOf({{"inner", mapOf({{"deep", listOf({AttributeValue::number("1")})}})},
                           {"", AttributeValue::string("empty name")}}));
  item.emplace("", mapOf({}));
  return item;
}

}  // namespace

TEST_CASE("every attribute type survives an encode/decode round trip", "[codec]") {
  const Item item = everyType();
  const std::string bytes = pd::encodeItem(item);
  CHECK(pd::decodeItem(bytes) == item);
}

TEST_CASE("each type on its own survives a round trip", "[codec]") {
  for (const auto& [name, value] : everyType()) {
    INFO("attribute " << name);
    const Item single{{name, value}};
    CHECK(pd::decodeItem(pd::encodeItem(single)) == single);
  }
}

TEST_CASE("an empty item round-trips", "[codec]") {
  CHECK(pd::decodeItem(pd::encodeItem(Item{})).empty());
}

TEST_CASE("appendEncodedItem writes the same bytes as encodeItem", "[codec]") {
  std::string out = "prefix";
  pd::appendEncodedItem(out, everyType());
  CHECK(out == "prefix" + pd::encodeItem(everyType()));
}

TEST_CASE("every truncation of a valid encoding throws", "[codec]") {
  Item item = everyType();
  item.erase("long");  // keeps the loop short
  const std::string bytes = pd::encodeItem(item);
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    INFO("prefix of " << length << " bytes");
    CHECK_THROWS_AS(pd::decodeItem(std::string_view(bytes).substr(0, length)), std::runtime_error);
  }
}

TEST_CASE("trailing bytes after an item throw", "[codec]") {
  const std::string bytes = pd::encodeItem(everyType()) + "x";
  CHECK_THROWS_AS(pd::decodeItem(bytes), std::runtime_error);
}

TEST_CASE("an unknown type tag throws", "[codec]") {
  // One attribute named "a" whose tag byte is past BS.
  const std::string bytes = std::string(
                                "\x01\x01"
                                "a",
                                3) +
                            static_cast<char>(0x20);
  CHECK_THROWS_AS(pd::decodeItem(bytes), std::runtime_error);
}

TEST_CASE("a length larger than the remaining bytes throws", "[codec]") {
  // One attribute "a" of type S claiming 2^35 bytes.
  std::string bytes(
      "\x01\x01"
      "a",
      3);
  bytes += static_cast<char>(AttrType::S);
  bytes += std::string("\x80\x80\x80\x80\x01", 5);
  CHECK_THROWS_AS(pd::decodeItem(bytes), std::runtime_error);
}

TEST_CASE("an endless varint throws", "[codec]") {
  CHECK_THROWS_AS(pd::decodeItem(std::string(20, '\xff')), std::runtime_error);
}

TEST_CASE("maps nested far beyond any stored item throw instead of exhausting the stack",
          "[codec]") {
  // count 1, empty name, tag M, repeated: each level is 3 bytes.
  std::string bytes;
  for (int i = 0; i < 200000; ++i)
    bytes += std::string("\x01\x00", 2) + static_cast<char>(AttrType::M);
  CHECK_THROWS_AS(pd::decodeItem(bytes), std::runtime_error);
}

TEST_CASE("lists nested far beyond any stored item throw instead of exhausting the stack",
          "[codec]") {
  std::string bytes("\x01\x00", 2);
  for (int i = 0; i < 200000; ++i) bytes += static_cast<char>(AttrType::L) + std::string("\x01");
  CHECK_THROWS_AS(pd::decodeItem(bytes), std::runtime_error);
}

TEST_CASE("random garbage either decodes or throws, never crashes", "[codec]") {
  std::mt19937 random(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 64);
  int refused = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string bytes(static_cast<std::size_t>(length(random)), '\0');
    for (auto& c : bytes) c = static_cast<char>(byte(random));
    try {
      pd::decodeItem(bytes);
    } catch (const std::runtime_error&) {
      ++refused;
    }
  }
  CHECK(refused > 0);
}

TEST_CASE("single flipped bytes of a valid encoding never crash", "[codec]") {
  Item item = everyType();
  item.erase("long");
  const std::string valid = pd::encodeItem(item);
  for (std::size_t i = 0; i < valid.size(); ++i) {
    for (int delta : {1, 0x40, 0x80}) {
      std::string bytes = valid;
      bytes[i] = static_cast<char>(bytes[i] + delta);
      try {
        pd::decodeItem(bytes);
      } catch (const std::runtime_error&) {
      }
    }
  }
  SUCCEED();
}
