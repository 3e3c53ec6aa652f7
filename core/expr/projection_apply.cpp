#include "expr/projection_apply.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace pd::expr {
namespace {

// The paths as a tree, stored flat (indexes into `nodes`) so no input can make its
// destruction recurse.
struct Trie {
  struct TrieNode {
    bool whole = false;  // a path ends here: copy the whole value
    std::map<std::string, std::size_t> names;
    std::map<std::uint32_t, std::size_t> indexes;
  };
  std::vector<TrieNode> nodes{TrieNode{}};

  void insert(const DocumentPath& path) {
    std::size_t at = 0;
    for (const auto& element : path) {
      const std::size_t next = nodes.size();
      std::size_t child = 0;
      if (element.isIndex()) {
        child = nodes[at].indexes.emplace(element.index, next).first->second;
      } else {
        child = nodes[at].names.emplace(element.name, next).first->second;
      }
      if (child == next) nodes.emplace_back();  // may move the maps: nothing refers into them
      at = child;
    }
    nodes[at].whole = true;
  }

  // Recursion depth is bounded by the value's nesting (32 levels), not the path length.
  std::optional<AttributeValue> project(std::size_t at, const AttributeValue& value) const {
    const TrieNode& node = nodes[at];
    if (node.whole) return value;
    if (value.type == AttrType::M && !node.names.empty()) {
      AttributeValue out;
      out.type = AttrType::M;
      for (const auto& [name, child] : node.names) {
        auto it = value.map.find(name);
        if (it == value.map.end()) continue;
        if (auto part = project(child, it->second)) out.map.emplace(name, std::move(*part));
      }
      if (!out.map.empty()) return out;
    } else if (value.type == AttrType::L && !node.indexes.empty()) {
      AttributeValue out;
      out.type = AttrType::L;
      for (const auto& [index, child] : node.indexes) {
        if (index >= value.list.size()) break;
        if (auto part = project(child, value.list[index])) out.list.push_back(std::move(*part));
      }
      if (!out.list.empty()) return out;
    }
    return std::nullopt;
  }
};

}  // namespace

Item projectItem(const std::vector<DocumentPath>& paths, const Item& item) {
  Trie trie;
  for (const auto& path : paths) {
    if (!path.empty() && !path[0].isIndex()) trie.insert(path);
  }
  Item out;
  for (const auto& [name, child] : trie.nodes[0].names) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    if (auto part = trie.project(child, it->second)) out.emplace(name, std::move(*part));
  }
  return out;
}

}  // namespace pd::expr
