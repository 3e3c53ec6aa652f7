// The pieces of a key schema that tables and indexes share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/attribute_value.h"

namespace pd {

struct KeyElement {
  std::string name;
  AttrType type = AttrType::S;  // S, N or B
};

// The key attributes of a table or an index, in key-schema order. A table and a local secondary
// index have one partition-key attribute and at most one sort-key attribute; a global secondary
// index up to four of each (multi-attribute keys), which DynamoDB hashes together and sorts by
// left to right.
struct KeyAttributes {
  std::vector<KeyElement> hash;
  std::vector<KeyElement> range;  // empty: no sort key

  static constexpr std::size_t kMaxPerRole = 4;

  // Every attribute, partition-key ones first.
  std::vector<const KeyElement*> all() const {
    std::vector<const KeyElement*> out;
    for (const auto& key : hash) out.push_back(&key);
    for (const auto& key : range) out.push_back(&key);
    return out;
  }
};

struct AttributeDefinition {
  std::string name;
  AttrType type = AttrType::S;
};

struct ProvisionedThroughput {
  std::int64_t readCapacityUnits = 0;
  std::int64_t writeCapacityUnits = 0;
  double lastIncreaseDateTime = 0;
  double lastDecreaseDateTime = 0;
  std::int64_t numberOfDecreasesToday = 0;
};

}  // namespace pd
