// The framing every stored file shares (grammar in core/doc/storage-format.md):
//   file   = magic:8 bytes, version:u32le, record*
//   record = length:u32le, crc32c(payload):u32le, payload:length bytes
// scanRecords takes whole records up to the first one that is torn or fails its checksum (the
// log's torn tail); salvageRecords skips damaged bytes and goes on with the next intact record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pd {

// The version new files are written in; every version from 1 on stays readable.
constexpr std::uint32_t kStorageFormatVersion = 4;
constexpr std::uint32_t kOldestStorageFormatVersion = 1;
constexpr std::size_t kFileHeaderSize = 12;

namespace magic {
constexpr std::string_view kCatalog = "PDCATLOG";
constexpr std::string_view kLog = "PDWALLOG";
constexpr std::string_view kPartition = "PDPARTIT";
constexpr std::string_view kStreams = "PDSTREAM";
constexpr std::string_view kCounts = "PDCOUNTS";
constexpr std::string_view kDelta = "PDDELTAS";
}  // namespace magic

std::string fileHeader(std::string_view fileMagic);
void appendRecord(std::string& out, std::string_view payload);

struct SkippedBytes {
  std::size_t offset = 0, length = 0;
  std::string why;  // "checksum mismatch", "torn record", ...
};

struct RecordScan {
  std::vector<std::string_view> records;  // views into the scanned bytes
  std::string problem;                    // the first damage; empty when the file was whole
  std::uint32_t version = 0;              // the file's format version (0: bad header)
  std::vector<SkippedBytes> skipped;      // salvageRecords only: the damaged spans, in order
  bool headerBad() const { return version == 0; }
  // salvageRecords only: the last skipped span runs to the end of the file (nothing after it).
  bool endsInDamage(std::size_t fileSize) const {
    return !skipped.empty() && skipped.back().offset + skipped.back().length == fileSize;
  }
};

RecordScan scanRecords(std::string_view file, std::string_view fileMagic);
// Like scanRecords, but after a damaged record looks for the next intact one (a length that fits
// and a matching checksum) and goes on from there, so one bad byte costs only its own record.
RecordScan salvageRecords(std::string_view file, std::string_view fileMagic);

}  // namespace pd
