// libFuzzer target: KeyConditionExpression text (the input, whole). When it parses, the key
// conditions are extracted and matched against a pk/sk key schema and a pk-only one, and the
// condition is evaluated against the fixed item.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pd::expr::Placeholders placeholders(pdfuzz::fixedNames(), pdfuzz::fixedValues());
  try {
    const auto condition =
        pd::expr::ConditionExpression::parse(pd::expr::Kind::KeyCondition, text, placeholders);
    (void)condition.evaluate(pdfuzz::fixedItem());
    (void)condition.evaluate(nullptr);
    const auto parts = condition.keyConditions();
    // Up to eight: a multi-attribute GSI key has four partition and four sort attributes.
    if (parts.empty() || parts.size() > pd::expr::kMaxKeyConditions)
      pdfuzz::violated("key conditions: not 1 to 8 parts");
    for (const auto& part : parts) {
      const std::size_t expected = part.op == pd::expr::KeyOp::Between ? 2 : 1;
      if (part.values.size() != expected) pdfuzz::violated("key condition: wrong operand count");
    }
    try {
      const auto match = pd::expr::matchKeySchema(parts, "pk", std::string("sk"));
      if (!match.hash) pdfuzz::violated("key schema match without a hash part");
    } catch (const pd::DynamoError&) {
    }
    const auto match = pd::expr::matchKeySchema(parts, "a", std::nullopt);
    if (!match.hash || match.range) pdfuzz::violated("hash-only schema matched a range part");
  } catch (const pd::DynamoError&) {
  }
  return 0;
}
