// Specification of DynamoDB's Number type (pd::Decimal).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "model/decimal.h"
#include "model/errors.h"

using pd::Decimal;

namespace {

const char* const kNotNumeric = "The parameter cannot be converted to a numeric value";
const char* const kTooManyDigits =
    "Attempting to store more than 38 significant digits in a Number";
const char* const kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const char* const kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

std::string canonical(const std::string& text) {
  return Decimal::parse(text).toString();
}

// The DynamoError thrown by `action`, or a marker type when nothing is thrown.
template <typename F>
pd::DynamoError errorOf(F action) {
  try {
    action();
  } catch (const pd::DynamoError& error) {
    return error;
  }
  return {"<nothing thrown>", ""};
}

pd::DynamoError parseError(const std::string& text) {
  return errorOf([&] { Decimal::parse(text); });
}

void requireRejected(const std::string& text, const std::string& message) {
  INFO("input: \"" << text << "\"");
  pd::DynamoError error = parseError(text);
  CHECK(error.type == "ValidationException");
  CHECK(error.message == message);
}

Decimal d(const std::string& text) {
  return Decimal::parse(text);
}

int sign(int x) {
  return (x > 0) - (x < 0);
}

std::string nines(std::size_t n) {
  return std::string(n, '9');
}

}  // namespace

TEST_CASE("A number's canonical text is plain decimal notation without redundant zeros") {
  CHECK(canonical("1") == "1");
  CHECK(canonical("-5") == "-5");
  CHECK(canonical("1000") == "1000");
  CHECK(canonical("1.50") == "1.5");
  CHECK(canonical("1.0") == "1");
  CHECK(canonical("100.000") == "100");
  CHECK(canonical("0.10") == "0.1");
  CHECK(canonical("0.0001") == "0.0001");
  CHECK(canonical("3.14159") == "3.14159");
  CHECK(canonical("-273.15") == "-273.15");
}

TEST_CASE("Leading zeros are ignored") {
  CHECK(canonical("007") == "7");
  CHECK(canonical("001.23") == "1.23");
  CHECK(canonical("-000.5") == "-0.5");
  CHECK(canonical("00") == "0");
}

TEST_CASE("Zero is never negative and prints as 0") {
  for (const char* zero : {"0", "-0", "+0", "0.0", "-0.0", "000", "0e5", "0.0e3", "0e-5"}) {
    INFO(zero);
    Decimal z = d(zero);
    CHECK(z.isZero());
    CHECK_FALSE(z.isNegative());
    CHECK(z.digits().empty());
    CHECK(z.toString() == "0");
    CHECK(z == Decimal());
  }
}

TEST_CASE("A leading plus sign is accepted and dropped") {
  CHECK(canonical("+3") == "3");
  CHECK(canonical("+1.5") == "1.5");
}

TEST_CASE("A fraction may omit the integer part or the fraction digits") {
  CHECK(canonical(".5") == "0.5");
  CHECK(canonical("-.5") == "-0.5");
  CHECK(canonical(".123") == "0.123");
  CHECK(canonical("5.") == "5");
}

TEST_CASE("Exponents are expanded into plain notation") {
  CHECK(canonical("1.5e3") == "1500");
  CHECK(canonical("15E-1") == "1.5");
  CHECK(canonical("-2.50E+2") == "-250");
  CHECK(canonical("1E2") == "100");
  CHECK(canonical("1e+3") == "1000");
  CHECK(canonical("1e-3") == "0.001");
  CHECK(canonical("123e-2") == "1.23");
  CHECK(canonical("1.0e-1") == "0.1");
  CHECK(canonical("1e20") == "100000000000000000000");
  CHECK(canonical("1e125") == "1" + std::string(125, '0'));
}

TEST_CASE("Digits and exponent describe the value as 0.digits x 10^exponent") {
  CHECK(d("1.5").digits() == "15");
  CHECK(d("1.5").exponent() == 1);
  CHECK(d("0.0015").digits() == "15");
  CHECK(d("0.0015").exponent() == -2);
  CHECK(d("1500").digits() == "15");
  CHECK(d("1500").exponent() == 4);
  CHECK(d("-7").isNegative());
}

TEST_CASE("Up to 38 significant digits are kept exactly") {
  CHECK(canonical(nines(38)) == nines(38));
  CHECK(canonical("-" + nines(38)) == "-" + nines(38));
  CHECK(canonical("3.1415926535897932384626433832795028841") ==
        "3.1415926535897932384626433832795028841");
  CHECK(canonical("31415926535897932384626433832795028841e30") ==
        "31415926535897932384626433832795028841" + std::string(30, '0'));
}

