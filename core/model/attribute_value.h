// The in-memory form of a DynamoDB AttributeValue, used while a request is processed.
// Stored items use the compact binary form of item_codec.h instead.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pd {

// The values are stored: item_codec writes them to disk in every encoded item (storage format,
// core/doc/storage-format.md). Never reorder or renumber them; add new types at the end.
enum class AttrType : std::uint8_t {
  S = 0,
  N = 1,
  B = 2,
  BOOL = 3,
  NUL = 4,
  M = 5,
  L = 6,
  SS = 7,
  NS = 8,
  BS = 9,
};

// The wire name of a type: "S", "N", ..., "NULL".
const char* typeName(AttrType type);

struct AttributeValue;
using AttributeMap = std::map<std::string, AttributeValue>;
using Item = AttributeMap;

struct AttributeValue {
  AttrType type = AttrType::NUL;
  bool boolean = false;              // BOOL
  std::string scalar;                // S (UTF-8), N (canonical decimal text), B (raw bytes)
  std::vector<std::string> set;      // SS, NS (canonical text), BS (raw bytes); sorted, unique
  std::vector<AttributeValue> list;  // L
  AttributeMap map;                  // M

  static AttributeValue string(std::string s);
  static AttributeValue number(std::string canonical);
  static AttributeValue binary(std::string bytes);
  static AttributeValue boolValue(bool b);
  static AttributeValue null();

  bool operator==(const AttributeValue& other) const;
  bool operator!=(const AttributeValue& other) const { return !(*this == other); }
};

}  // namespace pd
