// Item size by DynamoDB's rule (model/item_size.h): the numbers below are DynamoDB's own,
// taken from its developer guide and from item-size limits observed against DynamoDB.
#include <catch2/catch.hpp>

#include <string>

#include "model/attribute_value.h"
#include "model/decimal.h"
#include "model/item_size.h"

using pd::AttributeValue;
using pd::AttrType;
using pd::numberSize;
using pd::valueSize;

namespace {

AttributeValue setOf(AttrType type, std::vector<std::string> elements) {
  AttributeValue v;
  v.type = type;
  v.set = std::move(elements);
  return v;
}

}  // namespace

TEST_CASE("numberSize: zero is one byte", "[size]") {
  CHECK(numberSize("0") == 1);
}

TEST_CASE("numberSize: one byte of exponent plus base-100 digit pairs", "[size]") {
  CHECK(numberSize("1") == 2);
  CHECK(numberSize("99") == 2);  // one pair
  CHECK(numberSize("12") == 2);
  CHECK(numberSize("123") == 3);   // 1|23: two pairs
  CHECK(numberSize("1234") == 3);  // 12|34
  CHECK(numberSize("12.3456") == 4);
  CHECK(numberSize("0.001") == 2);
}

TEST_CASE("numberSize: pairs are aligned on the decimal point", "[size]") {
  // 1.5 is 01|50 (two pairs) while 15 is one pair.
  CHECK(numberSize("15") == 2);
  CHECK(numberSize("1.5") == 3);
  CHECK(numberSize("0.15") == 2);
}

TEST_CASE("numberSize: DynamoDB's item-size limit values", "[size]") {
  // These sizes make items of exactly 400 KB in tests recorded against DynamoDB.
  CHECK(numberSize("1" + std::string(125, '0')) == 2);
  CHECK(numberSize("11" + std::string(124, '0')) == 2);
  CHECK(numberSize("11111" + std::string(121, '0')) == 4);
  CHECK(numberSize("111111" + std::string(120, '0')) == 4);
  CHECK(numberSize("1111111" + std::string(119, '0')) == 5);
  CHECK(numberSize(std::string(38, '1') + std::string(88, '0')) == 20);
}

TEST_CASE("numberSize: a negative number costs one byte more", "[size]") {
  CHECK(numberSize("-1") == numberSize("1") + 1);
  CHECK(numberSize("-12.3456") == numberSize("12.3456") + 1);
}

TEST_CASE("valueSize: S counts UTF-8 bytes, B counts raw bytes", "[size]") {
  CHECK(valueSize(AttributeValue::string("abc")) == 3);
  CHECK(valueSize(AttributeValue::string("é")) == 2);
  CHECK(valueSize(AttributeValue::string("")) == 0);
  CHECK(valueSize(AttributeValue::binary(std::string("\0\1", 2))) == 2);
}

TEST_CASE("valueSize: BOOL and NULL are one byte", "[size]") {
  CHECK(valueSize(AttributeValue::boolValue(true)) == 1);
  CHECK(valueSize(AttributeValue::boolValue(false)) == 1);
  CHECK(valueSize(AttributeValue::null()) == 1);
}

TEST_CASE("valueSize: sets are the sum of their elements", "[size]") {
  CHECK(valueSize(setOf(AttrType::SS, {"ab", "c"})) == 3);
  CHECK(valueSize(setOf(AttrType::BS, {"\x01\x02", "\x02", "\x01"})) == 4);
  CHECK(valueSize(setOf(AttrType::NS, {"1", "-1"})) == 2 + 3);
}

TEST_CASE("valueSize: L is 3 bytes plus 1 byte and the size of each element", "[size]") {
  AttributeValue list;
  list.type = AttrType::L;
  CHECK(valueSize(list) == 3);
  list.list = {AttributeValue::string("ab"), AttributeValue::null()};
  CHECK(valueSize(list) == 3 + (1 + 2) + (1 + 1));
}

TEST_CASE("valueSize: M is 3 bytes plus 1 byte, the name and the size of each member", "[size]") {
  AttributeValue map;
  map.type = AttrType::M;
  CHECK(valueSize(map) == 3);
  map.map.emplace("name", AttributeValue::string("ab"));
  map.map.emplace("x", map);  // a copy holding {"name": "ab"}
  CHECK(valueSize(map) == 3 + (1 + 4 + 2) + (1 + 1 + (3 + 1 + 4 + 2)));
}

TEST_CASE("itemSize: attribute names plus values", "[size]") {
  const pd::Item item{{"a", AttributeValue::string("k")},
                      {"bb", AttributeValue::number("12.3456")},
                      {"ccc", AttributeValue::boolValue(true)}};
  CHECK(pd::itemSize(item) == (1 + 1) + (2 + 4) + (3 + 1));
  CHECK(pd::itemSize(pd::Item{}) == 0);
}

TEST_CASE("number size read off the canonical text agrees with the decimal's digits and exponent",
          "[size]") {
  // The size rule restated on Decimal's own view of the number, for many shapes of number.
  auto expected = [](const pd::Decimal& number) -> std::size_t {
    if (number.isZero()) return 1;
    const std::size_t pad = number.exponent() % 2 != 0 ? 1 : 0;
    return 1 + (number.digits().size() + pad + 1) / 2 + (number.isNegative() ? 1 : 0);
  };
  const char* mantissas[] = {"1", "12", "123", "1234", "10", "100", "1200", "105", "9999999"};
  for (const char* mantissa : mantissas) {
    for (int exponent = -40; exponent <= 40; ++exponent) {
      for (const char* sign : {"", "-"}) {
        const std::string text = std::string(sign) + mantissa + "E" + std::to_string(exponent);
        const pd::Decimal number = pd::Decimal::parse(text);
        INFO(text << " = " << number.toString());
        CHECK(pd::numberSize(number.toString()) == expected(number));
      }
    }
  }
  CHECK(pd::numberSize("0") == 1);
}
