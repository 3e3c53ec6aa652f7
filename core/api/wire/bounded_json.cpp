#include "api/wire/bounded_json.h"

namespace pd {
namespace {

// nlohmann's own tree builder, with a depth count in front of it. Returning false from a SAX
// event stops the parser at once.
class BoundedBuilder {
 public:
  BoundedBuilder(Json& root, int maxDepth)
      : builder_(root, /*allow_exceptions=*/false), maxDepth_(maxDepth) {}

  bool null() { return builder_.null(); }
  bool boolean(bool value) { return builder_.boolean(value); }
  bool number_integer(Json::number_integer_t value) { return builder_.number_integer(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return builder_.number_unsigned(value); }
  bool number_float(Json::number_float_t value, const Json::string_t& text) {
    return builder_.number_float(value, text);
  }
  bool string(Json::string_t& value) { return builder_.string(value); }
  bool binary(Json::binary_t& value) { return builder_.binary(value); }
  bool key(Json::string_t& name) { return builder_.key(name); }

  bool start_object(std::size_t size) { return enter() && builder_.start_object(size); }
  bool start_array(std::size_t size) { return enter() && builder_.start_array(size); }
  bool end_object() {
    --depth_;
    return builder_.end_object();
  }
  bool end_array() {
    --depth_;
    return builder_.end_array();
  }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
    return builder_.parse_error(position, token, error);
  }

  bool tooDeep() const { return tooDeep_; }

 private:
  bool enter() {
    if (++depth_ <= maxDepth_) return true;
    tooDeep_ = true;
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<Json> builder_;
  int maxDepth_;
  int depth_ = 0;
  bool tooDeep_ = false;
};

}  // namespace

JsonRead readBoundedJson(std::string_view text, int maxDepth, Json& out) {
  BoundedBuilder builder(out, maxDepth);
  const bool ok = Json::sax_parse(text.data(), text.data() + text.size(), &builder);
  if (ok) return JsonRead::Ok;
  return builder.tooDeep() ? JsonRead::TooDeep : JsonRead::Malformed;
}

}  // namespace pd
