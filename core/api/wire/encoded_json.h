// Writes a stored item (item_codec.h encoding) straight as DynamoDB JSON, without building the
// in-memory tree first: the common read path (GetItem, Query and Scan without projection).
#pragma once

#include <string_view>

#include "model/json_writer.h"

namespace pd {

// Writes the document form instead while a DocumentForm is active (document_form.h).
void writeEncodedItem(JsonWriter& out, std::string_view encoded);

}  // namespace pd
