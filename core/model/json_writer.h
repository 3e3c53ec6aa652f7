// A small streaming JSON writer for response bodies: faster than building a DOM, and it puts
// commas where they belong so callers only say what to write.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pd {

class JsonWriter {
 public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& integer(std::int64_t value);
  JsonWriter& real(double value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // Appends already-serialised JSON as one value.
  JsonWriter& raw(std::string_view json);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();

  std::string out_;
  bool needComma_ = false;
};

// Appends `value` to `out` as a JSON string literal (quoted, escaped).
void appendJsonString(std::string& out, std::string_view value);

}  // namespace pd
