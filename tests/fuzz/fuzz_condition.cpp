// libFuzzer target: ConditionExpression and FilterExpression text (the input, whole), parsed
// with the fixed placeholders of fuzz_common.h and, when it parses, evaluated against the fixed
// item, an empty item and a missing item. The kind (Condition or Filter) alternates with the
// input's length, so both parameter names are exercised.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto kind = size % 2 == 0 ? pd::expr::Kind::Condition : pd::expr::Kind::Filter;
  pd::expr::Placeholders placeholders(pdfuzz::fixedNames(), pdfuzz::fixedValues());
  try {
    const auto condition = pd::expr::ConditionExpression::parse(kind, text, placeholders);
    const bool onItem = condition.evaluate(pdfuzz::fixedItem());
    const bool onEmpty = condition.evaluate(pd::Item{});
    const bool onMissing = condition.evaluate(nullptr);
    if (onEmpty != onMissing) pdfuzz::violated("a missing item and an empty item differ");
    (void)onItem;
  } catch (const pd::DynamoError&) {
  }
  try {
    placeholders.checkAllUsed();
  } catch (const pd::DynamoError&) {
  }
  return 0;
}
