#include "storage/partition_slots.h"

#include "storage/env.h"
#include "storage/store_files.h"

namespace pd {

using nlohmann::json;

namespace {

// A file of format 1 or 2 holds the items of partitions 16*i to 16*i+15.
constexpr int kOldPartitions = 16;

void checkName(const std::string& name) {
  if (name.rfind("part-", 0) != 0 || name.find('/') != std::string::npos || !generationOf(name)) {
    throw StorageError("bad partition file name " + name);
  }
}

// A slot's counts: [items, bytes] or [items, bytes, {index: [items, bytes]}]; null: unknown.
std::optional<StoredCounts> readCounts(const json& entry) {
  if (entry.is_null()) return std::nullopt;
  StoredCounts counts;
  counts.table = {entry.at(0).get<std::uint64_t>(), entry.at(1).get<std::uint64_t>()};
  if (entry.size() > 2) {
    for (const auto& [name, index] : entry.at(2).items()) {
      counts.indexes[name] = {index.at(0).get<std::uint64_t>(), index.at(1).get<std::uint64_t>()};
    }
  }
  return counts;
}

json writeCounts(const std::optional<StoredCounts>& counts) {
  if (!counts) return nullptr;
  json entry = json::array({counts->table.items, counts->table.bytes});
  if (counts->indexes.empty()) return entry;
  json indexes = json::object();
  for (const auto& [name, index] : counts->indexes) indexes[name] = {index.items, index.bytes};
  entry.push_back(std::move(indexes));
  return entry;
}

}  // namespace

std::map<std::string, PartitionSlots> readPartitionSlots(const json& catalog) {
  std::map<std::string, PartitionSlots> partitions;
  try {
    const json* sizes =
        catalog.contains("partitionBytes") ? &catalog.at("partitionBytes") : nullptr;
    const json* allCounts =
        catalog.contains("partitionCounts") ? &catalog.at("partitionCounts") : nullptr;
    for (const auto& [tableId, list] : catalog.at("partitions").items()) {
      PartitionSlots& slots = partitions[tableId];
      if (list.size() == kOldPartitions) {  // formats 1 and 2: file names, "" for none
        for (int i = 0; i < kOldPartitions; ++i) {
          const auto name = list.at(static_cast<std::size_t>(i)).get<std::string>();
          if (!name.empty()) checkName(name);
          for (int p = i * kOldPartitions; p < (i + 1) * kOldPartitions; ++p) {
            slots[static_cast<std::size_t>(p)] = {name, name.empty() ? 0 : *generationOf(name), 0,
                                                  std::nullopt};
          }
        }
        continue;
      }
      if (list.size() != slots.size()) throw StorageError("bad partition list");
      const json* bytes = sizes && sizes->contains(tableId) ? &sizes->at(tableId) : nullptr;
      if (bytes && bytes->size() != slots.size()) throw StorageError("bad partition sizes");
      const json* counts =
          allCounts && allCounts->contains(tableId) ? &allCounts->at(tableId) : nullptr;
      if (counts && counts->size() != slots.size()) throw StorageError("bad partition counts");
      for (std::size_t p = 0; p < slots.size(); ++p) {
        const json& entry = list.at(p);
        PartitionSlot& slot = slots[p];
        if (entry.is_string()) {  // a file of format 1 or 2, still holding this partition
          slot.file = entry.get<std::string>();
          checkName(slot.file);
          slot.asOf = *generationOf(slot.file);
        } else {
          const auto generation = entry.get<std::int64_t>();
          slot.asOf = static_cast<std::uint64_t>(generation < 0 ? -generation : generation);
          if (generation > 0) slot.file = partitionFile(tableId, static_cast<int>(p), slot.asOf);
        }
        if (bytes) slot.bytes = bytes->at(p).get<std::uint64_t>();
        if (counts) slot.counts = readCounts(counts->at(p));
      }
    }
  } catch (const json::exception& error) {
    throw StorageError(error.what());
  }
  return partitions;
}

void writePartitionSlots(json& catalog, const std::map<std::string, PartitionSlots>& partitions) {
  json lists = json::object(), sizes = json::object(), allCounts = json::object();
  for (const auto& [tableId, slots] : partitions) {
    json list = json::array(), bytes = json::array(), counts = json::array();
    for (std::size_t p = 0; p < slots.size(); ++p) {
      const PartitionSlot& slot = slots[p];
      const auto generation = static_cast<std::int64_t>(slot.asOf);
      if (slot.file.empty()) {
        list.push_back(-generation);
      } else if (slot.file == partitionFile(tableId, static_cast<int>(p), slot.asOf)) {
        list.push_back(generation);
      } else {
        list.push_back(slot.file);
      }
      bytes.push_back(slot.bytes);
      counts.push_back(writeCounts(slot.counts));
    }
    lists[tableId] = std::move(list);
    sizes[tableId] = std::move(bytes);
    allCounts[tableId] = std::move(counts);
  }
  catalog["partitions"] = std::move(lists);
  catalog["partitionBytes"] = std::move(sizes);
  catalog["partitionCounts"] = std::move(allCounts);
}

}  // namespace pd
