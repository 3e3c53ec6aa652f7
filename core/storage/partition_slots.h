// Where each partition of a table is stored, as the catalog says (core/doc/storage-format.md):
// its file (or none), the generation it was written in (the logs of that generation and later
// hold its later changes; older logs hold nothing it lacks) and the file's size. Catalogs of
// format 3 list 256 entries per table; those of formats 1 and 2 list 16 files, each holding the
// items of 16 of today's partitions.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/partition_loader.h"

namespace pd {

struct PartitionSlot {
  std::string file;         // "" when the partition holds no item
  std::uint64_t asOf = 0;   // the generation the file (or its absence) is as of
  std::uint64_t bytes = 0;  // the file's size; 0 when unknown (a file of format 1 or 2)
  // Its items and index entries as of the last checkpoint that had it loaded (none: unknown).
  std::optional<StoredCounts> counts;
  // Format 4: the generations of its delta files, oldest first (the changes checkpoint steps
  // moved out of the logs after the file was written), and their sizes.
  std::vector<std::uint64_t> deltas, deltaSizes;

  // Logs older than this generation hold none of its changes: the file or a delta has them.
  std::uint64_t coveredTo() const { return deltas.empty() ? asOf : std::max(asOf, deltas.back()); }
  // Whether anything of it is stored (its file or deltas), to be read on first touch.
  bool stored() const { return !file.empty() || !deltas.empty(); }
};
using PartitionSlots = std::array<PartitionSlot, kPartitionsPerTable>;

// The catalog's "partitions" (and "partitionBytes" and "deltas") members, by table id. Throws
// StorageError on a malformed list or a file name that is not a partition file of ours.
std::map<std::string, PartitionSlots> readPartitionSlots(const nlohmann::json& catalog);
// Writes them into a catalog in format 4.
void writePartitionSlots(nlohmann::json& catalog,
                         const std::map<std::string, PartitionSlots>& partitions);

// The counts file's JSON (core/doc/storage-format.md): every slot's counts, by table id. Reading
// sets the counts of the slots it has; throws StorageError when malformed.
nlohmann::json writePartitionCounts(const std::map<std::string, PartitionSlots>& partitions);
void readPartitionCounts(const nlohmann::json& counts,
                         std::map<std::string, PartitionSlots>& partitions);
// The table items (and bytes) the known counts add up to.
ItemCounts totalCounts(const std::map<std::string, PartitionSlots>& partitions);

}  // namespace pd
