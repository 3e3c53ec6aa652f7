#include "expr/placeholders.h"

#include "model/errors.h"

namespace pd::expr {
namespace {

template <typename Map>
std::string unusedKeys(const Map& defined, const std::set<std::string>& used) {
  std::string keys;
  for (const auto& entry : defined) {
    if (used.count(entry.first)) continue;
    keys += (keys.empty() ? "" : ", ") + entry.first;
  }
  return keys;
}

}  // namespace

const std::string* Placeholders::name(const std::string& placeholder) {
  auto it = names_.find(placeholder);
  if (it == names_.end()) return nullptr;
  usedNames_.insert(placeholder);
  return &it->second;
}

const AttributeValue* Placeholders::value(const std::string& placeholder) {
  auto it = values_.find(placeholder);
  if (it == values_.end()) return nullptr;
  usedValues_.insert(placeholder);
  return &it->second;
}

void Placeholders::checkAllUsed() const {
  const std::string names = unusedKeys(names_, usedNames_);
  if (!names.empty()) {
    throw validationError(
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + names + "}");
  }
  const std::string values = unusedKeys(values_, usedValues_);
  if (!values.empty()) {
    throw validationError(
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + values +
        "}");
  }
}

}  // namespace pd::expr
