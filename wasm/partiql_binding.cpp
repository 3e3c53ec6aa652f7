// The PartiQL module's Embind binding: a module of its own, which the package loads the first
// time a PartiQL operation is called, so that the engine module does not carry PartiQL. One
// function: execute(operation, body, run) answers a PartiQL request as the engine answers any
// ({ok, body, wrote}), where run(operation, body) is the engine's execute, called synchronously
// for each request its statements become.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "api/partiql/statements.h"

namespace {

using emscripten::val;

pd::Response execute(const std::string& operation, const std::string& body, const val& run) {
  return pd::partiql::execute(
      operation, body, [&run](std::string_view name, std::string_view request) {
        const val answer = run(std::string(name), std::string(request));
        return pd::Response{answer["ok"].as<bool>(), answer["body"].as<std::string>(),
                            answer["wrote"].as<bool>()};
      });
}

}  // namespace

EMSCRIPTEN_BINDINGS(pocketdynamo_partiql) {
  emscripten::value_object<pd::Response>("Response")
      .field("ok", &pd::Response::ok)
      .field("body", &pd::Response::body)
      .field("wrote", &pd::Response::wrote);
  emscripten::function("execute", &execute);
}
