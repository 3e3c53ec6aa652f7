#include "api/wire/request_fields.h"

#include "api/wire/bounded_json.h"
#include "api/wire/wire_values.h"
#include "model/errors.h"
#include "model/limits.h"

namespace pd {

const Json* Fields::field(const char* name) const {
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

const std::string* Fields::string(const char* name) const {
  const Json* value = field(name);
  return value ? &expectString(*value) : nullptr;
}

std::optional<std::int64_t> Fields::integer(const char* name, const char* javaType) const {
  const Json* value = field(name);
  if (!value) return std::nullopt;
  return expectInteger(*value, javaType);
}

std::optional<bool> Fields::boolean(const char* name) const {
  const Json* value = field(name);
  if (!value) return std::nullopt;
  return expectBoolean(*value);
}

const Json* Fields::structure(const char* name, const char* className) const {
  const Json* value = field(name);
  if (value) expectStructure(*value, className);
  return value;
}

const Json* Fields::list(const char* name, const char* elementClassName) const {
  const Json* value = field(name);
  if (value) expectList(*value, elementClassName);
  return value;
}

const Json* Fields::attributeMap(const char* name) const {
  const Json* value = field(name);
  if (value) checkAttributeMapTypes(*value);
  return value;
}

void Constraints::fail(const std::string& valueText, const std::string& path,
                       const std::string& rule) {
  failures_.push_back("Value " + valueText + " at '" + path +
                      "' failed to satisfy constraint: " + rule);
}

void Constraints::required(bool present, const std::string& path) {
  if (!present) fail("null", path, "Member must not be null");
}

void Constraints::length(const std::string& value, std::size_t min, std::size_t max,
                         const std::string& path) {
  if (value.size() < min) {
    fail("'" + value + "'", path,
         "Member must have length greater than or equal to " + std::to_string(min));
  } else if (value.size() > max) {
    fail("'" + value + "'", path,
         "Member must have length less than or equal to " + std::to_string(max));
  }
}

namespace {
bool matchesTableNamePattern(const std::string& name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

bool isValidTableName(const std::string& name) {
  return matchesTableNamePattern(name) && name.size() >= limits::kMinTableNameLength &&
         name.size() <= limits::kMaxTableNameLength;
}

void Constraints::tableName(const std::string* name, const std::string& path) {
  if (!name) return required(false, path);
  // The item operations take a name or an ARN: at least one character, and an empty name
  // fails only that (DynamoDB's answer today).
  if (name->empty()) return length(*name, 1, limits::kMaxTableNameLength, path);
  tableNamePattern(*name, path);
  length(*name, 1, limits::kMaxTableNameLength, path);
}

void Constraints::resourceName(const std::string* name, const std::string& path) {
  if (!name) return required(false, path);
  tableNamePattern(*name, path);
  length(*name, limits::kMinTableNameLength, limits::kMaxTableNameLength, path);
}

void Constraints::absentValue(const std::string& path, const std::string& rule) {
  failures_.push_back("Value at '" + path + "' failed to satisfy constraint: " + rule);
}

void Constraints::tableNamePattern(const std::string& name, const std::string& path) {
  if (!matchesTableNamePattern(name)) {
    fail("'" + name + "'", path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
}

void checkControlPlaneTableName(const std::string* name) {
  if (!name) {
    throw validationError(
        "The parameter 'TableName' is required but was not present in the request");
  }
  if (name->size() < limits::kMinTableNameLength || name->size() > limits::kMaxTableNameLength) {
    throw validationError(
        "TableName must be at least 3 characters long and at most 255 characters long");
  }
}

void checkCreateTableName(const std::string* name) {
  if (!name) {
    throw validationError(
        "The parameter 'TableName' is required but was not present in the request");
  }
  if (name->size() >= limits::kMinTableNameLength && name->size() <= limits::kMaxTableNameLength) {
    return;
  }
  // A mis-sized name is reported alone, before every other constraint; an empty one only
  // fails its length.
  Constraints constraints;
  if (!name->empty()) constraints.tableNamePattern(*name, "tableName");
  constraints.length(*name, limits::kMinTableNameLength, limits::kMaxTableNameLength, "tableName");
  constraints.check();
}

void Constraints::minimum(std::int64_t value, std::int64_t min, const std::string& path) {
  if (value < min) {
    fail("'" + std::to_string(value) + "'", path,
         "Member must have value greater than or equal to " + std::to_string(min));
  }
}

void Constraints::maximum(std::int64_t value, std::int64_t max, const std::string& path) {
  if (value > max) {
    fail("'" + std::to_string(value) + "'", path,
         "Member must have value less than or equal to " + std::to_string(max));
  }
}

void Constraints::oneOf(const std::string* value, const std::vector<std::string>& allowed,
                        const std::string& path) {
  if (!value) return;
  for (const auto& option : allowed) {
    if (*value == option) return;
  }
  std::string set;
  for (const auto& option : allowed) set += (set.empty() ? "" : ", ") + option;
  fail("'" + *value + "'", path, "Member must satisfy enum value set: [" + set + "]");
}

void Constraints::check() const {
  if (failures_.empty()) return;
  // DynamoDB lists at most ten failures.
  const std::size_t listed = std::min<std::size_t>(failures_.size(), 10);
  std::string message = std::to_string(listed) +
                        (listed == 1 ? " validation error" : " validation errors") + " detected: ";
  for (std::size_t i = 0; i < listed; ++i) {
    if (i) message += "; ";
    message += failures_[i];
  }
  throw validationError(message);
}

Json parseRequestBody(std::string_view text) {
  Json body;
  const JsonRead read = readBoundedJson(text, limits::kMaxRequestJsonDepth, body);
  if (read == JsonRead::TooDeep) throw nestingTooDeep(Envelope::Bare);
  // DynamoDB answers malformed JSON with a bare SerializationException; we add what we know.
  if (read == JsonRead::Malformed) throw serializationError("Malformed JSON request body");
  if (!body.is_object()) throw serializationError("Unexpected value type in payload");
  return body;
}

}  // namespace pd
