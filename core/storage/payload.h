// The primitives inside stored records: LEB128 varints, length-prefixed bytes, and doubles as
// their 8 IEEE bytes. The reader throws StorageError on anything truncated.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "storage/env.h"

namespace pd {

class PayloadWriter {
 public:
  explicit PayloadWriter(std::string& out) : out_(out) {}
  PayloadWriter& byte(std::uint8_t value) {
    out_.push_back(static_cast<char>(value));
    return *this;
  }
  PayloadWriter& varint(std::uint64_t value) {
    while (value >= 0x80) {
      out_.push_back(static_cast<char>((value & 0x7F) | 0x80));
      value >>= 7;
    }
    out_.push_back(static_cast<char>(value));
    return *this;
  }
  PayloadWriter& bytes(std::string_view value) {
    varint(value.size());
    out_.append(value);
    return *this;
  }
  PayloadWriter& number(double value) {
    char raw[8];
    std::memcpy(raw, &value, 8);
    out_.append(raw, 8);
    return *this;
  }

 private:
  std::string& out_;
};

class PayloadReader {
 public:
  explicit PayloadReader(std::string_view bytes) : bytes_(bytes) {}
  bool atEnd() const { return pos_ == bytes_.size(); }
  std::size_t position() const { return pos_; }
  std::uint8_t byte() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      value |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return value;
    }
    throw StorageError("varint too long");
  }
  std::string_view bytes() {
    const std::uint64_t n = varint();
    if (n > bytes_.size() - pos_) throw StorageError("truncated record");
    return take(static_cast<std::size_t>(n));
  }
  double number() {
    double value;
    std::memcpy(&value, take(8).data(), 8);
    return value;
  }

 private:
  std::string_view take(std::size_t n) {
    if (n > bytes_.size() - pos_) throw StorageError("truncated record");
    const auto out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace pd
