#include "model/json_writer.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace pd {

namespace {

// True for the bytes a JSON string cannot hold as they are.
bool needsEscape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

// Whether any byte of `word` is zero (exact, as a whole: the bit trick only errs in which byte).
bool hasZeroByte(std::uint64_t word) {
  return ((word - kOnes) & ~word & kHighBits) != 0;
}

// Whether any of the eight bytes of `word` needs escaping: below 0x20, '"' or '\\'. (Bytes of
// 0x80 and up, UTF-8, never do: their high bit keeps them out of the "below" test.)
bool wordNeedsEscape(std::uint64_t word) {
  const bool below = ((word - kOnes * 0x20) & ~word & kHighBits) != 0;
  return below || hasZeroByte(word ^ (kOnes * '"')) || hasZeroByte(word ^ (kOnes * '\\'));
}

// The index of the first byte at or after `from` that needs escaping (value.size() if none),
// eight bytes at a time: response bodies are mostly long runs of plain text.
std::size_t firstEscape(std::string_view value, std::size_t from) {
  std::size_t i = from;
  for (; i + 8 <= value.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, value.data() + i, 8);
    if (wordNeedsEscape(word)) break;
  }
  for (; i < value.size(); ++i) {
    if (needsEscape(static_cast<unsigned char>(value[i]))) return i;
  }
  return value.size();
}

void appendEscaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
  }
}

// Appends [,]"value"[trail] in one append when `value` is short and needs no escaping, as most
// attribute names and values are (std::string's appends are calls here, not inlined); false,
// having appended nothing, otherwise.
bool appendPlainQuoted(std::string& out, bool comma, std::string_view value, char trail) {
  constexpr std::size_t kMaxPlain = 64;
  if (value.size() > kMaxPlain || firstEscape(value, 0) != value.size()) return false;
  char buffer[kMaxPlain + 4];
  std::size_t n = 0;
  if (comma) buffer[n++] = ',';
  buffer[n++] = '"';
  std::memcpy(buffer + n, value.data(), value.size());
  n += value.size();
  buffer[n++] = '"';
  if (trail != '\0') buffer[n++] = trail;
  out.append(buffer, n);
  return true;
}

}  // namespace

void appendJsonString(std::string& out, std::string_view value) {
  out += '"';
  std::size_t runStart = 0;
  for (;;) {
    const std::size_t i = firstEscape(value, runStart);
    out.append(value.data() + runStart, i - runStart);  // UTF-8 passes through unchanged
    if (i == value.size()) break;
    appendEscaped(out, static_cast<unsigned char>(value[i]));
    runStart = i + 1;
  }
  out += '"';
}

void JsonWriter::separate() {
  if (needComma_) out_ += ',';
  needComma_ = true;
}

JsonWriter& JsonWriter::beginObject() {
  separate();
  out_ += '{';
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  out_ += '}';
  needComma_ = true;
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  separate();
  out_ += '[';
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  out_ += ']';
  needComma_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (!appendPlainQuoted(out_, needComma_, name, ':')) {
    separate();
    appendJsonString(out_, name);
    out_ += ':';
  }
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  if (!appendPlainQuoted(out_, needComma_, value, '\0')) {
    separate();
    appendJsonString(out_, value);
  }
  needComma_ = true;
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  separate();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::real(double value) {
  separate();
  if (!std::isfinite(value)) value = 0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  out_ += buffer;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

}  // namespace pd
