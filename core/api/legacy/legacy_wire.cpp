#include "api/legacy/legacy_wire.h"

#include <cctype>

#include "model/errors.h"

namespace pd {

const Json* readStructureMap(const Fields& request, const char* name, const char* className) {
  const Json* map = nullptr;
  try {
    map = request.structure(name, className);
  } catch (const DynamoError& error) {
    // A list where the map belongs is named as the map type, as for Item.
    if (error.message.rfind("Unrecognized collection type", 0) != 0) throw;
    throw serializationError(
        std::string("Unrecognized collection type java.util.Map<java.lang.String, "
                    "com.amazonaws.dynamodb.v20120810.") +
        className + ">");
  }
  if (!map) return nullptr;
  for (const auto& entry : *map) {
    if (!entry.is_null()) expectListElementStructure(entry, className);
  }
  return map;
}

std::string lowerFirst(const std::string& name) {
  std::string out = name;
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace pd
