// Reading JSON text with a bound on its nesting, enforced while reading: a document nested
// deeper stops the reader at the first container past the bound, so no deeper tree is ever built
// and nothing that walks the tree afterwards (type checks, dump, copies) recurses further.
#pragma once

#include <string_view>

#include "api/wire/wire_types.h"

namespace pd {

enum class JsonRead { Ok, Malformed, TooDeep };

// Parses `text` into `out` (which holds a partial tree when the result is not Ok). Objects and
// arrays count one level each; `maxDepth` levels are allowed.
JsonRead readBoundedJson(std::string_view text, int maxDepth, Json& out);

}  // namespace pd
