// CRC-32C (Castagnoli), the checksum of every stored record: LevelDB and RocksDB use it for
// the same job, and its error detection is better than CRC-32's for short bursts.
#pragma once

#include <cstdint>
#include <string_view>

namespace pd {

std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc = 0);

}  // namespace pd
