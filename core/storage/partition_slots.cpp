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

// The counts of a table's slots, as columns: {"items": [256], "bytes": [256], "indexes": {name:
// {"items": [256], "bytes": [256]}}}, -1 for a slot whose counts are unknown.
void readCounts(const json& columns, PartitionSlots& slots) {
  const auto column = [&](const json& of, const char* name) -> const json& {
    const json& list = of.at(name);
    if (list.size() != slots.size()) throw StorageError("bad partition counts");
    return list;
  };
  const json& items = column(columns, "items");
  const json& bytes = column(columns, "bytes");
  for (std::size_t p = 0; p < slots.size(); ++p) {
    if (items.at(p).get<std::int64_t>() < 0) continue;
    slots[p].counts =
        StoredCounts{{items.at(p).get<std::uint64_t>(), bytes.at(p).get<std::uint64_t>()}, {}};
  }
  if (!columns.contains("indexes")) return;
  for (const auto& [name, index] : columns.at("indexes").items()) {
    const json& entries = column(index, "items");
    const json& entryBytes = column(index, "bytes");
    for (std::size_t p = 0; p < slots.size(); ++p) {
      if (!slots[p].counts || entries.at(p).get<std::int64_t>() < 0) continue;
      slots[p].counts->indexes[name] = {entries.at(p).get<std::uint64_t>(),
                                        entryBytes.at(p).get<std::uint64_t>()};
    }
  }
}

json writeCounts(const PartitionSlots& slots) {
  json items = json::array(), bytes = json::array();
  std::map<std::string, std::pair<json, json>> indexes;
  for (const PartitionSlot& slot : slots) {
    if (!slot.counts) continue;
    for (const auto& [name, counts] : slot.counts->indexes) indexes[name];
  }
  for (const PartitionSlot& slot : slots) {
    items.push_back(slot.counts ? static_cast<std::int64_t>(slot.counts->table.items) : -1);
    bytes.push_back(slot.counts ? slot.counts->table.bytes : 0);
    for (auto& [name, columns] : indexes) {
      const ItemCounts* known = nullptr;
      if (slot.counts) {
        const auto it = slot.counts->indexes.find(name);
        if (it != slot.counts->indexes.end()) known = &it->second;
      }
      columns.first.push_back(known ? static_cast<std::int64_t>(known->items) : -1);
      columns.second.push_back(known ? known->bytes : 0);
    }
  }
  json out = {{"items", std::move(items)}, {"bytes", std::move(bytes)}};
  if (indexes.empty()) return out;
  json byName = json::object();
  for (auto& [name, columns] : indexes) {
    byName[name] = {{"items", std::move(columns.first)}, {"bytes", std::move(columns.second)}};
  }
  out["indexes"] = std::move(byName);
  return out;
}

// Format 4's "deltas": {tableId: [[slot index, step, size, step, size...]]}, only for slots with
// deltas, where each step is how much a delta's generation exceeds the one before it (the first:
// the slot's generation), so that the catalog stays short.
void readDeltas(const json& deltas, std::map<std::string, PartitionSlots>& partitions) {
  for (const auto& [tableId, lists] : deltas.items()) {
    const auto slots = partitions.find(tableId);
    for (const json& list : lists) {
      const auto p = list.at(0).get<std::uint64_t>();
      if (slots == partitions.end() || p >= slots->second.size() || list.size() % 2 == 0) {
        throw StorageError("bad deltas of " + tableId);
      }
      PartitionSlot& slot = slots->second[static_cast<std::size_t>(p)];
      for (std::size_t i = 1; i < list.size(); i += 2) {
        const auto step = list.at(i).get<std::uint64_t>();
        if (step == 0) throw StorageError("bad deltas of " + tableId);
        slot.deltas.push_back(slot.coveredTo() + step);
        slot.deltaSizes.push_back(list.at(i + 1).get<std::uint64_t>());
      }
    }
  }
}

}  // namespace

std::map<std::string, PartitionSlots> readPartitionSlots(const json& catalog) {
  std::map<std::string, PartitionSlots> partitions;
  try {
    const json* sizes =
        catalog.contains("partitionBytes") ? &catalog.at("partitionBytes") : nullptr;
    for (const auto& [tableId, list] : catalog.at("partitions").items()) {
      PartitionSlots& slots = partitions[tableId];
      if (list.size() == kOldPartitions) {  // formats 1 and 2: file names, "" for none
        for (int i = 0; i < kOldPartitions; ++i) {
          const auto name = list.at(static_cast<std::size_t>(i)).get<std::string>();
          if (!name.empty()) checkName(name);
          for (int p = i * kOldPartitions; p < (i + 1) * kOldPartitions; ++p) {
            PartitionSlot& slot = slots[static_cast<std::size_t>(p)];
            slot.file = name;
            slot.asOf = name.empty() ? 0 : *generationOf(name);
          }
        }
        continue;
      }
      if (list.size() != slots.size()) throw StorageError("bad partition list");
      const json* bytes = sizes && sizes->contains(tableId) ? &sizes->at(tableId) : nullptr;
      if (bytes && bytes->size() != slots.size()) throw StorageError("bad partition sizes");
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
      }
    }
    if (catalog.contains("deltas")) readDeltas(catalog.at("deltas"), partitions);
  } catch (const json::exception& error) {
    throw StorageError(error.what());
  }
  return partitions;
}

void writePartitionSlots(json& catalog, const std::map<std::string, PartitionSlots>& partitions) {
  json lists = json::object(), sizes = json::object(), deltas = json::object();
  for (const auto& [tableId, slots] : partitions) {
    json list = json::array(), bytes = json::array(), tableDeltas = json::array();
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
      if (slot.deltas.empty()) continue;
      json generations = json::array();
      generations.push_back(static_cast<std::uint64_t>(p));
      for (std::size_t i = 0; i < slot.deltas.size(); ++i) {
        generations.push_back(slot.deltas[i] - (i ? slot.deltas[i - 1] : slot.asOf));
        generations.push_back(slot.deltaSizes[i]);
      }
      tableDeltas.push_back(std::move(generations));
    }
    if (!tableDeltas.empty()) deltas[tableId] = std::move(tableDeltas);
    lists[tableId] = std::move(list);
    sizes[tableId] = std::move(bytes);
  }
  catalog["partitions"] = std::move(lists);
  catalog["partitionBytes"] = std::move(sizes);
  if (!deltas.empty()) catalog["deltas"] = std::move(deltas);
}

json writePartitionCounts(const std::map<std::string, PartitionSlots>& partitions) {
  json out = json::object();
  for (const auto& [tableId, slots] : partitions) out[tableId] = writeCounts(slots);
  return out;
}

void readPartitionCounts(const json& counts, std::map<std::string, PartitionSlots>& partitions) {
  try {
    for (auto& [tableId, slots] : partitions) {
      if (counts.contains(tableId)) readCounts(counts.at(tableId), slots);
    }
  } catch (const json::exception& error) {
    throw StorageError(error.what());
  }
}

ItemCounts totalCounts(const std::map<std::string, PartitionSlots>& partitions) {
  ItemCounts total;
  for (const auto& [tableId, slots] : partitions) {
    for (const PartitionSlot& slot : slots) {
      if (!slot.counts) continue;
      total.items += slot.counts->table.items;
      total.bytes += slot.counts->table.bytes;
    }
  }
  return total;
}

}  // namespace pd
