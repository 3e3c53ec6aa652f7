#include "storage/store_files.h"

#include <cstdio>

#include "storage/change_log.h"
#include "storage/env.h"
#include "storage/payload.h"
#include "storage/record_file.h"

namespace pd {

std::string numberedFile(const char* prefix, std::uint64_t generation) {
  char text[48];
  std::snprintf(text, sizeof text, "%s-%010llu", prefix,
                static_cast<unsigned long long>(generation));
  return text;
}

namespace {

std::string slotFile(const char* prefix, const std::string& tableId, int partition,
                     std::uint64_t generation) {
  char text[32];
  std::snprintf(text, sizeof text, "-%02x-%010llu", static_cast<unsigned>(partition),
                static_cast<unsigned long long>(generation));
  return prefix + tableId + text;
}

}  // namespace

std::string partitionFile(const std::string& tableId, int partition, std::uint64_t generation) {
  return slotFile("part-", tableId, partition, generation);
}

std::string deltaFile(const std::string& tableId, int partition, std::uint64_t generation) {
  return slotFile("delta-", tableId, partition, generation);
}

bool isStoreFile(const std::string& name) {
  for (const char* prefix : {"catalog-", "log-", "part-", "delta-", "streams-", "counts-"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::optional<std::uint64_t> generationOf(const std::string& name) {
  if (!isStoreFile(name) || name.size() < 11 || name[name.size() - 11] != '-') return std::nullopt;
  std::uint64_t generation = 0;
  for (std::size_t i = name.size() - 10; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    generation = generation * 10 + static_cast<std::uint64_t>(name[i] - '0');
  }
  return generation;
}

std::optional<std::uint64_t> numberedGeneration(const std::string& name, std::string_view prefix) {
  if (name.size() != prefix.size() + 10 || name.compare(0, prefix.size(), prefix) != 0) {
    return std::nullopt;
  }
  return generationOf(name);
}

void appendEndRecord(std::string& file, std::uint64_t count) {
  std::string payload;
  PayloadWriter(payload).byte(file_entry::kEnd).varint(count);
  appendRecord(file, payload);
}

std::string deltaImage(const PartitionEntries& entries) {
  std::string file = fileHeader(magic::kDelta);
  file += entries.records;
  appendEndRecord(file, entries.count);
  return file;
}

namespace {

// The count an end record holds, or nullopt when the payload is not an end record.
std::optional<std::uint64_t> endCount(std::string_view payload) {
  try {
    PayloadReader end(payload);
    if (end.byte() != file_entry::kEnd) return std::nullopt;
    const std::uint64_t count = end.varint();
    if (!end.atEnd()) return std::nullopt;
    return count;
  } catch (const StorageError&) {
    return std::nullopt;
  }
}

}  // namespace

SalvagedEntries salvageEntries(std::string_view file, std::string_view fileMagic) {
  SalvagedEntries out;
  RecordScan scan = salvageRecords(file, fileMagic);
  if (scan.headerBad()) {
    out.damage = scan.problem;
    out.unreadable = true;
    return out;
  }
  if (!scan.records.empty()) out.expected = endCount(scan.records.back());
  if (out.expected) scan.records.pop_back();
  out.entries = std::move(scan.records);
  std::string damage;
  for (const SkippedBytes& skipped : scan.skipped) {
    if (!damage.empty()) damage += ", ";
    damage += skipped.why + " at offset " + std::to_string(skipped.offset) + " (" +
              std::to_string(skipped.length) + " bytes skipped)";
  }
  if (!out.expected) {
    if (!damage.empty()) damage += ", ";
    damage += "no end record (the file is cut short)";
  } else if (*out.expected != out.entries.size() && damage.empty()) {
    damage = "the end record counts " + std::to_string(*out.expected) + " records, " +
             std::to_string(out.entries.size()) + " are there";
  }
  out.damage = std::move(damage);
  return out;
}

}  // namespace pd