TEST_CASE("Leading and trailing zeros do not count as significant digits") {
  CHECK(canonical(std::string(50, '0') + "1") == "1");
  CHECK(canonical("1." + std::string(50, '0')) == "1");
  CHECK(canonical(nines(38) + std::string(20, '0')) == nines(38) + std::string(20, '0'));
  CHECK(canonical("0." + std::string(20, '0') + nines(38)) ==
        "0." + std::string(20, '0') + nines(38));
}

TEST_CASE("More than 38 significant digits are rejected") {
  requireRejected("123456789012345678901234567890123456789", kTooManyDigits);
  requireRejected("-1.23456789012345678901234567890123456789", kTooManyDigits);
  requireRejected(nines(39), kTooManyDigits);
  requireRejected("314159265358979323846264338327950288419e30", kTooManyDigits);
  requireRejected("1." + std::string(37, '0') + "1", kTooManyDigits);
}

TEST_CASE("The smallest magnitude is 1E-130") {
  const std::string smallest = "0." + std::string(129, '0') + "1";
  CHECK(canonical("1E-130") == smallest);
  CHECK(canonical("-1E-130") == "-" + smallest);
  CHECK(canonical(smallest) == smallest);
  requireRejected("1E-131", kUnderflow);
  requireRejected("-1e-131", kUnderflow);
  requireRejected("0.9e-130", kUnderflow);
  requireRejected("9.9999999999999999999999999999999999999E-131", kUnderflow);
}

TEST_CASE("The largest magnitude is 9.9999999999999999999999999999999999999E+125") {
  const std::string largest = nines(38) + std::string(88, '0');  // 126 digits
  CHECK(canonical("9.9999999999999999999999999999999999999E+125") == largest);
  CHECK(canonical("-9.9999999999999999999999999999999999999E+125") == "-" + largest);
  CHECK(canonical("0.1e126") == "1" + std::string(125, '0'));
  requireRejected("1E+126", kOverflow);
  requireRejected("-1e126", kOverflow);
  requireRejected("11e125", kOverflow);
  requireRejected("1" + std::string(126, '0'), kOverflow);
}

TEST_CASE("Range is checked before the digit count") {
  // As DynamoDB does (dynalite reproduces its order): out of range wins over too many digits.
  requireRejected(nines(40) + "E+200", kOverflow);
  requireRejected(nines(40) + "E-200", kUnderflow);
}

TEST_CASE("A zero written with an exponent beyond the range is rejected like DynamoDB") {
  // DynamoDB judges a zero by its written scale (as Java's BigDecimal would): "0e126" and
  // "0e-131" are refused but "0.0e126" is accepted.
  requireRejected("0e126", kOverflow);
  requireRejected("0e1000", kOverflow);
  requireRejected("0e-131", kUnderflow);
  CHECK(canonical("0e125") == "0");
  CHECK(canonical("0.0e126") == "0");
  CHECK(canonical("0e-130") == "0");
}

TEST_CASE("Huge written exponents are out of range, not a crash") {
  requireRejected("1e99999999999999999999999999", kOverflow);
  requireRejected("1e-99999999999999999999999999", kUnderflow);
  requireRejected("1.0e100000000", kOverflow);
}

TEST_CASE("An empty string is not a number and the message has no value") {
  requireRejected("", kNotNumeric);
}

TEST_CASE("Malformed numbers are rejected with the text appended to the message") {
  for (const char* bad :
       {"b",    "dog",      "-dog",      " 1",    "1 ",    "1\t", "\n1",   "1 000",
        "0x10", "Infinity", "-Infinity", "NaN",   "-NaN",  "inf", "1e",    "1e+",
        "1E-",  "e5",       ".",         "-",     "+",     "+-1", "--1",   "-+1",
        "1..2", "1.2.3",    ".e1",       "1e1.5", "1e5e5", "1,5", "1_000", "١"}) {
    requireRejected(bad, std::string(kNotNumeric) + ": " + bad);
  }
}

