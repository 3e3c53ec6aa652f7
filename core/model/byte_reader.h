// Reads the primitives of the item encoding (item_codec.h) from a byte string, refusing
// truncated input and runaway nesting with std::runtime_error.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace pd {

class ByteReader {
 public:
  // Stored items nest at most 32 levels; anything much deeper is corrupt, and refusing it
  // keeps a crafted blob from exhausting the stack.
  static constexpr int kMaxDepth = 64;

  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool atEnd() const { return pos_ == bytes_.size(); }

  std::size_t varint() {
    std::size_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto byte = static_cast<std::uint8_t>(take(1)[0]);
      n |= static_cast<std::size_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return n;
    }
    throw std::runtime_error("item encoding: varint too long");
  }

  std::string_view take(std::size_t n) {
    if (n > bytes_.size() - pos_) throw std::runtime_error("item encoding: truncated");
    const std::string_view out(bytes_.data() + pos_, n);  // in bounds: checked above
    pos_ += n;
    return out;
  }

  // A length-prefixed byte string.
  std::string_view bytes() { return take(varint()); }

  std::uint8_t tag() {
    const auto tag = static_cast<std::uint8_t>(take(1)[0]);
    if (tag > kMaxTag) throw std::runtime_error("item encoding: bad type tag");
    return tag;
  }

  void enter() {
    if (++depth_ > kMaxDepth) throw std::runtime_error("item encoding: nested too deep");
  }
  void leave() { --depth_; }

 private:
  static constexpr std::uint8_t kMaxTag = 9;  // AttrType::BS
  std::string_view bytes_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace pd
