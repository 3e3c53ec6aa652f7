// appendJsonString scans eight bytes at a time for the bytes JSON strings must escape; held here
// to a byte-by-byte reference: every byte value at every position of short and long strings,
// and seeded random strings.
#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <string>

#include "model/json_writer.h"

namespace {

std::string referenceJsonString(const std::string& value) {
  std::string out = "\"";
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string written(const std::string& value) {
  std::string out = "prefix:";
  pd::appendJsonString(out, value);
  return out.substr(7);
}

}  // namespace

TEST_CASE("json: every byte value at every position is escaped as byte by byte") {
  for (const char filler : {'a', '\xC3', '~', '!'}) {
    for (std::size_t length = 1; length <= 20; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        for (int byte = 0; byte < 256; ++byte) {
          std::string value(length, filler);
          value[at] = static_cast<char>(byte);
          REQUIRE(written(value) == referenceJsonString(value));
        }
      }
    }
  }
}

TEST_CASE("json: long and random strings are escaped as byte by byte") {
  REQUIRE(written("") == "\"\"");
  REQUIRE(written(std::string(1000, 'x')) == referenceJsonString(std::string(1000, 'x')));
  std::mt19937 random(20261206);
  for (int round = 0; round < 2000; ++round) {
    std::string value(random() % 80, '\0');
    // Mostly plain text, with a byte that needs escaping now and then.
    for (char& ch : value) {
      const auto pick = random() % 16;
      ch = pick == 0 ? static_cast<char>(random() % 256) : static_cast<char>('a' + pick);
    }
    REQUIRE(written(value) == referenceJsonString(value));
  }
}

TEST_CASE(
    "json: the writer's keys and strings, short and plain or not, are written as appendJsonString "
    "writes them") {
  // Keys and strings of up to 64 plain bytes take a one-append path; longer ones, and ones with
  // a byte to escape, the general one. Both must give the same text, commas included.
  std::mt19937 random(6122026);
  for (int round = 0; round < 3000; ++round) {
    std::string name(random() % 70, '\0');
    std::string value(random() % 70, '\0');
    for (std::string* text : {&name, &value}) {
      for (char& ch : *text) {
        const auto pick = random() % 24;
        ch = pick == 0 ? static_cast<char>(random() % 256) : static_cast<char>('a' + pick);
      }
    }
    pd::JsonWriter out;
    out.beginObject().key(name).string(value).key(value).beginArray().string(name).string(value);
    out.endArray().endObject();
    const std::string expected = "{" + written(name) + ":" + written(value) + "," + written(value) +
                                 ":[" + written(name) + "," + written(value) + "]}";
    REQUIRE(out.text() == expected);
  }
  for (const std::size_t length : {63, 64, 65}) {
    pd::JsonWriter out;
    out.beginArray().string(std::string(length, 'k')).string("v").endArray();
    REQUIRE(out.text() == "[\"" + std::string(length, 'k') + "\",\"v\"]");
  }
}
