#include "store/item_record.h"

#include <cstring>

namespace pd {
namespace {

constexpr std::size_t kHeaderBytes = 8;

std::uint32_t readU32(const char* p) {
  std::uint32_t n;
  std::memcpy(&n, p, sizeof n);
  return n;
}

void writeU32(char* p, std::size_t n) {
  const auto value = static_cast<std::uint32_t>(n);
  std::memcpy(p, &value, sizeof value);
}

}  // namespace

std::uint32_t hashPrefixOf(std::string_view key) {
  std::uint32_t prefix = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto byte = i < key.size() ? static_cast<std::uint8_t>(key[i]) : 0u;
    prefix = (prefix << 8) | byte;
  }
  return prefix;
}

ItemRecord::ItemRecord(std::string_view key, std::string_view encoded, std::uint32_t size)
    : block_(std::make_unique<char[]>(kHeaderBytes + key.size() + encoded.size())),
      hashPrefix_(hashPrefixOf(key)),
      size_(size) {
  writeU32(block_.get(), key.size());
  writeU32(block_.get() + 4, encoded.size());
  std::memcpy(block_.get() + kHeaderBytes, key.data(), key.size());
  std::memcpy(block_.get() + kHeaderBytes + key.size(), encoded.data(), encoded.size());
}

void ItemRecord::replaceValue(std::string_view encoded, std::uint32_t size) const {
  ItemRecord replacement(key(), encoded, size);
  block_ = std::move(replacement.block_);
  size_ = size;
}

std::string_view ItemRecord::key() const {
  return {block_.get() + kHeaderBytes, readU32(block_.get())};
}

std::string_view ItemRecord::encoded() const {
  const std::uint32_t keyLength = readU32(block_.get());
  return {block_.get() + kHeaderBytes + keyLength, readU32(block_.get() + 4)};
}

}  // namespace pd
