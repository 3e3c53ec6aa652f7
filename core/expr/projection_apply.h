// Applying document paths to an item the way DynamoDB projects: each path that exists is
// copied with the maps and lists around it; list elements picked from one list keep their
// index order and close up ("l[3], l[1]" on [a,b,c,d] gives [b,d]); a map or list holding
// none of the picked parts is left out.
#pragma once

#include <vector>

#include "expr/document_path.h"
#include "model/attribute_value.h"

namespace pd::expr {

Item projectItem(const std::vector<DocumentPath>& paths, const Item& item);

}  // namespace pd::expr
