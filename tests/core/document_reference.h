// An independent statement of the document form (core/api/wire/document_form.h) for tests: a
// wire answer's values converted as the JS package's unmarshall converts them, with the marks
// the form uses for what JSON cannot say. Used by tests/core/fast_get_test.cpp and the engine
// fuzzer (tests/fuzz/fuzz_engine.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pd::testing {

using json = nlohmann::json;

// The document form of one wire value, as the package's unmarshall makes it, written
// independently of api/wire/document_form.cpp.
inline json documentValue(const json& wire) {
  // (wire.begin(), not items(): a structured binding into the temporary items() proxy dangles)
  const auto first = wire.begin();
  const std::string type = first.key();
  const json& value = first.value();
  const std::string mark = "\x01";
  if (type == "S") {
    const auto text = value.get<std::string>();
    return text.rfind(mark, 0) == 0 ? json(mark + "S" + text) : json(text);
  }
  if (type == "N") {
    const auto text = value.get<std::string>();
    const auto dot = text.find('.');
    const std::size_t integerDigits =
        (dot == std::string::npos ? text.size() : dot) - (text[0] == '-' ? 1 : 0);
    return integerDigits <= 15 ? json::parse(text) : json(mark + "N" + text);
  }
  if (type == "B") return mark + "B" + value.get<std::string>();
  if (type == "BOOL") return value;
  if (type == "NULL") return nullptr;
  if (type == "M") {
    json out = json::object();
    for (const auto& [name, member] : value.items()) out[name] = documentValue(member);
    return out;
  }
  json out = json::array();
  if (type != "L") out.push_back(mark + type);
  for (const auto& element : value) out.push_back(type == "L" ? documentValue(element) : element);
  return out;
}

inline json documentItem(const json& item) {
  return documentValue(json{{"M", item}});
}

// The wire answer of a read with its items converted (Item, Items, LastEvaluatedKey).
inline json documentAnswer(json wire) {
  if (wire.contains("Item")) wire["Item"] = documentItem(wire["Item"]);
  if (wire.contains("LastEvaluatedKey")) {
    wire["LastEvaluatedKey"] = documentItem(wire["LastEvaluatedKey"]);
  }
  if (wire.contains("Items")) {
    for (auto& item : wire["Items"]) item = documentItem(item);
  }
  return wire;
}

inline bool hasMarked(const json& value) {
  if (value.is_string()) return value.get<std::string>().rfind("\x01", 0) == 0;
  if (value.is_structured()) {
    for (const auto& child : value) {
      if (hasMarked(child)) return true;
    }
  }
  return false;
}

}  // namespace pd::testing
