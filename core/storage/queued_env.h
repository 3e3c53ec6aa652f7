// An Env for hosts that do their own I/O asynchronously (the browser's IndexedDB, Node's fs
// from JS): files are handed in before open, and every write is queued as an operation that
// the host takes and applies, all of one flush together.
#pragma once

#include <map>

#include "storage/env.h"

namespace pd {

struct FileOp {
  enum class Kind { Write, Append, Remove };
  Kind kind;
  std::string name;
  std::string bytes;  // empty for Remove
};

class QueuedEnv : public Env {
 public:
  // A stored file, before the storage is opened.
  void stage(std::string name, std::string bytes) { staged_[std::move(name)] = std::move(bytes); }
  // Frees the staged files once open has read them.
  void releaseStaged() { staged_.clear(); }
  std::vector<FileOp> takeOps();

  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  void write(const std::string& name, std::string_view bytes) override;
  void append(const std::string& name, std::string_view bytes) override;
  void remove(const std::string& name) override;
  void sync() override {}  // the host applies a whole flush in one transaction

 private:
  std::map<std::string, std::string> staged_;
  std::vector<FileOp> ops_;
};

}  // namespace pd
