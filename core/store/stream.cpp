#include "store/stream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/item_codec.h"
#include "model/item_size.h"

namespace pd {

const char* streamViewTypeName(StreamViewType type) {
  switch (type) {
    case StreamViewType::KeysOnly:
      return "KEYS_ONLY";
    case StreamViewType::NewImage:
      return "NEW_IMAGE";
    case StreamViewType::OldImage:
      return "OLD_IMAGE";
    case StreamViewType::NewAndOldImages:
      return "NEW_AND_OLD_IMAGES";
  }
  return "KEYS_ONLY";
}

Stream::Stream(StreamInfo info, std::function<double()> clock)
    : info_(std::move(info)), clock_(std::move(clock)) {}

std::string Stream::keysOf(std::string_view encodedItem) const {
  const Item item = decodeItem(encodedItem);
  Item keys;
  for (const KeyElement* key : {&info_.hashKey, info_.rangeKey ? &*info_.rangeKey : nullptr}) {
    if (!key) continue;
    const auto it = item.find(key->name);
    if (it != item.end()) keys.emplace(it->first, it->second);
  }
  return encodeItem(keys);
}

void Stream::append(const std::optional<std::string_view>& oldItem,
                    const std::optional<std::string_view>& newItem, bool byTimeToLive) {
  if (!oldItem && !newItem) return;
  if (oldItem && newItem && *oldItem == *newItem) return;  // the write changed nothing
  StreamRecord record;
  record.sequence = next_++;
  // DynamoDB rounds the creation time down to the second.
  record.time = std::floor(clock_());
  record.event = !oldItem   ? StreamEvent::Insert
                 : !newItem ? StreamEvent::Remove
                            : StreamEvent::Modify;
  record.byTimeToLive = byTimeToLive;
  record.keys = keysOf(newItem ? *newItem : *oldItem);
  const auto type = info_.viewType;
  const bool wantsOld = type == StreamViewType::OldImage || type == StreamViewType::NewAndOldImages;
  const bool wantsNew = type == StreamViewType::NewImage || type == StreamViewType::NewAndOldImages;
  if (wantsOld && oldItem) record.oldImage = std::string(*oldItem);
  if (wantsNew && newItem) record.newImage = std::string(*newItem);
  record.sizeBytes = itemSize(decodeItem(record.keys));
  for (const auto* image : {&record.oldImage, &record.newImage}) {
    if (*image) record.sizeBytes += itemSize(decodeItem(**image));
  }
  records_.push_back(std::move(record));
  trim();
}

void Stream::restore(StreamRecord record) {
  // A record already there (or out of order) is skipped; a catalog may have counted it already.
  if (!records_.empty() && record.sequence <= records_.back().sequence) return;
  next_ = std::max(next_, record.sequence + 1);
  records_.push_back(std::move(record));
}

void Stream::restoreState(std::uint64_t next, std::uint64_t trimmedBelow,
                          std::optional<double> disabledAt) {
  next_ = std::max(next_, next);
  trimmedBelow_ = std::max(trimmedBelow_, trimmedBelow);
  disabledAt_ = disabledAt;
}

void Stream::trim() {
  const double oldest = clock_() - kRetentionSeconds;
  while (!records_.empty() && records_.front().time < oldest) {
    trimmedBelow_ = records_.front().sequence + 1;
    records_.pop_front();
  }
}

std::string sequenceText(std::uint64_t sequence) {
  char text[32];
  std::snprintf(text, sizeof text, "1%020llu", static_cast<unsigned long long>(sequence));
  return text;
}

std::optional<std::uint64_t> parseSequence(std::string_view text) {
  if (text.size() != 21 || text[0] != '1') return std::nullopt;
  std::uint64_t value = 0;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(text[i] - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace pd
