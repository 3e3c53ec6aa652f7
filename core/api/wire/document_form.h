// The document form of a read's answer, for the JS DocumentClient: values written as the plain
// JSON its unmarshall would make of them (S as a string, N as a number, BOOL, NULL, M as an
// object, L as an array), so that JSON.parse alone yields the result, with no second walk. What
// JSON cannot say is written as a marked string that the package decodes:
//   "\u0001B<base64>"  a binary           "\u0001N<digits>"  a number past 2^52 (JS: BigInt)
//   "\u0001S<text>"    a string that itself starts with \u0001
//   ["\u0001SS", ...], ["\u0001NS", ...], ["\u0001BS", ...]  a set, elements as on the wire.
// A map member named "__proto__" cannot be said at all (JSON.parse makes it an own member where
// unmarshall sets the prototype): the answer is then written again in wire form.
// While a DocumentForm is alive on a thread, writeItem and writeEncodedItem write this form.
#pragma once

#include <string_view>

#include "model/attribute_value.h"
#include "model/json_writer.h"

namespace pd {

class DocumentForm {
 public:
  DocumentForm();
  ~DocumentForm();
  DocumentForm(const DocumentForm&) = delete;
  DocumentForm& operator=(const DocumentForm&) = delete;

  // The form in force on this thread, or null (wire form).
  static DocumentForm* active();

  // Something was written as a marked string: the package must look for them.
  bool marked() const { return marked_; }
  // Something could not be written in this form: the answer must be written in wire form.
  bool needsWire() const { return needsWire_; }

  void noteMarked() { marked_ = true; }
  void noteNeedsWire() { needsWire_ = true; }

 private:
  DocumentForm* previous_;
  bool marked_ = false;
  bool needsWire_ = false;
};

// One value / an item in document form (item_codec.h encoding or in-memory tree).
void writeDocumentItem(JsonWriter& out, const Item& item, DocumentForm& form);
void writeDocumentEncodedItem(JsonWriter& out, std::string_view encoded, DocumentForm& form);

}  // namespace pd