TEST_CASE("Adding and subtracting are exact decimal operations") {
  CHECK(d("0.1").add(d("0.2")).toString() == "0.3");
  CHECK(d("0.3").subtract(d("0.1")).toString() == "0.2");
  CHECK(d("1").add(d("10000000000000000000000")).toString() == "10000000000000000000001");
  CHECK(d("10000000000000000000000").subtract(d("1")).toString() == "9999999999999999999999");
  CHECK(d("9e125").add(d("9e124")).toString() == "99" + std::string(124, '0'));
  CHECK(d("1.5").subtract(d("1.5")).toString() == "0");
  CHECK(d("1.5").subtract(d("1.5")).isNegative() == false);
  CHECK(d("-1.5").add(d("1.5")).isZero());
  CHECK(d("2").subtract(d("5")).toString() == "-3");
  CHECK(d("-2").subtract(d("5")).toString() == "-7");
  CHECK(d("-2").subtract(d("-5")).toString() == "3");
  CHECK(d("0").subtract(d("5")).toString() == "-5");
  CHECK(d("5").subtract(d("0")).toString() == "5");
  CHECK(d("0").subtract(d("0")).toString() == "0");
  CHECK(d("99.99").add(d("0.01")).toString() == "100");
  CHECK(d("1E-130").add(d("1E-130")).toString() == "0." + std::string(129, '0') + "2");
  CHECK(d(nines(38)).subtract(d(nines(38))).isZero());
}

TEST_CASE("A sum beyond the largest magnitude is an overflow") {
  auto overflow = [](const char* a, const char* b, bool subtract) {
    INFO(a << (subtract ? " - " : " + ") << b);
    pd::DynamoError error = errorOf([&] { subtract ? d(a).subtract(d(b)) : d(a).add(d(b)); });
    CHECK(error.type == "ValidationException");
    CHECK(error.message == kOverflow);
  };
  overflow("9e125", "9e125", false);
  overflow("9e125", "-9e125", true);
  overflow("-9e125", "9e125", true);
  overflow("9.9999999999999999999999999999999999999E+125", "1e88", false);
}

TEST_CASE("A sum needing more than 38 digits is rejected as an overflow, not rounded") {
  // DynamoDB reports "Number overflow" for 1e50 + 1 and 1e50 - 1.
  CHECK(errorOf([] { d("1e50").add(d("1")); }).message == kOverflow);
  CHECK(errorOf([] { d("1e50").subtract(d("1")); }).message == kOverflow);
  CHECK(errorOf([] { d(nines(38)).add(d("0.1")); }).message == kOverflow);
  // 38 nines plus 1 is 1E38: one significant digit, fine.
  CHECK(d(nines(38)).add(d("1")).toString() == "1" + std::string(38, '0'));
}

TEST_CASE("A non-zero difference below the smallest magnitude is an underflow") {
  pd::DynamoError error = errorOf([] { d("2E-130").subtract(d("1.5E-130")); });
  CHECK(error.type == "ValidationException");
  CHECK(error.message == kUnderflow);
}

TEST_CASE("Numbers compare by value, not by text") {
  CHECK(d("1") == d("1.0"));
  CHECK(d("1000") == d("1e3"));
  CHECK(d("1000") == d("+001000"));
  CHECK(d("-0") == d("0"));
  CHECK(d("1.5") < d("1.51"));
  CHECK(d("-1.51") < d("-1.5"));
  CHECK(d("-1") < d("0"));
  CHECK(d("0") < d("1E-130"));
  CHECK(d("-1E-130") < d("0"));
  CHECK(d("9") < d("10"));
  CHECK(d("0.9") < d("1"));
  CHECK(d("-10") < d("-9"));
  CHECK(d("99") < d("100"));
  CHECK(d("1E-130").compare(d("1E-130")) == 0);
  CHECK(d("2").compare(d("1")) > 0);
  CHECK(d("1").compare(d("2")) < 0);
}

TEST_CASE("Equal numbers have equal order keys whatever their spelling") {
  CHECK(d("1").orderKey() == d("1.000").orderKey());
  CHECK(d("1500").orderKey() == d("1.5e3").orderKey());
  CHECK(d("-0").orderKey() == d("0").orderKey());
  CHECK(d("-2.50E+2").orderKey() == d("-250").orderKey());
}

TEST_CASE("Order keys sort like the numbers, including prefixes and signs") {
  const std::vector<std::string> ascending = {
      "-9.9999999999999999999999999999999999999E+125",
      "-1E+125",
      "-100",
      "-99",
      "-10",
      "-9.99",
      "-1.51",
      "-1.5",
      "-1.49",
      "-1.0000000000000000000000000000000000001",
      "-1",
      "-0.1",
      "-1E-129",
      "-1E-130",
      "0",
      "1E-130",
      "1.1E-130",
      "2E-130",
      "0.1",
      "0.10000000000000000000000000000000000001",
      "1",
      "1.0000000000000000000000000000000000001",
      "1.5",
      "1.51",
      "1.6",
      "9",
      "10",
      "11",
      "99",
      "100",
      "1E+125",
      "9.9999999999999999999999999999999999999E+125",
  };
  for (std::size_t i = 0; i + 1 < ascending.size(); ++i) {
    INFO(ascending[i] << " < " << ascending[i + 1]);
    Decimal lower = d(ascending[i]);
    Decimal upper = d(ascending[i + 1]);
    CHECK(lower < upper);
    CHECK(lower.orderKey() < upper.orderKey());
  }
}

