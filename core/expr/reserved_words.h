// DynamoDB's reserved words (developer guide, "Reserved words in DynamoDB").
#pragma once

#include <cstddef>
#include <string_view>

namespace pd::expr {

// True when `name` is a reserved word, compared case-insensitively ("abOrt" is reserved).
bool isReservedWord(std::string_view name);

// How many words the list holds (573), so a test can pin the list's completeness.
std::size_t reservedWordCount();

}  // namespace pd::expr
