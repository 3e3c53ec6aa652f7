// libFuzzer target: UpdateExpression text (the input, whole). When it parses, it is applied to
// the fixed item and to an empty item, and every resulting item must still be storable
// (non-empty sorted sets, canonical numbers, codec round trip).
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pd::expr::Placeholders placeholders(pdfuzz::fixedNames(), pdfuzz::fixedValues());
  try {
    const auto update = pd::expr::UpdateExpression::parse(text, placeholders);
    if (update.targetPaths().size() != update.actions().size()) {
      pdfuzz::violated("targetPaths and actions differ in length");
    }
    try {
      update.checkKeysNotUpdated({"pk", "sk"});
    } catch (const pd::DynamoError&) {
    }
    for (const pd::Item* item : {&pdfuzz::fixedItem(), static_cast<const pd::Item*>(nullptr)}) {
      try {
        const pd::Item updated = update.apply(item ? *item : pd::Item{});
        pdfuzz::checkItem(updated);
        // Projecting the updated paths (ReturnValues UPDATED_NEW) must work on the result.
        pdfuzz::checkItem(
            pd::expr::ProjectionExpression::fromPaths(update.targetPaths()).apply(updated));
      } catch (const pd::DynamoError&) {
      }
    }
  } catch (const pd::DynamoError&) {
  }
  return 0;
}
