// The Embind binding: exposes the engine's one entry point to JavaScript, nothing more.
// An error response is recognisable by its "__type" member, which success bodies never have,
// so one string crosses the boundary per call.
#include <emscripten/bind.h>

#include <string>

#include "api/engine.h"

namespace {

class WasmEngine {
 public:
  std::string execute(const std::string& operation, const std::string& requestJson) {
    return engine_.execute(operation, requestJson).body;
  }

 private:
  pd::Engine engine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(pocketdynamo) {
  emscripten::class_<WasmEngine>("Engine")
      .constructor<>()
      .function("execute", &WasmEngine::execute);
}
