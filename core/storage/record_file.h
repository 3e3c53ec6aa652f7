// The framing every stored file shares (grammar in core/doc/storage-format.md):
//   file   = magic:8 bytes, version:u32le, record*
//   record = length:u32le, crc32c(payload):u32le, payload:length bytes
// A reader takes whole records up to the first one that is torn or fails its checksum.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pd {

constexpr std::uint32_t kStorageFormatVersion = 1;
constexpr std::size_t kFileHeaderSize = 12;

namespace magic {
constexpr std::string_view kCatalog = "PDCATLOG";
constexpr std::string_view kLog = "PDWALLOG";
constexpr std::string_view kPartition = "PDPARTIT";
constexpr std::string_view kStreams = "PDSTREAM";
}  // namespace magic

std::string fileHeader(std::string_view fileMagic);
void appendRecord(std::string& out, std::string_view payload);

struct RecordScan {
  std::vector<std::string_view> records;  // views into the scanned bytes
  std::size_t validBytes = 0;             // the header and the whole, intact records
  std::string problem;                    // empty when the file was whole
};

RecordScan scanRecords(std::string_view file, std::string_view fileMagic);

}  // namespace pd
