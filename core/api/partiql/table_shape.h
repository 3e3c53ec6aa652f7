// What planning a statement needs to know about a table: its key attributes and its indexes',
// and what each global index projects. Read from the engine's PocketDynamo_DescribeKeys answer
// (DescribeTable's shape), since the statements reach the engine only through its requests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/wire/wire_types.h"

namespace pd::partiql {

struct KeyNames {
  std::string hash;
  std::optional<std::string> range;
  // A GSI's multi-attribute key: its attributes after the first HASH and the first RANGE one.
  std::vector<std::string> more;
};

struct IndexShape {
  std::string name;
  KeyNames keys;
  bool global = false;
  std::string projection;  // ALL, KEYS_ONLY or INCLUDE
  std::vector<std::string> nonKeyAttributes;
};

struct TableShape {
  KeyNames keys;
  std::vector<IndexShape> indexes;

  const IndexShape* findIndex(const std::string& name) const;
};

// `description` is PocketDynamo_DescribeKeys's (or DescribeTable's) response body, parsed.
TableShape tableShapeOf(const Json& description);

}  // namespace pd::partiql
