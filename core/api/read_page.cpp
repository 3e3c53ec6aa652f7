#include "api/read_page.h"

#include "api/encoded_json.h"

#include "api/capacity.h"
#include "api/json_writer.h"
#include "api/key_rules.h"
#include "api/wire_values.h"
#include "model/item_codec.h"
#include "model/limits.h"

namespace pd {
namespace {

using Records = Table::Records;
using Iterator = Records::const_iterator;

// A lower bound is tighter than another when it starts later (exclusive beats inclusive).
bool startsLater(const KeyBound& a, const KeyBound& b) {
  return a.key > b.key || (a.key == b.key && !a.inclusive && b.inclusive);
}

bool endsEarlier(const KeyBound& a, const KeyBound& b) {
  return a.key < b.key || (a.key == b.key && !a.inclusive && b.inclusive);
}

bool isEmpty(const KeyRange& range) {
  if (!range.lower || !range.upper) return false;
  const KeyBound& lower = *range.lower;
  const KeyBound& upper = *range.upper;
  return lower.key > upper.key || (lower.key == upper.key && !(lower.inclusive && upper.inclusive));
}

Iterator beginOf(const Records& records, const KeyRange& range) {
  if (!range.lower) return records.begin();
  const std::string_view key = range.lower->key;
  return range.lower->inclusive ? records.lower_bound(key) : records.upper_bound(key);
}

Iterator endOf(const Records& records, const KeyRange& range) {
  if (!range.upper) return records.end();
  const std::string_view key = range.upper->key;
  return range.upper->inclusive ? records.upper_bound(key) : records.lower_bound(key);
}

// What a page has read so far.
class PageReader {
 public:
  PageReader(const TableSchema& schema, const PageOptions& options)
      : schema_(schema), options_(options) {
    items_.beginArray();
  }

  // DynamoDB stops once Limit items were evaluated or their sizes reach 1 MB; the item that
  // crosses the megabyte is still returned.
  bool full() const {
    return (options_.limit && scanned_ >= *options_.limit) || bytes_ >= limits::kMaxPageBytes;
  }

  void visit(const ItemRecord& record) {
    ++scanned_;
    bytes_ += record.size();
    last_ = &record;
    if (options_.countOnly && !options_.filter) {
      ++count_;
      return;
    }
    if (!options_.filter && !options_.projection) {
      // The common case needs no tree: the stored bytes are written as JSON directly.
      ++count_;
      writeEncodedItem(items_, record.encoded());
      return;
    }
    const Item item = decodeItem(record.encoded());
    if (options_.filter && !options_.filter->evaluate(item)) return;
    ++count_;
    if (options_.countOnly) return;
    if (options_.projection) {
      writeItem(items_, options_.projection->apply(item));
    } else {
      writeEncodedItem(items_, record.encoded());
    }
  }

  std::string response() {
    JsonWriter out;
    out.beginObject();
    if (!options_.countOnly) out.key("Items").raw(items_.endArray().text());
    out.key("Count").integer(count_).key("ScannedCount").integer(scanned_);
    // Also when the last item of the table was the Limit-th one: DynamoDB cannot know
    // there is nothing after it without reading on.
    if (full() && last_) {
      out.key("LastEvaluatedKey");
      writeItem(out, keyOf(schema_, decodeItem(last_->encoded())));
    }
    writeConsumedCapacity(out, options_.returnConsumedCapacity, *options_.tableName,
                          readUnits(bytes_, options_.consistentRead));
    out.endObject();
    return out.take();
  }

 private:
  const TableSchema& schema_;
  const PageOptions& options_;
  JsonWriter items_;
  std::int64_t scanned_ = 0;
  std::int64_t count_ = 0;
  std::size_t bytes_ = 0;
  const ItemRecord* last_ = nullptr;
};

}  // namespace

void KeyRange::continueAfter(const std::string& key, bool forward) {
  const KeyBound bound{key, false};
  if (forward) {
    if (!lower || startsLater(bound, *lower)) lower = bound;
  } else if (!upper || endsEarlier(bound, *upper)) {
    upper = bound;
  }
}

std::optional<std::string> prefixEnd(std::string prefix) {
  // The smallest string above every extension of `prefix`: drop trailing 0xFF bytes, then
  // increment the last byte.
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (prefix.empty()) return std::nullopt;
  prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

KeyRange prefixRange(const std::string& prefix) {
  KeyRange range;
  range.lower = KeyBound{prefix, true};
  if (auto end = prefixEnd(prefix)) range.upper = KeyBound{std::move(*end), false};
  return range;
}

std::string readPage(const Table& table, const KeyRange& range, const PageOptions& options) {
  PageReader reader(table.schema(), options);
  if (!isEmpty(range)) {
    const Records& records = table.records();
    const Iterator begin = beginOf(records, range);
    const Iterator end = endOf(records, range);
    if (options.forward) {
      for (auto it = begin; it != end && !reader.full(); ++it) reader.visit(*it);
    } else {
      for (auto it = end; it != begin && !reader.full();) reader.visit(*--it);
    }
  }
  return reader.response();
}

}  // namespace pd
