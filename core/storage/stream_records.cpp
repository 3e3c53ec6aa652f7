#include "storage/stream_records.h"

#include "storage/change_log.h"

namespace pd {

void writeStreamRecord(std::string& out, const std::string& streamArn, const StreamRecord& record) {
  PayloadWriter w(out);
  w.byte(log_entry::kStreamRecord).bytes(streamArn).varint(record.sequence).number(record.time);
  w.byte(static_cast<std::uint8_t>(record.event)).byte(record.byTimeToLive ? 1 : 0);
  w.bytes(record.keys);
  for (const auto* image : {&record.oldImage, &record.newImage}) {
    w.byte(*image ? 1 : 0);
    if (*image) w.bytes(**image);
  }
  w.varint(record.sizeBytes);
}

std::string readStreamRecord(PayloadReader& in, StreamRecord& record) {
  std::string arn(in.bytes());
  record.sequence = in.varint();
  record.time = in.number();
  const std::uint8_t event = in.byte();
  if (event > static_cast<std::uint8_t>(StreamEvent::Remove)) {
    throw StorageError("bad stream event");
  }
  record.event = static_cast<StreamEvent>(event);
  record.byTimeToLive = in.byte() != 0;
  record.keys = std::string(in.bytes());
  for (auto* image : {&record.oldImage, &record.newImage}) {
    if (in.byte()) *image = std::string(in.bytes());
  }
  record.sizeBytes = static_cast<std::size_t>(in.varint());
  return arn;
}

}  // namespace pd
