#include "storage/queued_env.h"

namespace pd {

std::vector<FileOp> QueuedEnv::takeOps() {
  std::vector<FileOp> ops;
  ops.swap(ops_);
  return ops;
}

std::vector<std::string> QueuedEnv::list() {
  std::vector<std::string> names;
  for (const auto& [name, bytes] : staged_) names.push_back(name);
  for (const std::string& name : announced_) {
    if (!staged_.count(name)) names.push_back(name);
  }
  return names;
}

std::optional<std::string> QueuedEnv::read(const std::string& name) {
  const auto it = staged_.find(name);
  if (it != staged_.end()) return *it->second;
  if (announced_.count(name) && fetch_) return fetch_(name);
  return std::nullopt;
}

std::shared_ptr<const std::string> QueuedEnv::readShared(const std::string& name) {
  const auto it = staged_.find(name);
  if (it != staged_.end()) return it->second;
  return Env::readShared(name);
}

void QueuedEnv::write(const std::string& name, std::string_view bytes) {
  // Readable through the host once it has applied the write: a partition unloaded under a memory
  // budget (which the host asks for only with every write applied) reads its files back.
  announced_.insert(name);
  ops_.push_back({FileOp::Kind::Write, name, std::string(bytes)});
}

void QueuedEnv::append(const std::string& name, std::string_view bytes) {
  // Consecutive appends to one file travel as one operation (one IndexedDB record).
  if (!ops_.empty() && ops_.back().kind == FileOp::Kind::Append && ops_.back().name == name) {
    ops_.back().bytes.append(bytes);
    return;
  }
  ops_.push_back({FileOp::Kind::Append, name, std::string(bytes)});
}

void QueuedEnv::remove(const std::string& name) {
  announced_.erase(name);
  ops_.push_back({FileOp::Kind::Remove, name, {}});
}

}  // namespace pd
