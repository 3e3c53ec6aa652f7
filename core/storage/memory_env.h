// Files in memory: for tests, and the base of the fault-injecting Env in tests/core.
#pragma once

#include <map>

#include "storage/env.h"

namespace pd {

class MemoryEnv : public Env {
 public:
  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  void write(const std::string& name, std::string_view bytes) override;
  void append(const std::string& name, std::string_view bytes) override;
  void remove(const std::string& name) override;
  void sync() override {}

  std::map<std::string, std::string>& files() { return files_; }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace pd
