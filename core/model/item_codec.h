// The compact binary form in which the store keeps items (and later writes them to disk).
//   item  := varint(count) (varint(nameLen) name value){count}
//   value := tag payload; S/N/B: varint(len) bytes; BOOL: byte; NULL: nothing;
//            M: item; L: varint(count) value*; SS/NS/BS: varint(count) (varint(len) bytes)*
// N is kept as its canonical decimal text.
#pragma once

#include <string>
#include <string_view>

#include "model/attribute_value.h"

namespace pd {

std::string encodeItem(const Item& item);
void appendEncodedItem(std::string& out, const Item& item);

// Throws std::runtime_error on bytes that are not a well-formed encoding.
Item decodeItem(std::string_view bytes);

}  // namespace pd
