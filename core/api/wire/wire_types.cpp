#include "api/wire/wire_types.h"

#include <algorithm>
#include <cctype>

#include "model/base64.h"
#include "model/errors.h"

namespace pd {
namespace {

const char* kModel = "com.amazonaws.dynamodb.v20120810.";

[[noreturn]] void fail(std::string message) {
  throw serializationError(std::move(message));
}

// A JSON scalar of the wrong kind for a field of Java type `javaType`.
[[noreturn]] void scalarMismatch(const Json& value, const std::string& javaType) {
  if (value.is_array()) fail("Unrecognized collection type class java.lang." + javaType);
  if (value.is_object()) fail("Start of structure or map found where not expected");
  const char* token = value.is_boolean()        ? (value.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE")
                      : value.is_number_float() ? "DECIMAL_VALUE"
                      : value.is_number()       ? "NUMBER_VALUE"
                                                : "STRING_VALUE";
  fail(std::string(token) + " cannot be converted to " + javaType);
}

}  // namespace

const std::string& expectString(const Json& value) {
  if (!value.is_string()) scalarMismatch(value, "String");
  return value.get_ref<const std::string&>();
}

std::int64_t expectLong(const Json& value) {
  return expectInteger(value, "Long");
}

std::int64_t expectInteger(const Json& value, const char* javaType) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    // DynamoDB floors a fractional number given for an integer field.
    const double d = value.get<double>();
    if (d > -9.2e18 && d < 9.2e18) return static_cast<std::int64_t>(d);
  }
  scalarMismatch(value, javaType);
}

bool expectBoolean(const Json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string()) {
    // Its parser also takes these words for a boolean.
    std::string word = value.get<std::string>();
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (word == "true" || word == "1" || word == "yes") return true;
    if (word == "false" || word == "0" || word == "no") return false;
    fail("Unexpected token received from parser");
  }
  scalarMismatch(value, "Boolean");
}

std::string expectBlob(const Json& value) {
  if (value.is_array()) fail("Unrecognized collection type class java.nio.ByteBuffer");
  if (!value.is_string()) fail("only base-64-encoded strings are convertible to bytes");
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() % 4 != 0) {
    fail("Base64 encoded length is expected a multiple of 4 bytes but found: " +
         std::to_string(text.size()));
  }
  auto bytes = base64Decode(text);
  if (!bytes) fail("Invalid last non-pad Base64 character dectected");  // sic, DynamoDB's text
  return std::move(*bytes);
}

void expectStructure(const Json& value, const char* className) {
  if (value.is_array())
    fail(std::string("Unrecognized collection type class ") + kModel + className);
  if (!value.is_object()) fail("Unexpected field type");
}

void expectListElementStructure(const Json& value, const char* className) {
  if (value.is_array())
    fail(std::string("Unrecognized collection type class ") + kModel + className);
  if (!value.is_object()) fail("Unexpected value type in payload");
}

void expectList(const Json& value, const char* elementClassName) {
  (void)elementClassName;
  if (value.is_object()) fail("Start of structure or map found where not expected");
  if (!value.is_array()) fail("Unexpected field type");
}

void expectMap(const Json& value, const std::string& valueType) {
  if (value.is_array()) {
    fail("Unrecognized collection type java.util.Map<java.lang.String, " + valueType + ">");
  }
  if (!value.is_object()) fail("Unexpected field type");
}

void expectAttributeMap(const Json& value) {
  if (value.is_array()) {
    fail(std::string("Unrecognized collection type java.util.Map<java.lang.String, ") + kModel +
         "AttributeValue>");
  }
  if (!value.is_object()) fail("Unexpected field type");
}

}  // namespace pd
