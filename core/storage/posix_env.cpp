#include "storage/posix_env.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace pd {
namespace {

StorageError failure(const std::string& what, const std::string& path) {
  return StorageError(what + " " + path + ": " + std::strerror(errno));
}

// Closes a descriptor however the scope ends.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

void fsyncPath(const std::string& path, int flags) {
  Descriptor file{::open(path.c_str(), flags)};
  if (file.fd < 0) {
    if (errno == ENOENT) return;  // removed since it was written
    throw failure("cannot open", path);
  }
  if (::fsync(file.fd) != 0) throw failure("cannot sync", path);
}

}  // namespace

std::vector<std::string> PosixEnv::list() {
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(directory_.c_str()), ::closedir);
  if (!dir) throw failure("cannot list", directory_);
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  return names;
}

std::optional<std::string> PosixEnv::read(const std::string& name) {
  const std::string path = pathOf(name);
  Descriptor file{::open(path.c_str(), O_RDONLY)};
  if (file.fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw failure("cannot open", path);
  }
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failure("cannot read", path);
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

void PosixEnv::writeAll(const std::string& name, std::string_view bytes, int flags) {
  const std::string path = pathOf(name);
  Descriptor file{::open(path.c_str(), flags, 0644)};
  if (file.fd < 0) throw failure("cannot open", path);
  while (!bytes.empty()) {
    const ssize_t n = ::write(file.fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failure("cannot write", path);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  unsynced_.insert(name);
}

void PosixEnv::write(const std::string& name, std::string_view bytes) {
  writeAll(name, bytes, O_WRONLY | O_CREAT | O_TRUNC);
}

void PosixEnv::append(const std::string& name, std::string_view bytes) {
  writeAll(name, bytes, O_WRONLY | O_CREAT | O_APPEND);
}

void PosixEnv::remove(const std::string& name) {
  const std::string path = pathOf(name);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw failure("cannot remove", path);
  unsynced_.erase(name);
  unsynced_.insert("");  // the directory entry changed
}

void PosixEnv::sync() {
  for (const std::string& name : unsynced_) {
    if (!name.empty()) fsyncPath(pathOf(name), O_RDONLY);
  }
  fsyncPath(directory_, O_RDONLY | O_DIRECTORY);
  unsynced_.clear();
}

}  // namespace pd
