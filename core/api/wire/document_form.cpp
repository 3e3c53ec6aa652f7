#include "api/wire/document_form.h"

#include "model/base64.h"
#include "model/byte_reader.h"

namespace pd {
namespace {

thread_local DocumentForm* current = nullptr;

constexpr char kMark = '\x01';

// True when `text` is a JSON number that JS reads as exactly what unmarshall's Number(text)
// gives and that unmarshall keeps as a number: plain notation with at most 15 integer digits
// (below 2^53, where unmarshall would make a BigInt). Anything else goes marked.
bool plainNumber(std::string_view text) {
  std::size_t pos = text.size() > 0 && text[0] == '-' ? 1 : 0;
  const std::size_t intStart = pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  const std::size_t intDigits = pos - intStart;
  if (intDigits == 0 || intDigits > 15 || (intDigits > 1 && text[intStart] == '0')) return false;
  if (pos == text.size()) return true;
  if (text[pos++] != '.') return false;
  const std::size_t fracStart = pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  return pos > fracStart && pos == text.size();
}

void writeMarked(JsonWriter& out, std::string_view tag, std::string_view payload,
                 DocumentForm& form) {
  std::string text;
  text.reserve(1 + tag.size() + payload.size());
  text += kMark;
  text += tag;
  text += payload;
  out.string(text);
  form.noteMarked();
}

void writeScalar(JsonWriter& out, AttrType type, std::string_view bytes, DocumentForm& form) {
  switch (type) {
    case AttrType::S:
      if (!bytes.empty() && bytes[0] == kMark) {
        writeMarked(out, "S", bytes, form);
      } else {
        out.string(bytes);
      }
      break;
    case AttrType::N:
      if (plainNumber(bytes)) {
        out.raw(bytes);
      } else {
        writeMarked(out, "N", bytes, form);
      }
      break;
    default:  // B
      writeMarked(out, "B", base64Encode(bytes), form);
      break;
  }
}

void writeKey(JsonWriter& out, std::string_view name, DocumentForm& form) {
  if (name == "__proto__") form.noteNeedsWire();
  out.key(name);
}

// A set: its marker, then the elements as the wire has them (base64 for binaries).
void beginSet(JsonWriter& out, AttrType type, DocumentForm& form) {
  out.beginArray().string(std::string(1, kMark) + typeName(type));
  form.noteMarked();
}

void writeSetElement(JsonWriter& out, AttrType type, std::string_view element) {
  if (type == AttrType::BS) {
    out.string(base64Encode(element));
  } else {
    out.string(element);
  }
}

void writeValue(JsonWriter& out, const AttributeValue& value, DocumentForm& form) {
  switch (value.type) {
    case AttrType::S:
    case AttrType::N:
    case AttrType::B:
      writeScalar(out, value.type, value.scalar, form);
      break;
    case AttrType::BOOL:
      out.boolean(value.boolean);
      break;
    case AttrType::NUL:
      out.null();
      break;
    case AttrType::M:
      writeDocumentItem(out, value.map, form);
      break;
    case AttrType::L:
      out.beginArray();
      for (const auto& element : value.list) writeValue(out, element, form);
      out.endArray();
      break;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      beginSet(out, value.type, form);
      for (const auto& element : value.set) writeSetElement(out, value.type, element);
      out.endArray();
      break;
  }
}

void writeEncodedMap(JsonWriter& out, ByteReader& reader, DocumentForm& form);

void writeEncodedValue(JsonWriter& out, ByteReader& reader, DocumentForm& form) {
  const auto type = static_cast<AttrType>(reader.tag());
  switch (type) {
    case AttrType::S:
    case AttrType::N:
    case AttrType::B:
      writeScalar(out, type, reader.bytes(), form);
      break;
    case AttrType::BOOL:
      out.boolean(reader.take(1)[0] != 0);
      break;
    case AttrType::NUL:
      out.null();
      break;
    case AttrType::M:
      writeEncodedMap(out, reader, form);
      break;
    case AttrType::L:
      reader.enter();
      out.beginArray();
      for (std::size_t i = reader.varint(); i > 0; --i) writeEncodedValue(out, reader, form);
      out.endArray();
      reader.leave();
      break;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      beginSet(out, type, form);
      for (std::size_t i = reader.varint(); i > 0; --i) writeSetElement(out, type, reader.bytes());
      out.endArray();
      break;
  }
}

void writeEncodedMap(JsonWriter& out, ByteReader& reader, DocumentForm& form) {
  reader.enter();
  out.beginObject();
  for (std::size_t i = reader.varint(); i > 0; --i) {
    writeKey(out, reader.bytes(), form);
    writeEncodedValue(out, reader, form);
  }
  out.endObject();
  reader.leave();
}

}  // namespace

DocumentForm::DocumentForm() : previous_(current) {
  current = this;
}

DocumentForm::~DocumentForm() {
  current = previous_;
}

DocumentForm* DocumentForm::active() {
  return current;
}

void writeDocumentItem(JsonWriter& out, const Item& item, DocumentForm& form) {
  out.beginObject();
  for (const auto& [name, value] : item) {
    writeKey(out, name, form);
    writeValue(out, value, form);
  }
  out.endObject();
}

void writeDocumentEncodedItem(JsonWriter& out, std::string_view encoded, DocumentForm& form) {
  ByteReader reader(encoded);
  writeEncodedMap(out, reader, form);
}

}  // namespace pd
