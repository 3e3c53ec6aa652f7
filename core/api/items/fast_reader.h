// What the fast paths (fast_put.h, fast_get.h) read their bodies with: the subset of JSON they
// take (no escapes, no bytes outside printable ASCII in strings, which the general path
// validates; no numbers outside strings), straight into items without building a JSON tree.
// Anything outside that subset throws NotFast, which hands the request to the general path.
#pragma once

#include <string_view>

#include "model/attribute_value.h"

namespace pd {

// Thrown inside a fast path to hand the request over to the general path.
struct NotFast {};

class FastReader {
 public:
  explicit FastReader(std::string_view text) : text_(text) {}

  void skipSpace();
  bool consume(char c);
  void expect(char c);
  std::string_view string();
  bool literal(std::string_view word);
  bool atEnd();

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// {"name": value, ...} into `map` (S, N, BOOL, NULL, M and L values only); duplicate or empty
// names throw NotFast. `depth` is the nesting level of the map's values.
void readFastMap(FastReader& in, AttributeMap& map, int depth);

}  // namespace pd
