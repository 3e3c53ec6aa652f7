// Tags of a table: reading and checking a Tags list (TagResource and CreateTable) and applying it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "api/wire/request_fields.h"
#include "store/table.h"

namespace pd {

using TagList = std::vector<std::pair<const std::string*, const std::string*>>;

// The JSON types of a Tags list (absent: empty; `present`, when given, says whether it was there).
TagList readTags(const Fields& request, bool* present = nullptr);
// Length and pattern constraints of each key and value, as "tags.N.member.key" failures.
void checkTagConstraints(const TagList& tags, Constraints& constraints);
// Sets each tag (a key already there gets the new value), refusing the reserved "aws:" prefix
// and more than 50 tags on the table; nothing changes when it refuses.
void applyTags(TableSchema& schema, const TagList& tags);

}  // namespace pd
