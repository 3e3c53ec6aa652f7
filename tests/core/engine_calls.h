// A request to the engine from a test that expects it to succeed: its answer, parsed (the
// failure message names the operation and shows the engine's answer).
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/engine.h"

namespace pd::testing {

inline nlohmann::json call(Engine& engine, const char* operation, const nlohmann::json& request) {
  const Response response = engine.execute(operation, request.dump());
  INFO(operation << " " << response.body);
  REQUIRE(response.ok);
  return nlohmann::json::parse(response.body);
}

}  // namespace pd::testing
