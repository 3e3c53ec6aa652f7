#include "store/database.h"

namespace pd {

Table* Database::find(const std::string& name) const {
  const auto it = tables.find(name);
  return it == tables.end() ? nullptr : it->second.get();
}

}  // namespace pd
