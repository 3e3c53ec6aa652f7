// DynamoDB's Number type as an exact decimal. Facts about DynamoDB's behaviour come from its
// developer guide, from tests run against DynamoDB by ScyllaDB's Alternator project
// (test/alternator/test_number.py) and from dynalite's record of DynamoDB's error messages.
#include "model/decimal.h"

#include <algorithm>
#include <cstdint>

#include "model/errors.h"

namespace pd {
namespace {

constexpr std::size_t kMaxDigits = 38;
// In 0.d1d2... x 10^exponent form, 1E-130 has exponent -129 and 9.99...E+125 has exponent 126.
constexpr long long kMinExponent = -129;
constexpr long long kMaxExponent = 126;
// Exponents are saturated here while parsing so "1e99999999999999999999" cannot overflow.
constexpr long long kExponentClamp = 1000000000;

const char* const kNotNumeric = "The parameter cannot be converted to a numeric value";
const char* const kTooManyDigits =
    "Attempting to store more than 38 significant digits in a Number";
const char* const kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const char* const kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Throws overflow/underflow when `exponent` (0.d x 10^exponent form) is outside the range.
void checkRange(long long exponent) {
  if (exponent > kMaxExponent) throw validationError(kOverflow);
  if (exponent < kMinExponent) throw validationError(kUnderflow);
}

// Strips leading and trailing zeros from `digits`, adjusting `exponent` (0.d x 10^exponent form).
void normalize(std::string& digits, long long& exponent) {
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    digits.clear();
    exponent = 0;
    return;
  }
  exponent -= static_cast<long long>(first);
  digits.erase(0, first);
  digits.erase(digits.find_last_not_of('0') + 1);
}

// Adds or subtracts two non-negative integers written as equal-length digit strings.
// For subtraction `a` must be >= `b`. The result has one more digit (a possible carry).
std::string addDigits(const std::string& a, const std::string& b) {
  std::string out(a.size() + 1, '0');
  int carry = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int sum = (a[i] - '0') + (b[i] - '0') + carry;
    out[i + 1] = static_cast<char>('0' + sum % 10);
    carry = sum / 10;
  }
  out[0] = static_cast<char>('0' + carry);
  return out;
}

std::string subtractDigits(const std::string& a, const std::string& b) {
  std::string out(a.size(), '0');
  int borrow = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int diff = (a[i] - '0') - (b[i] - '0') - borrow;
    borrow = diff < 0 ? 1 : 0;
    out[i] = static_cast<char>('0' + diff + 10 * borrow);
  }
  return out;
}

}  // namespace

Decimal Decimal::parse(std::string_view text) {
  // DynamoDB omits the value from the message when the string is empty.
  if (text.empty()) throw validationError(kNotNumeric);
  auto notNumeric = [&] {
    return validationError(std::string(kNotNumeric) + ": " + std::string(text));
  };

  // Grammar: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?  -- no whitespace,
  // no "Infinity"/"NaN", no hex. DynamoDB accepts "+3", ".123" and "5." style numbers.
  std::size_t i = 0;
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') negative = text[i++] == '-';
  std::string mantissa;  // every digit written, integer part then fraction
  std::size_t integerDigits = 0;
  while (i < text.size() && isDigit(text[i])) mantissa += text[i++];
  integerDigits = mantissa.size();
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && isDigit(text[i])) mantissa += text[i++];
  }
  if (mantissa.empty()) throw notNumeric();
  long long written = 0;  // the exponent as written after 'e'
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negativeExponent = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negativeExponent = text[i++] == '-';
    if (i == text.size()) throw notNumeric();
    while (i < text.size() && isDigit(text[i])) {
      written = std::min(written * 10 + (text[i++] - '0'), kExponentClamp);
    }
    if (negativeExponent) written = -written;
  }
  if (i != text.size()) throw notNumeric();

  const long long fractionDigits = static_cast<long long>(mantissa.size() - integerDigits);
  long long exponent = static_cast<long long>(integerDigits) + written;
  normalize(mantissa, exponent);

  Decimal result;
  if (mantissa.empty()) {
    // DynamoDB judges a zero by its written scale, like Java's BigDecimal ("0e126" and "0e-131"
    // are refused but "0.0e126" is accepted), so check 0 x 10^(written - fraction digits).
    long long scale = written - fractionDigits;
    if (scale > kMaxExponent - 1) throw validationError(kOverflow);
    if (scale < kMinExponent - 1) throw validationError(kUnderflow);
    return result;  // "-0" is plain zero
  }
  // DynamoDB reports the range before the digit count (dynalite reproduces this order).
  checkRange(exponent);
  if (mantissa.size() > kMaxDigits) throw validationError(kTooManyDigits);
  result.negative_ = negative;
  result.digits_ = std::move(mantissa);
  result.exponent_ = static_cast<int>(exponent);
  return result;
}

