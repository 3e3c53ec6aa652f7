// libFuzzer target: ProjectionExpression text (the input, whole). When it parses, it is applied
// to the fixed item; the projection must be storable, contain only attributes of the item, and
// hold the item's value at every path of names.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pd::expr::Placeholders placeholders(pdfuzz::fixedNames(), pdfuzz::fixedValues());
  try {
    const auto projection = pd::expr::ProjectionExpression::parse(text, placeholders);
    if (projection.paths().empty()) pdfuzz::violated("parsed projection without paths");
    const pd::Item& item = pdfuzz::fixedItem();
    const pd::Item projected = projection.apply(item);
    pdfuzz::checkItem(projected);
    for (const auto& entry : projected) {
      if (item.find(entry.first) == item.end()) {
        pdfuzz::violated("projection invented attribute " + entry.first);
      }
    }
    if (!projection.apply(pd::Item{}).empty()) pdfuzz::violated("projection of empty item");
    // A path of names only (no list index, which projection compacts) finds the same value in
    // the projection as in the item.
    for (const auto& path : projection.paths()) {
      if (std::any_of(path.begin(), path.end(), [](const auto& e) { return e.isIndex(); })) {
        continue;
      }
      const pd::AttributeValue* before = pd::expr::findPath(item, path);
      const pd::AttributeValue* after = pd::expr::findPath(projected, path);
      if (!before != !after || (before && *before != *after)) {
        pdfuzz::violated("projected value differs at " + pd::expr::pathToString(path));
      }
    }
  } catch (const pd::DynamoError&) {
  }
  return 0;
}
