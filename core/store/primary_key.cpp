#include "store/primary_key.h"

#include "model/decimal.h"

namespace pd {
namespace {

// FNV-1a: stable across builds and platforms, which a persisted order needs.
std::uint32_t fnv1a(std::uint32_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 16777619u;
  }
  return hash;
}

void appendBigEndian(std::string& out, std::uint32_t n, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out += static_cast<char>((n >> shift) & 0xFF);
  }
}

}  // namespace

std::uint32_t partitionHash(const AttributeValue& partitionKey) {
  const char tag = static_cast<char>(partitionKey.type);
  return fnv1a(fnv1a(2166136261u, std::string_view(&tag, 1)), partitionKey.scalar);
}

std::string orderKey(const AttributeValue& partitionKey, const AttributeValue* sortKey) {
  std::string key;
  key.reserve(8 + partitionKey.scalar.size() + (sortKey ? sortKey->scalar.size() + 4 : 0));
  appendBigEndian(key, partitionHash(partitionKey), 4);
  // Length-prefixed, so that a partition key is never a prefix of another.
  appendBigEndian(key, static_cast<std::uint32_t>(partitionKey.scalar.size()), 2);
  key += partitionKey.scalar;
  if (sortKey) {
    key +=
        sortKey->type == AttrType::N ? Decimal::parse(sortKey->scalar).orderKey() : sortKey->scalar;
  }
  return key;
}

}  // namespace pd
