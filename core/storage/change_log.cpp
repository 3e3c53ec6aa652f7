#include "storage/change_log.h"

#include "storage/payload.h"
#include "storage/record_file.h"
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
  PartitionKey key{std::string(change.tableId), partitionOf(change.key)};
  dirty_[key] += entries_.size() - before;
  byPartition_[std::move(key)].add(std::string_view(entries_).substr(before));
}

void PartitionEntries::add(std::string_view logEntry) {
  // A delta holds one partition's entries: they leave out the table id the log's carry.
  PayloadReader in(logEntry);
  const std::uint8_t tag = in.byte();
  in.bytes();
  std::string entry(1, static_cast<char>(tag));
  entry.append(logEntry.substr(in.position()));
  appendRecord(records, entry);
  ++count;
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
