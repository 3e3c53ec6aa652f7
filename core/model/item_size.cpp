#include "model/item_size.h"

namespace pd {

// DynamoDB stores a number as base-100 digit pairs aligned on the decimal point, plus one byte
// of exponent, plus one byte more when it is negative. Read straight off the canonical text
// ("-123.45", "0.0012", "1500"), which is on every write's path.
std::size_t numberSize(std::string_view canonical) {
  const bool negative = !canonical.empty() && canonical[0] == '-';
  if (negative) canonical.remove_prefix(1);
  const std::size_t point = canonical.find('.');
  std::string_view integer = canonical.substr(0, point);
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : canonical.substr(point + 1);
  // Value = 0.d1d2... x 10^exponent, with d1 non-zero.
  long exponent = static_cast<long>(integer.size());
  std::size_t digits = integer.size() + fraction.size();
  if (integer == "0") {
    const std::size_t zeros = fraction.find_first_not_of('0');
    if (zeros == std::string_view::npos) return 1;  // zero
    exponent = -static_cast<long>(zeros);
    digits = fraction.size() - zeros;
  } else if (fraction.empty()) {
    digits = integer.find_last_not_of('0') + 1;  // trailing zeros of an integer are not digits
  }
  const std::size_t leadingPad = exponent % 2 != 0 ? 1 : 0;
  return 1 + (digits + leadingPad + 1) / 2 + (negative ? 1 : 0);
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
