#include "model/attribute_value.h"

namespace pd {

const char* typeName(AttrType type) {
  switch (type) {
    case AttrType::S:
      return "S";
    case AttrType::N:
      return "N";
    case AttrType::B:
      return "B";
    case AttrType::BOOL:
      return "BOOL";
    case AttrType::NUL:
      return "NULL";
    case AttrType::M:
      return "M";
    case AttrType::L:
      return "L";
    case AttrType::SS:
      return "SS";
    case AttrType::NS:
      return "NS";
    case AttrType::BS:
      return "BS";
  }
  return "?";
}

AttributeValue AttributeValue::string(std::string s) {
  AttributeValue v;
  v.type = AttrType::S;
  v.scalar = std::move(s);
  return v;
}

AttributeValue AttributeValue::number(std::string canonical) {
  AttributeValue v;
  v.type = AttrType::N;
  v.scalar = std::move(canonical);
  return v;
}

AttributeValue AttributeValue::binary(std::string bytes) {
  AttributeValue v;
  v.type = AttrType::B;
  v.scalar = std::move(bytes);
  return v;
}

AttributeValue AttributeValue::boolValue(bool b) {
  AttributeValue v;
  v.type = AttrType::BOOL;
  v.boolean = b;
  return v;
}

AttributeValue AttributeValue::null() {
  return AttributeValue{};
}

bool AttributeValue::operator==(const AttributeValue& other) const {
  if (type != other.type) return false;
  switch (type) {
    case AttrType::S:
    case AttrType::N:
    case AttrType::B:
      return scalar == other.scalar;
    case AttrType::BOOL:
      return boolean == other.boolean;
    case AttrType::NUL:
      return true;
    case AttrType::M:
      return map == other.map;
    case AttrType::L:
      return list == other.list;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      return set == other.set;
  }
  return false;
}

}  // namespace pd
