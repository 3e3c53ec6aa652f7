#include "api/wire/encoded_json.h"

#include "api/wire/document_form.h"
#include "model/attribute_value.h"
#include "model/base64.h"
#include "model/byte_reader.h"

namespace pd {
namespace {

void writeMap(JsonWriter& out, ByteReader& reader);

void writeValue(JsonWriter& out, ByteReader& reader) {
  const auto type = static_cast<AttrType>(reader.tag());
  out.beginObject().key(typeName(type));
  switch (type) {
    case AttrType::S:
    case AttrType::N:
      out.string(reader.bytes());
      break;
    case AttrType::B:
      out.string(base64Encode(reader.bytes()));
      break;
    case AttrType::BOOL:
      out.boolean(reader.take(1)[0] != 0);
      break;
    case AttrType::NUL:
      out.boolean(true);
      break;
    case AttrType::M:
      writeMap(out, reader);
      break;
    case AttrType::L: {
      reader.enter();
      out.beginArray();
      for (std::size_t i = reader.varint(); i > 0; --i) writeValue(out, reader);
      out.endArray();
      reader.leave();
      break;
    }
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      out.beginArray();
      for (std::size_t i = reader.varint(); i > 0; --i) {
        const auto element = reader.bytes();
        if (type == AttrType::BS) {
          out.string(base64Encode(element));
        } else {
          out.string(element);
        }
      }
      out.endArray();
      break;
  }
  out.endObject();
}

void writeMap(JsonWriter& out, ByteReader& reader) {
  reader.enter();
  out.beginObject();
  for (std::size_t i = reader.varint(); i > 0; --i) {
    out.key(reader.bytes());
    writeValue(out, reader);
  }
  out.endObject();
  reader.leave();
}

}  // namespace

void writeEncodedItem(JsonWriter& out, std::string_view encoded) {
  if (DocumentForm* form = DocumentForm::active()) {
    writeDocumentEncodedItem(out, encoded, *form);
    return;
  }
  ByteReader reader(encoded);
  writeMap(out, reader);
}

}  // namespace pd
