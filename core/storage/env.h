// The one small filesystem interface the storage layer writes through, so that the same code
// runs on POSIX files, in the browser (the JS package applies the operations to IndexedDB) and
// on in-memory or fault-injecting files in tests.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pd {

// A failed read, write or sync. After one, the files may hold any prefix of what was asked.
class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Env {
 public:
  virtual ~Env() = default;

  virtual std::vector<std::string> list() = 0;
  virtual std::optional<std::string> read(const std::string& name) = 0;
  // The same bytes, shared (null when the file is missing): for a reader that keeps them, so
  // that an Env holding the file in memory already need not copy it.
  virtual std::shared_ptr<const std::string> readShared(const std::string& name) {
    std::optional<std::string> bytes = read(name);
    return bytes ? std::make_shared<const std::string>(std::move(*bytes)) : nullptr;
  }
  // Creates the file or replaces all of it.
  virtual void write(const std::string& name, std::string_view bytes) = 0;
  virtual void append(const std::string& name, std::string_view bytes) = 0;
  // Removing a missing file is not an error.
  virtual void remove(const std::string& name) = 0;
  // Makes everything written so far durable.
  virtual void sync() = 0;
};

}  // namespace pd