namespace {

// A random storable number; small digit sets and exponent ranges so prefixes, equal
// exponents and equal values come up often.
Decimal randomDecimal(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  if (pick(0, 20) == 0) return Decimal();
  const bool wide = pick(0, 1) == 0;
  std::string digits(static_cast<std::size_t>(pick(1, wide ? 38 : 4)), '0');
  for (char& c : digits) c = static_cast<char>('0' + pick(wide ? 0 : 8, 9));
  digits[0] = static_cast<char>('1' + pick(0, 8));
  const int exponent = wide ? pick(-129, 126) : pick(-2, 2);
  std::string text =
      (pick(0, 1) ? "-" : "") + std::string("0.") + digits + "e" + std::to_string(exponent);
  return Decimal::parse(text);
}

// Independent oracle: the value as a fixed-width sign-and-digits string (130 integer digits,
// 170 fraction digits), compared without using Decimal::compare.
int oracleCompare(const Decimal& a, const Decimal& b) {
  auto fixed = [](const Decimal& x) {
    std::string s(300, '0');
    for (std::size_t i = 0; i < x.digits().size(); ++i) {
      s[static_cast<std::size_t>(130 - x.exponent()) + i] = x.digits()[i];
    }
    return s;
  };
  auto signOf = [](const Decimal& x) { return x.isZero() ? 0 : (x.isNegative() ? -1 : 1); };
  if (signOf(a) != signOf(b)) return signOf(a) < signOf(b) ? -1 : 1;
  const int magnitude = sign(fixed(a).compare(fixed(b)));
  return signOf(a) * magnitude;
}

}  // namespace

TEST_CASE("Property: compare agrees with an independent fixed-point comparison") {
  std::mt19937 rng(12345);
  for (int i = 0; i < 20000; ++i) {
    Decimal a = randomDecimal(rng);
    Decimal b = randomDecimal(rng);
    INFO(a.toString() << " vs " << b.toString());
    REQUIRE(sign(a.compare(b)) == oracleCompare(a, b));
    REQUIRE(sign(b.compare(a)) == -oracleCompare(a, b));
  }
}

TEST_CASE("Property: orderKey byte order equals numeric order") {
  std::mt19937 rng(67890);
  for (int i = 0; i < 20000; ++i) {
    Decimal a = randomDecimal(rng);
    Decimal b = randomDecimal(rng);
    INFO(a.toString() << " vs " << b.toString());
    REQUIRE(sign(a.orderKey().compare(b.orderKey())) == sign(a.compare(b)));
  }
  // Sorting by key and sorting by value give the same sequence.
  std::vector<Decimal> values;
  for (int i = 0; i < 2000; ++i) values.push_back(randomDecimal(rng));
  std::vector<Decimal> byKey = values;
  std::sort(values.begin(), values.end());
  std::sort(byKey.begin(), byKey.end(),
            [](const Decimal& x, const Decimal& y) { return x.orderKey() < y.orderKey(); });
  for (std::size_t i = 0; i < values.size(); ++i) REQUIRE(values[i] == byKey[i]);
}

TEST_CASE("Property: canonical text parses back to the same number") {
  std::mt19937 rng(4242);
  for (int i = 0; i < 5000; ++i) {
    Decimal a = randomDecimal(rng);
    Decimal back = Decimal::parse(a.toString());
    REQUIRE(back == a);
    REQUIRE(back.toString() == a.toString());
    REQUIRE(back.digits() == a.digits());
  }
}

TEST_CASE("Property: add and subtract match integer arithmetic and undo each other") {
  std::mt19937_64 rng(99);
  std::uniform_int_distribution<long long> value(-1000000000000000LL, 1000000000000000LL);
  for (int i = 0; i < 5000; ++i) {
    const long long x = value(rng);
    const long long y = value(rng);
    // Scale by a power of ten so fractions are exercised too.
    const std::string scale = "e-" + std::to_string(i % 7);
    Decimal a = d(std::to_string(x) + scale);
    Decimal b = d(std::to_string(y) + scale);
    INFO(x << ", " << y << " " << scale);
    REQUIRE(a.add(b) == d(std::to_string(x + y) + scale));
    REQUIRE(a.subtract(b) == d(std::to_string(x - y) + scale));
    REQUIRE(a.add(b).subtract(b) == a);
    REQUIRE(sign(a.subtract(b).compare(Decimal())) == sign(a.compare(b)));
  }
}
