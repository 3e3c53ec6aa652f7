#include "storage/change_log.h"

#include "storage/payload.h"
#include "store/database.h"

namespace pd {

void ChangeLog::itemChanged(const ItemChange& change) {
  if (!recording_) return;
  const std::size_t before = entries_.size();
  if (change.newItem) {
    PayloadWriter(entries_)
        .byte(log_entry::kPut)
        .bytes(change.tableId)
        .bytes(change.key)
        .bytes(*change.newItem)
        .varint(change.newSize);
  } else {
    PayloadWriter(entries_).byte(log_entry::kErase).bytes(change.tableId).bytes(change.key);
  }
  dirty_[{std::string(change.tableId), partitionOf(change.key)}] += entries_.size() - before;
}

void ChangeLog::catalog(std::string_view catalogJson) {
  PayloadWriter(entries_).byte(log_entry::kCatalog).bytes(catalogJson);
}

}  // namespace pd

namespace pd {

void ChangeLog::clientTokenStored(const std::string& token, const ClientTokenRecord& record) {
  if (!recording_) return;
  PayloadWriter(entries_)
      .byte(log_entry::kClientToken)
      .bytes(token)
      .bytes(record.request)
      .bytes(record.response)
      .number(record.time);
}

}  // namespace pd
