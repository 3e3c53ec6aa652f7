#include "expr/value_compare.h"

#include "model/decimal.h"

namespace pd::expr {

bool valuesEqual(const AttributeValue& a, const AttributeValue& b) {
  // N values and NS elements are canonical text, so equal numbers are equal strings; a
  // top-level N is still compared by value in case a caller built it by hand.
  if (a.type == AttrType::N && b.type == AttrType::N && a.scalar != b.scalar) {
    return Decimal::parse(a.scalar).compare(Decimal::parse(b.scalar)) == 0;
  }
  return a == b;
}

std::optional<int> compareOrdered(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type) return std::nullopt;
  switch (a.type) {
    case AttrType::S:
    case AttrType::B: {
      const int c = a.scalar.compare(b.scalar);  // char_traits<char> compares as unsigned
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case AttrType::N:
      return Decimal::parse(a.scalar).compare(Decimal::parse(b.scalar));
    default:
      return std::nullopt;
  }
}

}  // namespace pd::expr
