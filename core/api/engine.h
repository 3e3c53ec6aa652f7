// The engine's single entry point: one DynamoDB wire-protocol request in, one response out.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "store/database.h"

namespace pd {

struct Response {
  bool ok = true;
  std::string body;  // the response body, or the error body when !ok
};

class Engine {
 public:
  Engine();

  // `operation` is the part after "DynamoDB_20120810." in X-Amz-Target. Never throws.
  Response execute(std::string_view operation, std::string_view requestJson);

  // Replaces the wall clock (epoch seconds), for deterministic tests.
  void setClock(std::function<double()> now) {
    for (const auto& stream : db_.streams) stream->setClock(now);  // they stamp records too
    db_.now = std::move(now);
  }

 private:
  Database db_;
};

}  // namespace pd
