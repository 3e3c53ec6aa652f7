#include "storage/change_log.h"

#include "storage/payload.h"
#include "store/database.h"

namespace pd {

int partitionOf(std::string_view orderKey) {
  return orderKey.empty() ? 0 : static_cast<unsigned char>(orderKey[0]) >> 4;
}

void ChangeLog::put(const std::string& tableId, std::string_view key, std::string_view encoded,
                    std::uint32_t size) {
  PayloadWriter(entries_)
      .byte(log_entry::kPut)
      .bytes(tableId)
      .bytes(key)
      .bytes(encoded)
      .varint(size);
  dirty_.emplace(tableId, partitionOf(key));
}

void ChangeLog::erase(const std::string& tableId, std::string_view key) {
  PayloadWriter(entries_).byte(log_entry::kErase).bytes(tableId).bytes(key);
  dirty_.emplace(tableId, partitionOf(key));
}

void ChangeLog::catalog(std::string_view catalogJson) {
  PayloadWriter(entries_).byte(log_entry::kCatalog).bytes(catalogJson);
}

}  // namespace pd

namespace pd {

void ChangeLog::clientToken(const std::string& token, const ClientTokenRecord& record) {
  PayloadWriter(entries_)
      .byte(log_entry::kClientToken)
      .bytes(token)
      .bytes(record.request)
      .bytes(record.response)
      .number(record.time);
}

}  // namespace pd
