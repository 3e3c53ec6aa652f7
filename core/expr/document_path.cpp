#include "expr/document_path.h"

namespace pd::expr {
namespace {

// One step down from `value`, or nullptr when the step does not fit the value's type.
template <typename Value>
Value* step(Value* value, const PathElement& element) {
  if (element.isIndex()) {
    if (value->type != AttrType::L || element.index >= value->list.size()) return nullptr;
    return &value->list[element.index];
  }
  if (value->type != AttrType::M) return nullptr;
  auto it = value->map.find(element.name);
  return it == value->map.end() ? nullptr : &it->second;
}

template <typename ItemT, typename Value>
Value* walk(ItemT& item, const DocumentPath& path, std::size_t length) {
  if (path.empty() || length == 0 || path[0].isIndex()) return nullptr;
  auto top = item.find(path[0].name);
  if (top == item.end()) return nullptr;
  Value* value = &top->second;
  for (std::size_t i = 1; i < length && value; ++i) value = step(value, path[i]);
  return value;
}

}  // namespace

std::string pathToString(const DocumentPath& path) {
  std::string out = "[";
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i) out += ", ";
    out += path[i].isIndex() ? "[" + std::to_string(path[i].index) + "]" : path[i].name;
  }
  return out + "]";
}

bool pathLess(const DocumentPath& a, const DocumentPath& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].type != b[i].type) return a[i].type < b[i].type;
    if (a[i].isIndex()) {
      if (a[i].index != b[i].index) return a[i].index < b[i].index;
    } else if (a[i].name != b[i].name) {
      return a[i].name < b[i].name;
    }
  }
  return a.size() < b.size();
}

const AttributeValue* findPath(const Item& item, const DocumentPath& path) {
  return walk<const Item, const AttributeValue>(item, path, path.size());
}

AttributeValue* findPath(Item& item, const DocumentPath& path) {
  return walk<Item, AttributeValue>(item, path, path.size());
}

AttributeValue* findParent(Item& item, const DocumentPath& path) {
  if (path.size() < 2) return nullptr;
  AttributeValue* parent = walk<Item, AttributeValue>(item, path, path.size() - 1);
  if (!parent) return nullptr;
  const bool wantList = path.back().isIndex();
  if (wantList ? parent->type != AttrType::L : parent->type != AttrType::M) return nullptr;
  return parent;
}

}  // namespace pd::expr
