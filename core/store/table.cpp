#include "store/table.h"

namespace pd {

const StoredItem* Table::find(const std::string& key) const {
  const auto it = items_.find(key);
  return it == items_.end() ? nullptr : &it->second;
}

std::optional<StoredItem> Table::put(const std::string& key, StoredItem item) {
  sizeBytes_ += item.size;
  auto [it, inserted] = items_.try_emplace(key);
  if (inserted) {
    it->second = std::move(item);
    return std::nullopt;
  }
  std::optional<StoredItem> old = std::move(it->second);
  sizeBytes_ -= old->size;
  it->second = std::move(item);
  return old;
}

std::optional<StoredItem> Table::erase(const std::string& key) {
  const auto it = items_.find(key);
  if (it == items_.end()) return std::nullopt;
  std::optional<StoredItem> old = std::move(it->second);
  sizeBytes_ -= old->size;
  items_.erase(it);
  return old;
}

}  // namespace pd
