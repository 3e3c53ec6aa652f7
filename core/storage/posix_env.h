// Files in a directory of a POSIX filesystem. sync() fsyncs every file written since the last
// sync, then the directory, so that created and removed names are durable too.
#pragma once

#include <set>

#include "storage/env.h"

namespace pd {

class PosixEnv : public Env {
 public:
  // The directory must exist.
  explicit PosixEnv(std::string directory) : directory_(std::move(directory)) {}

  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  void write(const std::string& name, std::string_view bytes) override;
  void append(const std::string& name, std::string_view bytes) override;
  void remove(const std::string& name) override;
  void sync() override;

 private:
  std::string pathOf(const std::string& name) const { return directory_ + "/" + name; }
  void writeAll(const std::string& name, std::string_view bytes, int flags);

  std::string directory_;
  std::set<std::string> unsynced_;
};

}  // namespace pd
