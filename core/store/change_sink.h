// Where the store reports each change as it happens, so that what follows the writes (durable
// storage, streams) stays out of the data structure: the store declares this, storage and streams
// implement it, and the store knows neither.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pd {

struct ClientTokenRecord;

// One item written or erased.
struct ItemChange {
  const std::string& tableId;
  std::string_view key;                     // the order key
  std::optional<std::string_view> oldItem;  // encoded; nullopt when the item is new
  std::optional<std::string_view> newItem;  // encoded; nullopt when it was erased
  std::uint32_t newSize = 0;                // the new item's size (DynamoDB's rule)
  bool byTimeToLive = false;                // erased because its TTL expired
};

class ChangeSink {
 public:
  virtual ~ChangeSink() = default;
  virtual void itemChanged(const ItemChange& change) = 0;
  // A TransactWriteItems answered under a ClientRequestToken (kept for retries).
  virtual void clientTokenStored(const std::string& /*token*/,
                                 const ClientTokenRecord& /*record*/) {}
};

}  // namespace pd
