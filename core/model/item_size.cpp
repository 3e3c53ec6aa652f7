#include "model/item_size.h"

#include "model/decimal.h"

namespace pd {

// DynamoDB stores a number as base-100 digit pairs aligned on the decimal point, plus one byte
// of exponent, plus one byte more when it is negative.
std::size_t numberSize(std::string_view canonical) {
  const Decimal number = Decimal::parse(canonical);
  if (number.isZero()) return 1;
  const std::size_t leadingPad = (number.exponent() % 2 != 0) ? 1 : 0;
  const std::size_t pairs = (number.digits().size() + leadingPad + 1) / 2;
  return 1 + pairs + (number.isNegative() ? 1 : 0);
}

std::size_t valueSize(const AttributeValue& value) {
  switch (value.type) {
    case AttrType::S:
    case AttrType::B:
      return value.scalar.size();
    case AttrType::N:
      return numberSize(value.scalar);
    case AttrType::BOOL:
    case AttrType::NUL:
      return 1;
    case AttrType::SS:
    case AttrType::BS: {
      std::size_t size = 0;
      for (const auto& element : value.set) size += element.size();
      return size;
    }
    case AttrType::NS: {
      std::size_t size = 0;
      for (const auto& element : value.set) size += numberSize(element);
      return size;
    }
    case AttrType::L: {
      // 3 bytes for the list itself and 1 byte for each element.
      std::size_t size = 3;
      for (const auto& element : value.list) size += valueSize(element) + 1;
      return size;
    }
    case AttrType::M: {
      std::size_t size = 3;
      for (const auto& [name, element] : value.map) size += name.size() + valueSize(element) + 1;
      return size;
    }
  }
  return 0;
}

std::size_t itemSize(const Item& item) {
  std::size_t size = 0;
  for (const auto& [name, value] : item) size += name.size() + valueSize(value);
  return size;
}

}  // namespace pd
