// PartiQL text to a Statement (ast.h), by recursive descent over the tokens of lexer.h.
#pragma once

#include <string_view>

#include "api/partiql/ast.h"

namespace pd::partiql {

// Throws ValidationException ("Statement wasn't well formed, can't be processed: ...") for
// text that is not a statement of DynamoDB's PartiQL.
Statement parseStatement(std::string_view text);

}  // namespace pd::partiql
