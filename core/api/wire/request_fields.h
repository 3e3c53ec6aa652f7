// Reading a request body the way DynamoDB does: first the JSON types of the fields
// (SerializationException, thrown at once), then the constraints on their values, all reported
// together ("2 validation errors detected: ...; ..."), and only then the rules of the operation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/wire/wire_types.h"

namespace pd {

// Typed access to one JSON object of the request. A field that is absent or JSON null reads as
// absent; a field of the wrong JSON type throws SerializationException.
class Fields {
 public:
  explicit Fields(const Json& object) : object_(object) {}

  const std::string* string(const char* name) const;
  // An integer field; `javaType` ("Long" or "Integer") names it in type errors.
  std::optional<std::int64_t> integer(const char* name, const char* javaType = "Long") const;
  std::optional<bool> boolean(const char* name) const;
  const Json* structure(const char* name, const char* className) const;
  const Json* list(const char* name, const char* elementClassName) const;
  // A map of attribute values (Item, Key), its values' JSON types checked too.
  const Json* attributeMap(const char* name) const;
  bool has(const char* name) const { return field(name) != nullptr; }
  // Any field, unchecked (null when absent or JSON null), for callers that check it themselves.
  const Json* get(const char* name) const { return field(name); }

 private:
  const Json* field(const char* name) const;
  const Json& object_;
};

// Collects the "Value ... at '...' failed to satisfy constraint: ..." messages of a request.
class Constraints {
 public:
  void required(bool present, const std::string& path);  // Member must not be null
  // Pattern and length (1 to 255) of a table name, as the item operations report them.
  void tableName(const std::string* name, const std::string& path);
  // Pattern and length (3 to 255) of an index name or a table name outside the item operations.
  void resourceName(const std::string* name, const std::string& path);
  // The pattern rule alone: the table operations' TableName once its length was checked.
  void tableNamePattern(const std::string& name, const std::string& path);
  void length(const std::string& value, std::size_t min, std::size_t max, const std::string& path);
  void minimum(std::int64_t value, std::int64_t min, const std::string& path);
  void maximum(std::int64_t value, std::int64_t max, const std::string& path);
  void oneOf(const std::string* value, const std::vector<std::string>& allowed,
             const std::string& path);  // Member must satisfy enum value set: [A, B]
  void fail(const std::string& valueText, const std::string& path, const std::string& rule);
  // "Value at '<path>' failed ...": the newer form that names the member without its value.
  void absentValue(const std::string& path, const std::string& rule);

  // Throws the ValidationException listing the failures, if any.
  void check() const;

 private:
  std::vector<std::string> failures_;
};

// The table operations (CreateTable, DescribeTable, UpdateTable, DeleteTable) check a missing
// or mis-sized TableName before any other constraint, with messages of their own.
void checkControlPlaneTableName(const std::string* name);
// CreateTable's TableName: missing as above; a mis-sized name fails alone, in the constraint form.
void checkCreateTableName(const std::string* name);

// True for a name of 3 to 255 characters from [a-zA-Z0-9_.-] (the batch operations check the
// table names that key their RequestItems with it).
bool isValidTableName(const std::string& name);

// Parses a request body; malformed JSON (invalid UTF-8 included) or a non-object body throws
// SerializationException, and a body nested deeper than limits::kMaxRequestJsonDepth the bare
// nesting ValidationException, found while reading, before any deeper tree is built.
Json parseRequestBody(std::string_view text);

}  // namespace pd
