#include "storage/record_file.h"

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

RecordScan scanRecords(std::string_view file, std::string_view fileMagic) {
  RecordScan scan;
  if (file.size() < kFileHeaderSize || file.substr(0, 8) != fileMagic) {
    scan.problem = "not a " + std::string(fileMagic) + " file (bad magic or too short)";
    return scan;
  }
  const std::uint32_t version = readU32(file, 8);
  if (version != kStorageFormatVersion) {
    scan.problem = "unsupported format version " + std::to_string(version);
    return scan;
  }
  std::size_t at = kFileHeaderSize;
  scan.validBytes = at;
  while (at < file.size()) {
    if (file.size() - at < 8) {
      scan.problem = "torn record header at offset " + std::to_string(at);
      return scan;
    }
    const std::uint32_t length = readU32(file, at);
    const std::uint32_t checksum = readU32(file, at + 4);
    if (file.size() - at - 8 < length) {
      scan.problem = "torn record at offset " + std::to_string(at);
      return scan;
    }
    const std::string_view payload = file.substr(at + 8, length);
    if (crc32c(payload) != checksum) {
      scan.problem = "checksum mismatch at offset " + std::to_string(at);
      return scan;
    }
    scan.records.push_back(payload);
    at += 8 + length;
    scan.validBytes = at;
  }
  return scan;
}

}  // namespace pd
