#include "store/table.h"

namespace pd {

const ItemRecord* Table::find(std::string_view key) const {
  const auto it = items_.find(key);
  return it == items_.end() ? nullptr : &*it;
}

std::optional<ItemRecord> Table::put(std::string_view key, std::string_view encoded,
                                     std::uint32_t size) {
  sizeBytes_ += size;
  const auto it = items_.lower_bound(key);
  if (it == items_.end() || items_.key_comp()(key, *it)) {
    items_.emplace_hint(it, key, encoded, size);
    return std::nullopt;
  }
  // Replacing keeps the tree as it is: the old value is copied out and overwritten in place.
  std::optional<ItemRecord> old(std::in_place, it->key(), it->encoded(), it->size());
  sizeBytes_ -= old->size();
  it->replaceValue(encoded, size);
  return old;
}

std::optional<ItemRecord> Table::erase(std::string_view key) {
  const auto it = items_.find(key);
  if (it == items_.end()) return std::nullopt;
  std::optional<ItemRecord> old(std::move(items_.extract(it).value()));
  sizeBytes_ -= old->size();
  return old;
}

}  // namespace pd
