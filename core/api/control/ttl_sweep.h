// Which items TTL has expired, as DynamoDB documents it: the table's TTL attribute is a top-level
// number of epoch seconds at or before now, and not more than five years before now.
#pragma once

#include <string_view>

#include "model/decimal.h"
#include "store/table.h"

namespace pd {

class ExpiryCheck {
 public:
  ExpiryCheck(std::string attribute, double now);
  bool expired(std::string_view encodedItem) const;

 private:
  std::string attribute_;
  Decimal now_;
  Decimal oldest_;  // expiry times before this are ignored
};

}  // namespace pd
