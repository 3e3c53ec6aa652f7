#include "storage/memory_env.h"

namespace pd {

std::vector<std::string> MemoryEnv::list() {
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files_) names.push_back(name);
  return names;
}

std::optional<std::string> MemoryEnv::read(const std::string& name) {
  const auto it = files_.find(name);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

void MemoryEnv::write(const std::string& name, std::string_view bytes) {
  files_[name] = std::string(bytes);
}

void MemoryEnv::append(const std::string& name, std::string_view bytes) {
  files_[name].append(bytes);
}

void MemoryEnv::remove(const std::string& name) {
  files_.erase(name);
}

}  // namespace pd
