// A lookup's KeyProbe (the key with its hash prefix taken once) orders exactly as the key itself:
// find, lower_bound and upper_bound give the same record for probes of every kind of key (shorter
// than the four-byte prefix, bytes of 0x80 and up, keys sharing a prefix).
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <string_view>

#include "store/item_record.h"

namespace {

std::string randomKey(std::mt19937& random) {
  std::string key(random() % 9, '\0');
  for (char& ch : key) {
    // Few byte values, so that keys often share a prefix or differ only past it.
    const unsigned values[] = {0x00, 0x01, 0x7F, 0x80, 0xC3, 0xFF};
    ch = static_cast<char>(values[random() % 6]);
  }
  return key;
}

}  // namespace

TEST_CASE("record order: a KeyProbe finds and bounds as its key does") {
  std::mt19937 random(7122026);
  std::set<pd::ItemRecord, pd::RecordOrder> records;
  for (int i = 0; i < 400; ++i) records.emplace(randomKey(random), "v", 1);
  for (int round = 0; round < 5000; ++round) {
    const std::string key = randomKey(random);
    const std::string_view view(key);
    const pd::KeyProbe probe(key);
    REQUIRE(records.find(probe) == records.find(view));
    REQUIRE(records.lower_bound(probe) == records.lower_bound(view));
    REQUIRE(records.upper_bound(probe) == records.upper_bound(view));
    if (records.find(view) != records.end()) REQUIRE(records.find(view)->key() == view);
  }
  // And the set's own order is the keys' byte order.
  std::string previous;
  bool first = true;
  for (const pd::ItemRecord& record : records) {
    if (!first) REQUIRE(std::string(record.key()) > previous);
    previous = std::string(record.key());
    first = false;
  }
}
