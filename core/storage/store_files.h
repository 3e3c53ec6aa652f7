// The names of the files a durable store keeps and the framing of its partition and streams
// files (core/doc/storage-format.md): what both the writing and the recovery side must agree on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd {

// "catalog-0000000012", "log-0000000012", "streams-0000000012".
std::string numberedFile(const char* prefix, std::uint64_t generation);
// "part-<tableId>-<pp>-<generation>".
std::string partitionFile(const std::string& tableId, int partition, std::uint64_t generation);
// "delta-<tableId>-<pp>-<generation>": a partition's changes that a checkpoint step of that
// generation moved out of the logs (format 4).
std::string deltaFile(const std::string& tableId, int partition, std::uint64_t generation);
// Files this store writes; anything else in the folder is left alone.
bool isStoreFile(const std::string& name);
// The generation a store file was written in (its last ten digits), or nullopt.
std::optional<std::uint64_t> generationOf(const std::string& name);
// The generation of "catalog-…" (or "log-…" with that prefix), or nullopt for any other name.
std::optional<std::uint64_t> numberedGeneration(const std::string& name, std::string_view prefix);

// Partition and streams files: entry records, then an end record holding their count, so that
// a file cut short at a record boundary is still seen as incomplete.
namespace file_entry {
constexpr std::uint8_t kEnd = 'E';
constexpr std::uint8_t kItem = 'I';
}  // namespace file_entry

void appendEndRecord(std::string& file, std::uint64_t count);

struct PartitionEntries;
// The delta file holding a partition's entries (storage/change_log.h).
std::string deltaImage(const PartitionEntries& entries);

// What could be read of a damaged partition or streams file: its intact entries, and a
// description of the damage ("" when the file is whole).
struct SalvagedEntries {
  std::vector<std::string_view> entries;
  std::string damage;
  bool unreadable = false;  // not our file at all, or a format version this code cannot read
  std::optional<std::uint64_t> expected;  // the count the end record gives, when it survived
};
SalvagedEntries salvageEntries(std::string_view file, std::string_view fileMagic);

}  // namespace pd
