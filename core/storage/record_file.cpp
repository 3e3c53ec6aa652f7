#include "storage/record_file.h"

#include <algorithm>

#include "storage/crc32c.h"

namespace pd {
namespace {

void appendU32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
}

std::uint32_t readU32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) {
    value = value << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  }
  return value;
}

}  // namespace

std::string fileHeader(std::string_view fileMagic) {
  std::string out(fileMagic);
  appendU32(out, kStorageFormatVersion);
  return out;
}

void appendRecord(std::string& out, std::string_view payload) {
  appendU32(out, static_cast<std::uint32_t>(payload.size()));
  appendU32(out, crc32c(payload));
  out.append(payload);
}

namespace {

// Reads the header; false (with the problem set) when the file is not ours or too new.
bool readHeader(std::string_view file, std::string_view fileMagic, RecordScan& scan) {
  if (file.size() < kFileHeaderSize || file.substr(0, 8) != fileMagic) {
    scan.problem = "not a " + std::string(fileMagic) + " file (bad magic or too short)";
    return false;
  }
  const std::uint32_t version = readU32(file, 8);
  if (version < kOldestStorageFormatVersion || version > kStorageFormatVersion) {
    scan.problem = "unsupported format version " + std::to_string(version);
    return false;
  }
  scan.version = version;
  return true;
}

// The intact record at `at`, or the reason there is none.
struct RecordAt {
  std::string_view payload;
  const char* problem = nullptr;
};

RecordAt recordAt(std::string_view file, std::size_t at) {
  if (file.size() - at < 8) return {{}, "torn record header"};
  const std::uint32_t length = readU32(file, at);
  if (file.size() - at - 8 < length) return {{}, "torn record"};
  const std::string_view payload = file.substr(at + 8, length);
  if (crc32c(payload) != readU32(file, at + 4)) return {{}, "checksum mismatch"};
  return {payload, nullptr};
}

// Bytes of checksums a salvage may compute while resynchronising, so that a file full of
// plausible lengths cannot make opening take quadratic time.
constexpr std::size_t kResyncBudget = 256u << 20;

}  // namespace

RecordScan scanRecords(std::string_view file, std::string_view fileMagic) {
  RecordScan scan;
  if (!readHeader(file, fileMagic, scan)) return scan;
  std::size_t at = kFileHeaderSize;
  while (at < file.size()) {
    const RecordAt record = recordAt(file, at);
    if (record.problem) {
      scan.problem = std::string(record.problem) + " at offset " + std::to_string(at);
      return scan;
    }
    scan.records.push_back(record.payload);
    at += 8 + record.payload.size();
  }
  return scan;
}

RecordScan salvageRecords(std::string_view file, std::string_view fileMagic) {
  RecordScan scan;
  if (!readHeader(file, fileMagic, scan)) return scan;
  std::size_t at = kFileHeaderSize, budget = kResyncBudget;
  bool damaged = false;
  while (at < file.size()) {
    const RecordAt record = recordAt(file, at);
    if (!record.problem) {
      scan.records.push_back(record.payload);
      at += 8 + record.payload.size();
      continue;
    }
    if (!damaged) scan.problem = std::string(record.problem) + " at offset " + std::to_string(at);
    damaged = true;
    // Resynchronise: the next offset holding a whole, non-empty record with a valid checksum
    // (an empty payload is never written, and eight zero bytes would pass for one).
    std::size_t next = file.size();
    for (std::size_t candidate = at + 1; candidate + 8 <= file.size() && budget > 0; ++candidate) {
      const std::uint32_t length = readU32(file, candidate);
      if (length == 0 || file.size() - candidate - 8 < length) continue;
      budget -= std::min<std::size_t>(budget, length);
      if (!recordAt(file, candidate).problem) {
        next = candidate;
        break;
      }
    }
    scan.skipped.push_back({at, next - at, record.problem});
    at = next;
  }
  return scan;
}

}  // namespace pd
