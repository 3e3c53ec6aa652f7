#include "case_runner.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "api/engine.h"
#include "api/partiql/statements.h"

namespace pd::testing {
namespace {

using nlohmann::json;

bool isSetType(const std::string& path) {
  const auto tail = path.substr(path.find_last_of('.') + 1);
  return tail == "SS" || tail == "NS" || tail == "BS";
}

std::string compareAsSet(const json& expected, const json& actual, const std::string& path) {
  auto sortedExpected = expected.get<std::vector<json>>();
  auto sortedActual = actual.get<std::vector<json>>();
  std::sort(sortedExpected.begin(), sortedExpected.end());
  std::sort(sortedActual.begin(), sortedActual.end());
  if (sortedExpected != sortedActual) {
    return path + ": expected set " + expected.dump() + ", got " + actual.dump();
  }
  return "";
}

// ["$UNORDERED", a, b, ...]: the actual array holds a, b, ... in any order (DynamoDB does not
// order BatchGetItem's Responses or ConsumedCapacity lists).
std::string compareUnordered(const json& expected, const json& actual, const std::string& path) {
  if (expected.size() - 1 != actual.size()) {
    return path + ": expected " + std::to_string(expected.size() - 1) + " elements, got " +
           actual.dump();
  }
  std::vector<bool> used(actual.size(), false);
  for (std::size_t i = 1; i < expected.size(); ++i) {
    bool found = false;
    for (std::size_t j = 0; j < actual.size() && !found; ++j) {
      if (!used[j] && compareJson(expected[i], actual[j], path).empty()) used[j] = found = true;
    }
    if (!found) return path + ": no element matches " + expected[i].dump() + " in " + actual.dump();
  }
  return "";
}

}  // namespace

std::string compareJson(const json& expected, const json& actual, const std::string& path) {
  if (expected.is_string()) {
    const auto& text = expected.get_ref<const std::string&>();
    if (text == "$ANY") return "";
    if (text == "$NUMBER")
      return actual.is_number() ? "" : path + ": expected a number, got " + actual.dump();
    if (text == "$STRING")
      return actual.is_string() ? "" : path + ": expected a string, got " + actual.dump();
  }
  if (expected.is_number() && actual.is_number()) {
    return expected.get<double>() == actual.get<double>()
               ? ""
               : path + ": expected " + expected.dump() + ", got " + actual.dump();
  }
  if (expected.type() != actual.type()) {
    return path + ": expected " + expected.dump() + ", got " + actual.dump();
  }
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) return path + ": missing key \"" + key + "\"";
      auto difference = compareJson(value, actual.at(key), path + "." + key);
      if (!difference.empty()) return difference;
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key))
        return path + ": unexpected key \"" + key + "\": " + value.dump();
    }
    return "";
  }
  if (expected.is_array()) {
    if (isSetType(path)) return compareAsSet(expected, actual, path);
    if (!expected.empty() && expected[0] == "$UNORDERED") {
      return compareUnordered(expected, actual, path);
    }
    if (expected.size() != actual.size()) {
      return path + ": expected " + std::to_string(expected.size()) + " elements, got " +
             actual.dump();
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      auto difference = compareJson(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
      if (!difference.empty()) return difference;
    }
    return "";
  }
  return expected == actual ? ""
                            : path + ": expected " + expected.dump() + ", got " + actual.dump();
}

namespace {

// "${name}" strings in a step stand for a value an earlier step saved (see README.md).
json substitute(const json& value, const std::map<std::string, json>& saved) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > 3 && text.rfind("${", 0) == 0 && text.back() == '}') {
      const auto it = saved.find(text.substr(2, text.size() - 3));
      if (it != saved.end()) return it->second;
    }
    return value;
  }
  json copy = value;
  if (value.is_object()) {
    for (auto& [key, member] : copy.items()) member = substitute(member, saved);
  } else if (value.is_array()) {
    for (auto& element : copy) element = substitute(element, saved);
  }
  return copy;
}

// A dotted path into a response ("Shards.0.ShardId"); null when absent.
json valueAt(const json& root, const std::string& path) {
  const json* current = &root;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (current->is_array() && !part.empty() && std::isdigit(static_cast<unsigned char>(part[0]))) {
      const auto index = std::stoul(part);
      if (index >= current->size()) return nullptr;
      current = &(*current)[index];
    } else if (current->is_object() && current->contains(part)) {
      current = &current->at(part);
    } else {
      return nullptr;
    }
  }
  return *current;
}

}  // namespace

std::string runCaseFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  const json scenario = json::parse(text.str());
  pd::Engine engine;
  const auto& steps = scenario.at("steps");
  std::map<std::string, json> saved;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const json step = substitute(steps[i], saved);
    const std::string where =
        "step " + std::to_string(i + 1) + " (" + step.at("op").get<std::string>() + ")";
    const std::string body =
        step.contains("body") ? step.at("body").get<std::string>() : step.at("request").dump();
    // PartiQL runs in front of the engine, as in the package (its module runs its requests).
    const std::string op = step.at("op").get<std::string>();
    const auto response =
        pd::partiql::answers(op)
            ? pd::partiql::execute(op, body,
                                   [&engine](std::string_view operation, std::string_view request) {
                                     return engine.execute(operation, request);
                                   })
            : engine.execute(op, body);
    const json actual = json::parse(response.body);
    if (step.contains("error")) {
      if (response.ok) return where + ": expected an error, got " + response.body;
      const auto& expected = step.at("error");
      const auto type = actual.at("__type").get<std::string>();
      const auto name = type.substr(type.find('#') + 1);
      if (name != expected.at("type").get<std::string>())
        return where + ": expected " + expected.dump() + ", got " + response.body;
      if (expected.contains("message")) {
        const auto key = actual.contains("message") ? "message" : "Message";
        const auto message = actual.value(key, std::string());
        if (message != expected.at("message").get<std::string>()) {
          return where + ": expected message \"" + expected.at("message").get<std::string>() +
                 "\", got \"" + message + "\"";
        }
      }
      if (expected.contains("members")) {
        for (const auto& [key, value] : expected.at("members").items()) {
          if (!actual.contains(key)) return where + ": error body has no \"" + key + "\"";
          auto difference = compareJson(value, actual.at(key), "$." + key);
          if (!difference.empty()) return where + ": " + difference;
        }
      }
      continue;
    }
    if (!response.ok) return where + ": unexpected error " + response.body;
    if (step.contains("response")) {
      auto difference = compareJson(step.at("response"), actual);
      if (!difference.empty()) return where + ": " + difference;
    }
    if (step.contains("save")) {
      for (const auto& [name, at] : step.at("save").items()) {
        saved[name] = valueAt(actual, at.get<std::string>());
        if (saved[name].is_null()) return where + ": nothing to save at " + at.dump();
      }
    }
  }
  return "";
}

}  // namespace pd::testing