std::string Decimal::toString() const {
  // DynamoDB always answers in plain notation, never with an exponent ("1E2" -> "100").
  if (isZero()) return "0";
  std::string out = negative_ ? "-" : "";
  const int length = static_cast<int>(digits_.size());
  if (exponent_ <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-exponent_), '0') + digits_;
  } else if (exponent_ >= length) {
    out += digits_ + std::string(static_cast<std::size_t>(exponent_ - length), '0');
  } else {
    out += digits_.substr(0, static_cast<std::size_t>(exponent_)) + "." +
           digits_.substr(static_cast<std::size_t>(exponent_));
  }
  return out;
}

Decimal Decimal::add(const Decimal& other) const {
  if (isZero()) return other;
  if (other.isZero()) return *this;

  // Write both magnitudes as integers over the same lowest power of ten, then add or subtract.
  // Parsed values keep exponents within [-129, 126], so these strings stay under 300 digits.
  const int high = std::max(exponent_, other.exponent_);
  const int low = std::min(exponent_ - static_cast<int>(digits_.size()),
                           other.exponent_ - static_cast<int>(other.digits_.size()));
  auto aligned = [&](const Decimal& d) {
    std::string s(static_cast<std::size_t>(high - d.exponent_), '0');
    s += d.digits_;
    s.resize(static_cast<std::size_t>(high - low), '0');
    return s;
  };
  const std::string a = aligned(*this);
  const std::string b = aligned(other);

  std::string sum;
  long long exponent = high;
  bool negative = negative_;
  if (negative_ == other.negative_) {
    sum = addDigits(a, b);
    exponent += 1;      // the carry digit in front
  } else if (a >= b) {  // same length, so string order is numeric order
    sum = subtractDigits(a, b);
  } else {
    sum = subtractDigits(b, a);
    negative = other.negative_;
  }
  normalize(sum, exponent);

  Decimal result;
  if (sum.empty()) return result;
  checkRange(exponent);
  // DynamoDB refuses a sum needing more than 38 digits rather than rounding it, and (oddly)
  // reports it as an overflow, e.g. 1e50 + 1 (observed by ScyllaDB's tests against DynamoDB).
  if (sum.size() > kMaxDigits) throw validationError(kOverflow);
  result.negative_ = negative;
  result.digits_ = std::move(sum);
  result.exponent_ = static_cast<int>(exponent);
  return result;
}

Decimal Decimal::subtract(const Decimal& other) const {
  Decimal negated = other;
  negated.negative_ = !other.isZero() && !other.negative_;
  return add(negated);
}

int Decimal::compare(const Decimal& other) const {
  auto sign = [](const Decimal& d) { return d.isZero() ? 0 : (d.negative_ ? -1 : 1); };
  const int s = sign(*this);
  if (s != sign(other)) return s < sign(other) ? -1 : 1;
  if (s == 0) return 0;
  // Same sign: compare magnitudes, then flip for negatives. Digit strings have no trailing
  // zeros, so at equal exponents plain string order is numeric order.
  int magnitude = 0;
  if (exponent_ != other.exponent_) {
    magnitude = exponent_ < other.exponent_ ? -1 : 1;
  } else {
    const int c = digits_.compare(other.digits_);
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return s * magnitude;
}

std::string Decimal::orderKey() const {
  // Layout: a class byte (negative < zero < positive), then for non-zero values a 2-byte
  // big-endian exponent and one byte per digit. Negatives invert the exponent and digits so
  // larger magnitudes sort first, and end with a terminator above every digit byte so that
  // -1.5 ("84" + end) sorts after -1.51 ("848" + end). Positives need no terminator: a prefix
  // already sorts first, and 1.5 < 1.51.
  if (isZero()) return std::string(1, '\x02');
  std::string key(1, negative_ ? '\x01' : '\x03');
  auto biased = static_cast<std::uint16_t>(exponent_ + 0x8000);
  if (negative_) biased = static_cast<std::uint16_t>(0xFFFF - biased);
  key += static_cast<char>(biased >> 8);
  key += static_cast<char>(biased & 0xFF);
  for (char digit : digits_) {
    key += negative_ ? static_cast<char>('9' - digit + '0') : digit;
  }
  if (negative_) key += '\xFF';
  return key;
}

}  // namespace pd
