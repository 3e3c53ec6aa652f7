// Shared helpers for the expression-language specification tests (tests/core/expr_*_test.cpp).
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "expr/expressions.h"
#include "model/attribute_value.h"
#include "model/errors.h"

namespace exprtest {

using pd::AttributeValue;
using pd::Item;
using Names = std::map<std::string, std::string>;

inline AttributeValue S(std::string s) {
  return AttributeValue::string(std::move(s));
}
inline AttributeValue N(std::string n) {
  return AttributeValue::number(std::move(n));
}
inline AttributeValue B(std::string b) {
  return AttributeValue::binary(std::move(b));
}
inline AttributeValue Bool(bool b) {
  return AttributeValue::boolValue(b);
}
inline AttributeValue Null() {
  return AttributeValue::null();
}
inline AttributeValue set(pd::AttrType type, std::vector<std::string> elements) {
  AttributeValue v;
  v.type = type;
  std::sort(elements.begin(), elements.end());
  v.set = std::move(elements);
  return v;
}
inline AttributeValue SS(std::vector<std::string> e) {
  return set(pd::AttrType::SS, std::move(e));
}
inline AttributeValue NS(std::vector<std::string> e) {
  return set(pd::AttrType::NS, std::move(e));
}
inline AttributeValue BS(std::vector<std::string> e) {
  return set(pd::AttrType::BS, std::move(e));
}
inline AttributeValue L(std::vector<AttributeValue> elements) {
  AttributeValue v;
  v.type = pd::AttrType::L;
  v.list = std::move(elements);
  return v;
}
inline AttributeValue M(pd::AttributeMap entries) {
  AttributeValue v;
  v.type = pd::AttrType::M;
  v.map = std::move(entries);
  return v;
}

// The message of the DynamoError thrown by `action`, or "<nothing thrown>".
template <typename F>
std::string errorOf(F action) {
  try {
    action();
  } catch (const pd::DynamoError& error) {
    return error.type == "ValidationException" ? error.message : error.type + ": " + error.message;
  }
  return "<nothing thrown>";
}

inline std::string conditionError(const std::string& text, Names names = {}, Item values = {},
                                  pd::expr::Kind kind = pd::expr::Kind::Condition) {
  return errorOf([&] {
    pd::expr::Placeholders placeholders(std::move(names), std::move(values));
    pd::expr::ConditionExpression::parse(kind, text, placeholders);
  });
}

inline std::string filterError(const std::string& text, Names names = {}, Item values = {}) {
  return conditionError(text, std::move(names), std::move(values), pd::expr::Kind::Filter);
}

inline std::string updateError(const std::string& text, Names names = {}, Item values = {}) {
  return errorOf([&] {
    pd::expr::Placeholders placeholders(std::move(names), std::move(values));
    pd::expr::UpdateExpression::parse(text, placeholders);
  });
}

inline std::string projectionError(const std::string& text, Names names = {}) {
  return errorOf([&] {
    pd::expr::Placeholders placeholders(std::move(names), {});
    pd::expr::ProjectionExpression::parse(text, placeholders);
  });
}

inline bool matches(const std::string& text, const Item& item, Names names = {}, Item values = {}) {
  pd::expr::Placeholders placeholders(std::move(names), std::move(values));
  return pd::expr::ConditionExpression::parse(pd::expr::Kind::Condition, text, placeholders)
      .evaluate(item);
}

inline Item update(const std::string& text, const Item& item, Item values = {}, Names names = {}) {
  pd::expr::Placeholders placeholders(std::move(names), std::move(values));
  return pd::expr::UpdateExpression::parse(text, placeholders).apply(item);
}

inline std::string applyError(const std::string& text, const Item& item, Item values = {},
                              Names names = {}) {
  return errorOf([&] { update(text, item, std::move(values), std::move(names)); });
}

inline Item project(const std::string& text, const Item& item, Names names = {}) {
  pd::expr::Placeholders placeholders(std::move(names), {});
  return pd::expr::ProjectionExpression::parse(text, placeholders).apply(item);
}

}  // namespace exprtest
