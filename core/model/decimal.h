// Exact decimal numbers as DynamoDB stores them: up to 38 significant digits, magnitude from
// 1E-130 up to 9.9999999999999999999999999999999999999E+125. Never a double.
#pragma once

#include <string>
#include <string_view>

namespace pd {

class Decimal {
 public:
  Decimal() = default;  // zero

  // Parses DynamoDB's number syntax. Throws DynamoError(ValidationException) with DynamoDB's
  // message when the text is not a number, has more than 38 significant digits, or is out of range.
  static Decimal parse(std::string_view text);

  // The canonical text DynamoDB returns for this number ("1.50" -> "1.5", "-0" -> "0").
  std::string toString() const;

  // Exact arithmetic; throws DynamoError(ValidationException) when the result is not storable.
  Decimal add(const Decimal& other) const;
  Decimal subtract(const Decimal& other) const;

  // <0, 0, >0 by numeric value.
  int compare(const Decimal& other) const;
  bool operator==(const Decimal& other) const { return compare(other) == 0; }
  bool operator<(const Decimal& other) const { return compare(other) < 0; }

  bool isZero() const { return digits_.empty(); }
  bool isNegative() const { return negative_; }
  // Significant digits without leading or trailing zeros ("" for zero).
  const std::string& digits() const { return digits_; }
  // Value = 0.d1d2d3... x 10^exponent (so 1.5 has digits "15" and exponent 1).
  int exponent() const { return exponent_; }

  // A byte string whose memcmp order is the numeric order (used for sort keys).
  std::string orderKey() const;

 private:
  bool negative_ = false;
  std::string digits_;
  int exponent_ = 0;
};

}  // namespace pd
