// A table's DynamoDB stream: one shard holding a record of every change to the table's items,
// appended by Table::put/erase, kept for 24 hours.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/change_sink.h"
#include "store/key_schema.h"

namespace pd {

enum class StreamViewType { KeysOnly, NewImage, OldImage, NewAndOldImages };
enum class StreamEvent { Insert, Modify, Remove };

const char* streamViewTypeName(StreamViewType type);

struct StreamRecord {
  std::uint64_t sequence = 0;
  double time = 0;  // epoch seconds
  StreamEvent event = StreamEvent::Insert;
  bool byTimeToLive = false;                      // a TTL deletion, made by DynamoDB itself
  std::string keys;                               // the item's key attributes, encoded as an item
  std::optional<std::string> oldImage, newImage;  // encoded, as the view type asks
  std::size_t sizeBytes = 0;
};

struct StreamInfo {
  std::string arn;
  std::string label;  // the creation time, "2026-10-08T23:07:31.275"
  std::string tableName;
  std::string shardId;
  KeyElement hashKey;
  std::optional<KeyElement> rangeKey;
  StreamViewType viewType = StreamViewType::KeysOnly;
  double created = 0;
};

class Stream : public ChangeSink {
 public:
  static constexpr double kRetentionSeconds = 24 * 3600;

  Stream(StreamInfo info, std::function<double()> clock);

  const StreamInfo& info() const { return info_; }
  bool enabled() const { return !disabledAt_; }
  std::optional<double> disabledAt() const { return disabledAt_; }
  void disable() { disabledAt_ = clock_(); }
  void setClock(std::function<double()> clock) { clock_ = std::move(clock); }
  double now() const { return clock_(); }

  // Records the change from `oldItem` to `newItem` (encoded; nullopt when absent). Nothing is
  // recorded when both are the same item, as DynamoDB does for a write that changes nothing.
  void append(const std::optional<std::string_view>& oldItem,
              const std::optional<std::string_view>& newItem, bool byTimeToLive);
  void itemChanged(const ItemChange& change) override {
    append(change.oldItem, change.newItem, change.byTimeToLive);
  }

  // Storage: puts back a record read from disk, and the counters the records alone cannot tell.
  void restore(StreamRecord record);
  void restoreState(std::uint64_t next, std::uint64_t trimmedBelow,
                    std::optional<double> disabledAt);

  // Drops the records older than 24 hours.
  void trim();
  const std::deque<StreamRecord>& records() const { return records_; }
  // The first sequence number of the shard, and the one the next record will get.
  std::uint64_t startingSequence() const { return 1; }
  std::uint64_t nextSequence() const { return next_; }
  // Records with a sequence number below this were trimmed.
  std::uint64_t trimHorizon() const { return trimmedBelow_; }

 private:
  std::string keysOf(std::string_view encodedItem) const;

  StreamInfo info_;
  std::function<double()> clock_;
  std::optional<double> disabledAt_;
  std::deque<StreamRecord> records_;
  std::uint64_t next_ = 1;
  std::uint64_t trimmedBelow_ = 1;
};

// Sequence numbers on the wire: decimal strings of 21 digits, increasing within a shard.
std::string sequenceText(std::uint64_t sequence);
// The number, or nullopt when `text` is not a sequence number.
std::optional<std::uint64_t> parseSequence(std::string_view text);

}  // namespace pd
