// The changes the durable store must write at its next flush, encoded as write-ahead-log
// entries in the order they happened (grammar in core/doc/storage-format.md). Tables append
// their item writes here; the engine appends a catalog snapshot after each request that
// changed tables, indexes, streams or client tokens.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "store/change_sink.h"
#include "store/partition_loader.h"

namespace pd {

namespace log_entry {
constexpr std::uint8_t kCatalog = 'C';
constexpr std::uint8_t kPut = 'P';
constexpr std::uint8_t kErase = 'D';
constexpr std::uint8_t kStreamRecord = 'S';
constexpr std::uint8_t kClientToken = 'K';
// The first commit of a log (format version 2 on): a copy of the catalog the checkpoint wrote,
// from which a damaged or missing catalog file is rebuilt.
constexpr std::uint8_t kCheckpointCatalog = 'G';
}  // namespace log_entry

// A partition's put and delete entries, each framed as a record (core/storage/record_file.h), in
// the order they happened: what a delta file holds (format 4), "P" key encoded varint(itemSize)
// or "D" key, the log's entries without their table id.
struct PartitionEntries {
  std::string records;
  std::uint64_t count = 0;
  void add(std::string_view logEntry);  // a log's put or delete entry
};
using PartitionKey = std::pair<std::string, int>;  // (table id, partition)

// The durable store's sink: while recording, every change the store tells becomes a log entry.
class ChangeLog : public ChangeSink {
 public:
  bool recording() const { return recording_; }
  void setRecording(bool on) { recording_ = on; }

  void itemChanged(const ItemChange& change) override;
  void clientTokenStored(const std::string& token, const ClientTokenRecord& record) override;
  void catalog(std::string_view catalogJson);

  // The entries since the last take.
  std::string& entries() { return entries_; }
  // The (table id, partition) pairs written since the last take, with the bytes their log
  // entries took (what a checkpoint weighs against a partition's size).
  using Dirty = std::map<std::pair<std::string, int>, std::uint64_t>;
  Dirty& dirtyPartitions() { return dirty_; }
  // The same changes' entries by partition, for the delta files a checkpoint step writes.
  std::map<PartitionKey, PartitionEntries>& entriesByPartition() { return byPartition_; }

 private:
  bool recording_ = false;
  std::string entries_;
  Dirty dirty_;
  std::map<PartitionKey, PartitionEntries> byPartition_;
};

}  // namespace pd
