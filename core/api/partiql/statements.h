// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction, in front of an engine: each
// statement is parsed (parser.h), planned (plan.h) into the GetItem, Query, Scan, PutItem,
// UpdateItem, DeleteItem or transaction request that carries it out, run through `run` (the
// engine's execute), and its answer reshaped into the PartiQL operation's. Kept out of the
// engine so that the browser package can load it on first use (a wasm module of its own,
// wasm/partiql_binding.cpp); natively `run` is the engine in the same process.
#pragma once

#include <functional>
#include <string_view>

#include "api/response.h"

namespace pd::partiql {

// One request of the engine: operation and body text in, its response out.
using RunRequest = std::function<Response(std::string_view operation, std::string_view body)>;

// Whether `operation` is one of the three answered here.
bool answers(std::string_view operation);

// Answers one PartiQL request as the engine answers any (never throws). `wrote` is true when a
// request it ran wrote (a SELECT never does).
Response execute(std::string_view operation, std::string_view body, const RunRequest& run);

}  // namespace pd::partiql
