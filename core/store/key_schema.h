// The pieces of a key schema that tables and indexes share.
#pragma once

#include <cstdint>
#include <string>

#include "model/attribute_value.h"

namespace pd {

struct KeyElement {
  std::string name;
  AttrType type = AttrType::S;  // S, N or B
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
