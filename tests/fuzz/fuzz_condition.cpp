// libFuzzer target: ConditionExpression and FilterExpression text (the input, whole), parsed
// with the fixed placeholders of fuzz_common.h and, when it parses, evaluated against the fixed
// item, an empty item and a missing item. The kind (Condition or Filter) alternates with the
// input's length, so both parameter names are exercised. "NOT (<input>)" must evaluate to the
// opposite.
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
    // NOT (text) must evaluate to the opposite, when it parses (nesting and length allow it).
    pd::expr::Placeholders more(pdfuzz::fixedNames(), pdfuzz::fixedValues());
    const std::string negated = "NOT (" + std::string(text) + ")";
    std::optional<pd::expr::ConditionExpression> negation;
    try {
      negation = pd::expr::ConditionExpression::parse(kind, negated, more);
    } catch (const pd::DynamoError&) {
    }
    if (negation && negation->evaluate(pdfuzz::fixedItem()) == onItem) {
      pdfuzz::violated("NOT (condition) evaluates like the condition");
    }
  } catch (const pd::DynamoError&) {
  }
  try {
    placeholders.checkAllUsed();
  } catch (const pd::DynamoError&) {
  }
  return 0;
}
