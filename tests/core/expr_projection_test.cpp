// Specification: ProjectionExpression checks and projection of items.
#include <catch2/catch.hpp>

#include "expr_test_helpers.h"

using namespace exprtest;

namespace {
const std::string kProjection = "Invalid ProjectionExpression: ";
}

TEST_CASE("projection: reserved words, undefined names, overlaps and conflicts are rejected",
          "[expr]") {
  CHECK(projectionError("a, b.Status") ==
        kProjection + "Attribute name is a reserved keyword; reserved keyword: Status");
  CHECK(projectionError("a, #b") ==
        kProjection +
            "An expression attribute name used in the document path is not defined; "
            "attribute name: #b");
  CHECK(projectionError("a.b, a") ==
        kProjection +
            "Two document paths overlap with each other; must remove or rewrite one of "
            "these paths; path one: [a, b], path two: [a]");
  CHECK(projectionError("a, #a", {{"#a", "a"}}) ==
        kProjection +
            "Two document paths overlap with each other; must remove or rewrite one of "
            "these paths; path one: [a], path two: [a]");
  CHECK(projectionError("a[0], a.b") ==
        kProjection +
            "Two document paths conflict with each other; must remove or rewrite one "
            "of these paths; path one: [a, [0]], path two: [a, b]");
  CHECK(projectionError("a.b, a.c, l[0], l[1], x_") == "<nothing thrown>");
  // '_' cannot start a name in any expression.
  CHECK(projectionError("a, _x") == kProjection + "Syntax error; token: \"_\", near: \", _x\"");
}

TEST_CASE("projection: copies the named attributes, skipping missing ones", "[expr]") {
  Item item{{"a", N("1")}, {"b", S("x")}, {"c", Bool(true)}};
  CHECK(project("a, c, nothere", item) == Item{{"a", N("1")}, {"c", Bool(true)}});
  CHECK(project("#n", {{"x.y", N("1")}}, {{"#n", "x.y"}}) == Item{{"x.y", N("1")}});
}

TEST_CASE("projection: nested map paths keep only the named keys", "[expr]") {
  Item item{{"m", M({{"a", N("1")}, {"b", M({{"c", N("2")}, {"d", N("3")}})}})}};
  CHECK(project("m.b.c, m.a", item) == Item{{"m", M({{"a", N("1")}, {"b", M({{"c", N("2")}})}})}});
  CHECK(project("m.x, m.b.x", item).empty());  // nothing found: no empty maps
}

TEST_CASE("projection: list elements keep index order and close up", "[expr]") {
  Item item{{"l", L({S("a"), S("b"), S("c"), M({{"k", N("1")}, {"j", N("2")}})})}};
  CHECK(project("l[3].k, l[1], l[9]", item) == Item{{"l", L({S("b"), M({{"k", N("1")}})})}});
  CHECK(project("l.a", item).empty());  // a name step does not enter a list
  CHECK(project("l[0][0]", item).empty());
}
