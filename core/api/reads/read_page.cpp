#include "api/reads/read_page.h"

#include "api/wire/encoded_json.h"

#include "api/items/key_rules.h"
#include "api/wire/capacity.h"
#include "api/wire/wire_values.h"
#include "model/item_codec.h"
#include "model/json_writer.h"
#include "model/limits.h"
#include "store/primary_key.h"

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
  const KeyProbe key(range.lower->key);
  return range.lower->inclusive ? records.lower_bound(key) : records.upper_bound(key);
}

Iterator endOf(const Records& records, const KeyRange& range) {
  if (!range.upper) return records.end();
  const KeyProbe key(range.upper->key);
  return range.upper->inclusive ? records.upper_bound(key) : records.lower_bound(key);
}

// What a page has read so far.
class PageReader {
 public:
  PageReader(const Table& table, const PageOptions& options)
      : table_(table), schema_(table.schema()), options_(options) {
    items_.beginArray();
  }

  // DynamoDB stops once Limit items were evaluated or their sizes reach 1 MB; the item that
  // crosses the megabyte is still returned.
  bool full() const {
    return (options_.limit && scanned_ >= *options_.limit) || bytes_ >= limits::kMaxPageBytes;
  }

  void visit(const ItemRecord& entry) {
    ++scanned_;
    bytes_ += entry.size();
    last_ = &entry;
    const ItemRecord& record = options_.fetchWhole ? tableRecord(entry) : entry;
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
      writeItem(out, lastKey(decodeItem(last_->encoded())));
    }
    const double units = readUnits(bytes_, options_.consistentRead);
    if (options_.index) {
      const IndexSchema& index = *options_.index;
      writeConsumedCapacity(out, options_.returnConsumedCapacity, *options_.tableName, 0,
                            {{index.name, index.global, units}});
    } else {
      writeConsumedCapacity(out, options_.returnConsumedCapacity, *options_.tableName, units);
    }
    out.endObject();
    return out.take();
  }

 private:
  // The table's key, plus the index's key attributes for an index read.
  Item lastKey(const Item& item) const {
    Item key = keyOf(schema_, item);
    if (options_.index) {
      for (const KeyElement* element : options_.index->key.all()) {
        key.emplace(element->name, item.at(element->name));
      }
    }
    return key;
  }

  // The table item an index entry stands for (an entry always carries the table's key).
  const ItemRecord& tableRecord(const ItemRecord& entry) const {
    const Item item = decodeItem(entry.encoded());
    const AttributeValue& hash = item.at(schema_.hashKey.name);
    const AttributeValue* range = schema_.rangeKey ? &item.at(schema_.rangeKey->name) : nullptr;
    const ItemRecord* record = table_.find(orderKey(hash, range));
    return record ? *record : entry;
  }

  const Table& table_;
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

namespace {

std::string readRecords(const Table& table, const Records& records, const KeyRange& range,
                        const PageOptions& options) {
  PageReader reader(table, options);
  if (!isEmpty(range)) {
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

}  // namespace

std::string readPage(const Table& table, const KeyRange& range, const PageOptions& options) {
  // Only the partitions the range spans are loaded: a Query's one, a Scan's all.
  const auto* lower = range.lower ? &range.lower->key : nullptr;
  const auto* upper = range.upper ? &range.upper->key : nullptr;
  return readRecords(table, table.records(lower, upper), range, options);
}

std::string readIndexPage(const Table& table, const Index& index, const KeyRange& range,
                          const PageOptions& options) {
  return readRecords(table, index.records(), range, options);
}

}  // namespace pd
