// What the engine answers for one request (api/engine.h), and what the PartiQL statements
// (api/partiql/statements.h) answer and receive from the engine that runs their requests.
#pragma once

#include <string>

namespace pd {

struct Response {
  bool ok = true;
  std::string body;    // the response body, or the error body when !ok
  bool wrote = false;  // a write operation succeeded: with storage, it is durable after a flush
};

}  // namespace pd
