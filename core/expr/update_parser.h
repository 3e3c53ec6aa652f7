// Stage 1 for UpdateExpression: text to a list of actions.
// Grammar (keywords in any case, each section at most once, in any order):
//   update  := section+
//   section := SET path '=' value (',' path '=' value)*
//            | REMOVE path (',' path)*
//            | ADD path :value (',' path :value)*
//            | DELETE path :value (',' path :value)*
//   value   := term [('+' | '-') term] | '(' term ('+' | '-') term ')'
//   term    := '(' bare ')' | bare
//   bare    := function '(' term (',' term)* ')' | :value | path
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/expression_kind.h"

namespace pd::expr {

enum class Section { Set, Remove, Add, Delete };

// "SET", "REMOVE", "ADD", "DELETE".
const char* sectionName(Section section);

struct UpdateAction {
  Section section = Section::Set;
  DocumentPath path;  // the target
  NodePtr value;      // SET: the right-hand side; ADD/DELETE: the :value; REMOVE: null
};

struct ParsedUpdate {
  std::vector<UpdateAction> actions;  // in the order written
  std::string repeatedSection;        // first section written twice ("" if none)
};

// Throws DynamoDB's syntax error ("Invalid UpdateExpression: Syntax error; ...").
ParsedUpdate parseUpdate(std::string_view source);

}  // namespace pd::expr
