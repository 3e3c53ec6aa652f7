// An Env for hosts that do their own I/O asynchronously (the browser's IndexedDB, Node's fs
// from JS): files are handed in before open, and every write is queued as an operation that
// the host takes and applies, all of one flush together.
#pragma once

#include <functional>
#include <map>
#include <set>

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
  using Fetch = std::function<std::optional<std::string>(const std::string& name)>;

  // A stored file, before the storage is opened.
  void stage(std::string name, std::string bytes) {
    staged_[std::move(name)] = std::make_shared<const std::string>(std::move(bytes));
  }
  // A stored file the host hands over only when it is read, through `fetch`: partition files,
  // which the store reads on first touch, stay out of wasm memory until then.
  void announce(std::string name) { announced_.insert(std::move(name)); }
  void setFetch(Fetch fetch) { fetch_ = std::move(fetch); }
  // Frees the staged files once open has read them (announced files stay readable).
  void releaseStaged() { staged_.clear(); }
  std::vector<FileOp> takeOps();

  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  // A staged file without a copy (open keeps the log's bytes while partitions wait for them).
  std::shared_ptr<const std::string> readShared(const std::string& name) override;
  void write(const std::string& name, std::string_view bytes) override;
  void append(const std::string& name, std::string_view bytes) override;
  void remove(const std::string& name) override;
  void sync() override {}  // the host applies a whole flush in one transaction

 private:
  std::map<std::string, std::shared_ptr<const std::string>> staged_;
  std::set<std::string> announced_;
  Fetch fetch_;
  std::vector<FileOp> ops_;
};

}  // namespace pd
