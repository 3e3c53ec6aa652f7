// Shared fixtures for the libFuzzer targets: one fixed item with every attribute type, a fixed
// set of #name / :value placeholders, and invariant checks on what evaluation produces.
// A target may only see pd::DynamoError escape the code under test; any other exception, a
// broken invariant or a sanitizer report is a finding (the fuzzer aborts and keeps the input).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expressions.h"
#include "model/attribute_value.h"
#include "model/decimal.h"
#include "model/errors.h"
#include "model/item_codec.h"

namespace pdfuzz {

using pd::AttributeValue;
using pd::AttrType;
using pd::Item;

inline AttributeValue setOf(AttrType type, std::vector<std::string> elements) {
  AttributeValue v;
  v.type = type;
  if (type == AttrType::NS) {
    for (auto& e : elements) e = pd::Decimal::parse(e).toString();
  }
  std::sort(elements.begin(), elements.end());
  v.set = std::move(elements);
  return v;
}
inline AttributeValue listOf(std::vector<AttributeValue> elements) {
  AttributeValue v;
  v.type = AttrType::L;
  v.list = std::move(elements);
  return v;
}
inline AttributeValue mapOf(pd::AttributeMap entries) {
  AttributeValue v;
  v.type = AttrType::M;
  v.map = std::move(entries);
  return v;
}
inline AttributeValue S(std::string s) {
  return AttributeValue::string(std::move(s));
}
// A number attribute from any DynamoDB number text, stored in canonical form.
inline AttributeValue N(std::string_view text) {
  return AttributeValue::number(pd::Decimal::parse(text).toString());
}

// The item every target evaluates against: keys pk (S) and sk (N), one attribute of each type,
// nested lists and maps, and names that need placeholders.
inline const Item& fixedItem() {
  static const Item item = [] {
    Item it;
    it["pk"] = S("p1");
    it["sk"] = N("10");
    it["a"] = N("1");
    it["b"] = S("hello");
    it["n"] = N("-3.25");
    it["big"] = N("9.9999999999999999999999999999999999999E+125");
    it["s"] = S("abc");
    it["e"] = S("");
    it["bin"] = AttributeValue::binary(std::string("\x00\x01\xff", 3));
    it["bool"] = AttributeValue::boolValue(true);
    it["null"] = AttributeValue::null();
    it["ss"] = setOf(AttrType::SS, {"a", "b", "c"});
    it["ns"] = setOf(AttrType::NS, {"1", "2.5", "-7"});
    it["bs"] = setOf(AttrType::BS, {std::string("\x01", 1), std::string("\x02\x03", 2)});
    AttributeValue inner = mapOf({{"x", N("1")}, {"y", listOf({S("deep"), N("2")})}});
    it["l"] = listOf({N("1"), S("two"), listOf({N("3"), listOf({N("4")})}), inner});
    it["m"] =
        mapOf({{"a", N("1")}, {"b", S("x")}, {"l", listOf({N("5"), S("six")})}, {"m", inner}});
    it["a.b"] = S("dotted");
    it["name with space"] = N("42");
    return it;
  }();
  return item;
}

inline std::map<std::string, std::string> fixedNames() {
  return {{"#a", "a"},
          {"#b", "b"},
          {"#pk", "pk"},
          {"#sk", "sk"},
          {"#n", "n"},
          {"#s", "s"},
          {"#l", "l"},
          {"#m", "m"},
          {"#ss", "ss"},
          {"#ns", "ns"},
          {"#bs", "bs"},
          {"#bin", "bin"},
          {"#bool", "bool"},
          {"#null", "null"},
          {"#x", "missing"},
          {"#dot", "a.b"},
          {"#sp", "name with space"},
          {"#size", "size"},
          {"#0", "0"},
          {"#_", "_"}};
}

inline Item fixedValues() {
  Item v;
  v[":s"] = S("abc");
  v[":s2"] = S("ab");
  v[":e"] = S("");
  v[":n"] = N("5");
  v[":n2"] = N("-1.5");
  v[":0"] = N("0");
  v[":1"] = N("1");
  v[":big"] = N("9.9999999999999999999999999999999999999E+125");
  v[":tiny"] = N("1E-130");
  v[":b"] = AttributeValue::binary(std::string("\x00\x01", 2));
  v[":t"] = AttributeValue::boolValue(true);
  v[":f"] = AttributeValue::boolValue(false);
  v[":z"] = AttributeValue::null();
  v[":l"] = listOf({N("1"), S("x")});
  v[":m"] = mapOf({{"a", N("1")}, {"b", S("x")}});
  v[":ss"] = setOf(AttrType::SS, {"a", "z"});
  v[":ns"] = setOf(AttrType::NS, {"1", "9"});
  v[":bs"] = setOf(AttrType::BS, {std::string("\x01", 1)});
  v[":p"] = S("p1");
  v[":k"] = N("10");
  return v;
}

[[noreturn]] inline void violated(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::abort();
}

// Checks what DynamoDB guarantees for every stored value: sets non-empty, sorted and
// duplicate-free; numbers in canonical text; nesting within limits; the item codec round trip.
inline void checkValue(const AttributeValue& value, int depth) {
  if (depth > 64) violated("nesting deeper than 64");
  switch (value.type) {
    case AttrType::N:
      if (pd::Decimal::parse(value.scalar).toString() != value.scalar) {
        violated("number not canonical: " + value.scalar);
      }
      break;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      if (value.set.empty()) violated("empty set");
      for (std::size_t i = 1; i < value.set.size(); ++i) {
        if (!(value.set[i - 1] < value.set[i])) violated("set not sorted or has duplicates");
      }
      if (value.type == AttrType::NS) {
        for (const auto& n : value.set) {
          if (pd::Decimal::parse(n).toString() != n) violated("NS element not canonical: " + n);
        }
      }
      break;
    case AttrType::L:
      for (const auto& element : value.list) checkValue(element, depth + 1);
      break;
    case AttrType::M:
      for (const auto& entry : value.map) checkValue(entry.second, depth + 1);
      break;
    default:
      break;
  }
}

inline void checkItem(const Item& item) {
  for (const auto& entry : item) checkValue(entry.second, 1);
  if (pd::decodeItem(pd::encodeItem(item)) != item) violated("item codec round trip differs");
}

}  // namespace pdfuzz
