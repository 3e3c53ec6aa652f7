// Base64 (RFC 4648, standard alphabet, padded), the wire form of B and BS values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pd {

std::string base64Encode(std::string_view bytes);

// nullopt when the text is not canonical padded base64.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace pd
