#include "expr/projection_parser.h"

#include "expr/cursor.h"

namespace pd::expr {

std::vector<DocumentPath> parseProjection(std::string_view source) {
  Cursor cursor(Kind::Projection, source);
  std::vector<DocumentPath> paths;
  paths.push_back(cursor.parsePath({}));
  while (cursor.atPunct(",")) {
    cursor.advance();
    paths.push_back(cursor.parsePath({}));
  }
  if (!cursor.atEnd()) cursor.fail();
  return paths;
}

}  // namespace pd::expr
