#include "api/wire/wire_values.h"

#include <algorithm>
#include <optional>

#include "api/wire/document_form.h"
#include "api/wire/wire_types.h"
#include "model/base64.h"
#include "model/decimal.h"
#include "model/errors.h"
#include "model/limits.h"

namespace pd {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
void checkValueTypes(const Json& wire);

void checkEachString(const Json& elements) {
  for (const auto& element : elements) expectString(element);
}

// Recurses as deep as the value nests: parseRequestBody bounds that (limits.h).
void checkValueTypes(const Json& wire) {
  if (wire.is_array()) {
    throw serializationError(
        "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
  }
  if (!wire.is_object()) throw serializationError("Unexpected value type in payload");
  for (const auto& [tag, body] : wire.items()) {
    if (body.is_null()) continue;
    if (tag == "S" || tag == "N") expectString(body);
    if (tag == "B") expectBlob(body);
    if (tag == "BOOL" || tag == "NULL") expectBoolean(body);
    if (tag == "M") {
      expectAttributeMap(body);
      for (const auto& child : body) checkValueTypes(child);
    }
    if (tag == "L") {
      expectList(body, "AttributeValue");
      for (const auto& child : body) checkValueTypes(child);
    }
    if (tag == "SS" || tag == "NS") {
      expectList(body, "String");
      checkEachString(body);
    }
    if (tag == "BS") {
      expectList(body, "ByteBuffer");
      for (const auto& element : body) expectBlob(element);
    }
  }
}

// "[a, b, a]" as DynamoDB prints a set in its duplicate message.
std::string printCollection(const std::vector<std::string>& elements) {
  std::string out = "[";
  for (std::size_t i = 0; i < elements.size(); ++i) out += (i ? ", " : "") + elements[i];
  return out + "]";
}

std::vector<std::string> parseSet(const Json& body, AttrType type) {
  std::vector<std::string> wireElements;
  for (const auto& element : body) wireElements.push_back(element.get<std::string>());
  if (wireElements.empty()) {
    if (type == AttrType::SS) throw validationError(kInvalid + "An string set  may not be empty");
    if (type == AttrType::NS) throw validationError(kInvalid + "An number set  may not be empty");
    throw validationError(kInvalid + "Binary sets should not be empty");
  }
  std::vector<std::string> elements;
  elements.reserve(wireElements.size());
  for (const auto& element : wireElements) {
    if (type == AttrType::SS) elements.push_back(element);
    if (type == AttrType::NS) elements.push_back(Decimal::parse(element).toString());
    if (type == AttrType::BS) elements.push_back(*base64Decode(element));
  }
  std::sort(elements.begin(), elements.end());
  if (std::adjacent_find(elements.begin(), elements.end()) != elements.end()) {
    if (type == AttrType::NS) throw validationError("Input collection contains duplicates");
    if (type == AttrType::SS) {
      throw validationError(kInvalid + "Input collection " + printCollection(wireElements) +
                            " contains duplicates.");
    }
    throw validationError(kInvalid + "Input collection " + printCollection(wireElements) +
                          "of type BS contains duplicates.");
  }
  return elements;
}

bool isKnownTag(const std::string& tag) {
  static const char* const kTags[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
  return std::any_of(std::begin(kTags), std::end(kTags), [&](const char* t) { return tag == t; });
}

}  // namespace

void checkAttributeNameSize(const std::string& name) {
  if (name.size() > limits::kMaxAttributeNameBytes) {
    throw validationError(
        "1 validation error detected: Attribute name is too large, must be less than 65536 bytes");
  }
}

void checkAttributeMapTypes(const Json& wire) {
  expectAttributeMap(wire);
  for (const auto& value : wire) checkValueTypes(value);
}

void checkAttributeValueTypes(const Json& wire) {
  checkValueTypes(wire);
}

AttributeValue parseAttributeValue(const Json& wire, Envelope nesting, int depth) {
  // An attribute is level 1 (depth 0); a value at level 33 is too deep.
  if (depth >= limits::kMaxNestingDepth) throw nestingTooDeep(nesting);
  const Json* body = nullptr;
  std::string tag;
  int types = 0;
  std::optional<Decimal> number;
  for (const auto& [name, member] : wire.items()) {
    if (member.is_null() || !isKnownTag(name)) continue;
    ++types;
    // A bad number is reported even when the value also names another type.
    if (name == "N") number = Decimal::parse(member.get_ref<const std::string&>());
    body = &member;
    tag = name;
  }
  if (types == 0) {
    throw validationError(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (types > 1) {
    throw validationError(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  }
  AttributeValue value;
  if (tag == "S") {
    value = AttributeValue::string(body->get<std::string>());
  } else if (tag == "N") {
    value = AttributeValue::number(number->toString());
  } else if (tag == "B") {
    value = AttributeValue::binary(expectBlob(*body));
  } else if (tag == "BOOL") {
    value = AttributeValue::boolValue(expectBoolean(*body));
  } else if (tag == "NULL") {
    if (!expectBoolean(*body)) {
      throw validationError(kInvalid + "Null attribute value types must have the value of true");
    }
    value = AttributeValue::null();
  } else if (tag == "M" || tag == "L") {
    if (tag == "M") {
      value.type = AttrType::M;
      for (const auto& [name, child] : body->items()) {
        checkAttributeNameSize(name);
        value.map.emplace(name, parseAttributeValue(child, nesting, depth + 1));
      }
    } else {
      value.type = AttrType::L;
      value.list.reserve(body->size());
      for (const auto& child : *body)
        value.list.push_back(parseAttributeValue(child, nesting, depth + 1));
    }
  } else {
    value.type = tag == "SS" ? AttrType::SS : tag == "NS" ? AttrType::NS : AttrType::BS;
    value.set = parseSet(*body, value.type);
  }
  return value;
}

Item parseItem(const Json& wire, Envelope nesting) {
  Item item;
  for (const auto& [name, value] : wire.items()) {
    checkAttributeNameSize(name);
    item.emplace(name, parseAttributeValue(value, nesting));
  }
  return item;
}

void writeAttributeValue(JsonWriter& out, const AttributeValue& value) {
  out.beginObject().key(typeName(value.type));
  switch (value.type) {
    case AttrType::S:
    case AttrType::N:
      out.string(value.scalar);
      break;
    case AttrType::B:
      out.string(base64Encode(value.scalar));
      break;
    case AttrType::BOOL:
      out.boolean(value.boolean);
      break;
    case AttrType::NUL:
      out.boolean(true);
      break;
    case AttrType::M:
      writeItem(out, value.map);
      break;
    case AttrType::L:
      out.beginArray();
      for (const auto& element : value.list) writeAttributeValue(out, element);
      out.endArray();
      break;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      out.beginArray();
      for (const auto& element : value.set) {
        out.string(value.type == AttrType::BS ? base64Encode(element) : element);
      }
      out.endArray();
      break;
  }
  out.endObject();
}

void writeItem(JsonWriter& out, const Item& item) {
  if (DocumentForm* form = DocumentForm::active()) {
    writeDocumentItem(out, item, *form);
    return;
  }
  out.beginObject();
  for (const auto& [name, value] : item) {
    out.key(name);
    writeAttributeValue(out, value);
  }
  out.endObject();
}

}  // namespace pd
