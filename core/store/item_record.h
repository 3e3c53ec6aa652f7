// One stored item in a single heap block: its order key and its encoded form, plus its size by
// DynamoDB's rule. The first four bytes of the key (the partition hash) are kept beside the
// pointer so that most comparisons in the table's tree never touch the block.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

namespace pd {

class ItemRecord {
 public:
  ItemRecord(std::string_view key, std::string_view encoded, std::uint32_t size);

  // Replaces the encoded item and its size, keeping the key. Const because records live in a
  // std::set, whose elements are const only to protect their order, which the key alone decides.
  void replaceValue(std::string_view encoded, std::uint32_t size) const;

  std::string_view key() const;
  std::string_view encoded() const;
  std::uint32_t size() const { return size_; }  // DynamoDB item size
  std::uint32_t hashPrefix() const { return hashPrefix_; }

 private:
  mutable std::unique_ptr<char[]> block_;  // [u32 keyLength][u32 encodedLength][key][encoded]
  std::uint32_t hashPrefix_;
  mutable std::uint32_t size_;
};

// The first four bytes of an order key as a big-endian number (0-padded when shorter).
std::uint32_t hashPrefixOf(std::string_view key);

// An order key to look up, with its hash prefix taken once instead of at every comparison of
// the lookup (a tree of a million items compares about twenty times).
struct KeyProbe {
  explicit KeyProbe(std::string_view orderKey)
      : key(orderKey), hashPrefix(hashPrefixOf(orderKey)) {}
  std::string_view key;
  std::uint32_t hashPrefix;
};

// Orders records (and probes given as a key) by order key; transparent for lookups. The hash
// prefixes are compared first, so the blocks are read only when two keys share a hash.
struct RecordOrder {
  using is_transparent = void;
  bool operator()(const ItemRecord& a, const KeyProbe& b) const {
    if (a.hashPrefix() != b.hashPrefix) return a.hashPrefix() < b.hashPrefix;
    return a.key() < b.key;
  }
  bool operator()(const KeyProbe& a, const ItemRecord& b) const {
    if (a.hashPrefix != b.hashPrefix()) return a.hashPrefix < b.hashPrefix();
    return a.key < b.key();
  }
  bool operator()(const ItemRecord& a, const ItemRecord& b) const {
    if (a.hashPrefix() != b.hashPrefix()) return a.hashPrefix() < b.hashPrefix();
    return a.key() < b.key();
  }
  bool operator()(const ItemRecord& a, std::string_view b) const {
    const std::uint32_t bHash = hashPrefixOf(b);
    if (a.hashPrefix() != bHash) return a.hashPrefix() < bHash;
    return a.key() < b;
  }
  bool operator()(std::string_view a, const ItemRecord& b) const {
    const std::uint32_t aHash = hashPrefixOf(a);
    if (aHash != b.hashPrefix()) return aHash < b.hashPrefix();
    return a < b.key();
  }
};

}  // namespace pd
