// The JSON type of each request field, checked as DynamoDB's deserializer checks it, with the
// SerializationException text it gives (for example "NUMBER_VALUE cannot be converted to String").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace pd {

using Json = nlohmann::json;

const std::string& expectString(const Json& value);
std::int64_t expectLong(const Json& value);
// An integer field of Java type `javaType` ("Long" or "Integer", as named in the error text).
std::int64_t expectInteger(const Json& value, const char* javaType);
bool expectBoolean(const Json& value);
// Base64 text, decoded.
std::string expectBlob(const Json& value);
// A structure such as ProvisionedThroughput (Java class name for the error text).
void expectStructure(const Json& value, const char* className);
// A structure inside a list, such as a KeySchemaElement: a scalar there is reported differently.
void expectListElementStructure(const Json& value, const char* className);
void expectList(const Json& value, const char* elementClassName);
// A map of attribute values such as Item or Key.
void expectAttributeMap(const Json& value);
// A map of other values, such as BatchGetItem's RequestItems (`valueType` is the Java type of
// its values for the error text, e.g. "com.amazonaws.dynamodb.v20120810.KeysAndAttributes").
void expectMap(const Json& value, const std::string& valueType);

}  // namespace pd
