// Document paths ("a.b[2].#c"): the address of a value inside an item, and how to find it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/attribute_value.h"

namespace pd::expr {

struct PathElement {
  enum class Type : std::uint8_t { Name, Index };
  Type type = Type::Name;
  std::string name;         // the attribute or map key (after #placeholder resolution)
  std::string placeholder;  // "#x" when written as a placeholder, "" for a plain name
  std::uint32_t index = 0;  // Type::Index; saturates at UINT32_MAX for absurd indexes

  bool isIndex() const { return type == Type::Index; }
  bool operator==(const PathElement& other) const {
    return type == other.type && (isIndex() ? index == other.index : name == other.name);
  }
  bool operator!=(const PathElement& other) const { return !(*this == other); }
};

using DocumentPath = std::vector<PathElement>;

// DynamoDB's rendering in path messages: "[a, [1], b]".
std::string pathToString(const DocumentPath& path);

// Ordering used to apply update actions list-index by list-index: element by element, names
// by bytes, indexes numerically, a prefix first.
bool pathLess(const DocumentPath& a, const DocumentPath& b);

// The value at `path`, or nullptr when any step is missing or of the wrong type
// (a name step needs an M, an index step an L).
const AttributeValue* findPath(const Item& item, const DocumentPath& path);
AttributeValue* findPath(Item& item, const DocumentPath& path);

// The value holding the last step of `path` (an M or an L) when every step before the last
// exists with the right type; nullptr otherwise. Only for paths of two or more elements.
AttributeValue* findParent(Item& item, const DocumentPath& path);

}  // namespace pd::expr
