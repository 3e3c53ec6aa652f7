// Query and Scan. Each reads its request in DynamoDB's order: JSON types, then the constraint
// list, then the rules on expression parameters and the legacy parameters, the
// ExclusiveStartKey's values, then the expressions, then the table, the index and Select,
// then the start key and key conditions against the key schema; then one page is read.
#include <cstdint>

#include "api/items/item_common.h"
#include "api/items/key_rules.h"
#include "api/items/projection.h"
#include "api/legacy/legacy_conditions.h"
#include "api/operations.h"
#include "api/reads/index_read.h"
#include "api/reads/query_keys.h"
#include "api/reads/read_page.h"
#include "api/reads/read_request.h"
#include "model/errors.h"
#include "store/primary_key.h"

namespace pd {
namespace {

constexpr std::int64_t kMaxSegment = 999999;
constexpr std::int64_t kMaxTotalSegments = 1000000;

// The expressions a request holds, parsed and with their placeholders checked.
struct Expressions {
  std::optional<expr::ConditionExpression> keyCondition;
  std::optional<expr::ConditionExpression> filter;
  std::optional<expr::ProjectionExpression> projection;
};

// Stage 1 of what both operations take, except the fields whose constraints DynamoDB lists
// in between (read by the callers).
void readCommonFields(const Fields& request, ReadRequest& read) {
  read.startKey = request.attributeMap("ExclusiveStartKey");
  read.consistentRead = request.boolean("ConsistentRead").value_or(false);
  read.filterText = request.string("FilterExpression");
  read.projectionText = request.string("ProjectionExpression");
}

void checkLimit(const ReadRequest& read, Constraints& constraints) {
  // Named without its value, as DynamoDB reports Limit today.
  if (read.limit && *read.limit < 1) {
    constraints.absentValue("Limit", "Member must have value greater than or equal to 1");
  }
}

// Parses the expressions in DynamoDB's order (key condition, filter, projection) and then
// refuses unused placeholders.
Expressions parseExpressions(const ExpressionParams& params, const std::string* keyConditionText,
                             const ReadRequest& read) {
  Expressions parsed;
  expr::Placeholders placeholders = params.placeholders();
  if (keyConditionText) {
    parsed.keyCondition =
        expr::ConditionExpression::parse(expr::Kind::KeyCondition, *keyConditionText, placeholders);
  }
  if (read.filterText) {
    parsed.filter =
        expr::ConditionExpression::parse(expr::Kind::Filter, *read.filterText, placeholders);
  }
  if (read.projectionText) {
    parsed.projection = expr::ProjectionExpression::parse(*read.projectionText, placeholders);
  } else if (read.attributesToGet) {
    parsed.projection = attributesToGetProjection(read.attributesToGet);
  }
  placeholders.checkAllUsed();
  return parsed;
}

PageOptions pageOptions(const ReadRequest& read, const Expressions& parsed) {
  PageOptions options;
  options.tableName = read.tableName;
  options.returnConsumedCapacity = read.capacity;
  options.limit = read.limit;
  options.countOnly = read.select && *read.select == "COUNT";
  options.consistentRead = read.consistentRead;
  options.filter = parsed.filter ? &*parsed.filter : nullptr;
  options.projection = parsed.projection ? &*parsed.projection : nullptr;
  return options;
}

// ---- Query ----

struct QueryRequest {
  ReadRequest read;
  const std::string* keyConditionText = nullptr;
  const Json* keyConditions = nullptr;  // legacy KeyConditions
  bool forward = true;
};

QueryRequest readQueryFields(const Fields& request, Constraints& constraints) {
  QueryRequest input;
  ReadRequest& read = input.read;
  read.select = request.string("Select");
  constraints.oneOf(read.select, kSelect, "select");
  read.indexName = request.string("IndexName");
  checkIndexName(read.indexName, constraints);
  read.capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(read.capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  read.tableName = request.string("TableName");
  constraints.tableName(read.tableName, "tableName");
  read.conditionalOperator = readConditionalOperator(request, constraints);
  input.keyConditions = readConditionMap(request, "KeyConditions", constraints);
  read.legacyFilter = readConditionMap(request, "QueryFilter", constraints);
  readCommonFields(request, read);
  read.attributesToGet = readAttributesToGet(request, constraints);
  read.limit = request.integer("Limit", "Integer");
  checkLimit(read, constraints);
  input.keyConditionText = request.string("KeyConditionExpression");
  input.forward = request.boolean("ScanIndexForward").value_or(true);
  return input;
}

void checkQueryParameters(const Json& body, const QueryRequest& input,
                          const ExpressionParams& params) {
  const Fields request(body);
  const ReadRequest& read = input.read;
  const bool keyCondition = input.keyConditionText != nullptr;
  // KeyConditions may go with the other expressions as long as KeyConditionExpression is
  // absent (DynamoDB leaves it out of the mixing rule then).
  checkExpressionUse(
      params,
      {{"ProjectionExpression", read.projectionText != nullptr},
       {"FilterExpression", read.filterText != nullptr},
       {"KeyConditionExpression", keyCondition}},
      {{"FilterExpression", read.filterText != nullptr}, {"KeyConditionExpression", keyCondition}},
      {{"AttributesToGet", read.attributesToGet != nullptr},
       {"QueryFilter", request.has("QueryFilter")},
       {"ConditionalOperator", request.has("ConditionalOperator")},
       {"KeyConditions", keyCondition && request.has("KeyConditions")}});
  checkConditionalOperator(read.conditionalOperator, read.legacyFilter);
}

// The legacy KeyConditions as key-condition parts, when they stand in for the expression.
std::optional<std::vector<expr::KeyConditionPart>> legacyKeyConditions(const QueryRequest& input) {
  if (input.keyConditionText) return std::nullopt;
  if (!input.keyConditions) {
    throw validationError(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  return translateKeyConditions(*input.keyConditions);
}

std::string runQuery(const Table& table, const QueryRequest& input, const Expressions& parsed,
                     const std::vector<expr::KeyConditionPart>& parts,
                     const std::optional<Item>& startKey) {
  const KeyAttributes keys = keyAttributesOf(table.schema());
  const QueryKey key = matchQueryKey(keys, parts, startKey);
  std::optional<std::string> startOrderKey;
  if (startKey) startOrderKey = checkStartKeyInQuery(keys, key, *startKey);
  if (parsed.projection) checkKeyPathsScalar(parsed.projection->paths(), keys);
  if (parsed.filter) checkFilterAvoidsKeys(pathsOf(*parsed.filter), keys);

  KeyRange range = queryRange(key);
  if (startOrderKey) range.continueAfter(*startOrderKey, input.forward);
  PageOptions options = pageOptions(input.read, parsed);
  options.forward = input.forward;
  return readPage(table, range, options);
}

// The same on an index: its key schema takes the table's place in the key checks.
std::string runIndexQuery(const Table& table, const Index& index, const QueryRequest& input,
                          const Expressions& parsed,
                          const std::vector<expr::KeyConditionPart>& parts,
                          const std::optional<Item>& startKey) {
  const KeyAttributes& view = index.schema().key;
  std::optional<std::string> startEntryKey;
  if (startKey) startEntryKey = indexStartKey(table.schema(), index.schema(), *startKey);
  const QueryKey key = matchQueryKey(view, parts, std::nullopt);
  if (startKey) checkStartKeyInQuery(view, key, *startKey);
  if (parsed.projection) checkKeyPathsScalar(parsed.projection->paths(), view);
  if (parsed.filter) checkFilterAvoidsKeys(pathsOf(*parsed.filter), view);

  KeyRange range = indexQueryRange(key);
  if (startEntryKey) range.continueAfter(*startEntryKey, input.forward);
  PageOptions options = pageOptions(input.read, parsed);
  options.forward = input.forward;
  options.index = &index.schema();
  options.fetchWhole = fetchesFromTable(index, input.read);
  return readIndexPage(table, index, range, options);
}

// ---- Scan ----

struct ScanRequest {
  ReadRequest read;
  std::optional<std::int64_t> segment;
  std::optional<std::int64_t> totalSegments;
};

void checkTotalSegments(const ScanRequest& input, Constraints& constraints) {
  if (!input.totalSegments) return;
  constraints.minimum(*input.totalSegments, 1, "totalSegments");
  constraints.maximum(*input.totalSegments, kMaxTotalSegments, "totalSegments");
}

void checkSegment(const ScanRequest& input, Constraints& constraints) {
  if (!input.segment) return;
  constraints.minimum(*input.segment, 0, "segment");
  constraints.maximum(*input.segment, kMaxSegment, "segment");
}

// The constraints in the order DynamoDB listed them for Scan (attributesToGet after limit).
ScanRequest readScanFields(const Fields& request, Constraints& constraints) {
  ScanRequest input;
  ReadRequest& read = input.read;
  input.segment = request.integer("Segment", "Integer");
  input.totalSegments = request.integer("TotalSegments", "Integer");
  read.select = request.string("Select");
  constraints.oneOf(read.select, kSelect, "select");
  read.indexName = request.string("IndexName");
  checkIndexName(read.indexName, constraints);
  checkTotalSegments(input, constraints);
  read.capacity = request.string("ReturnConsumedCapacity");
  constraints.oneOf(read.capacity, kReturnConsumedCapacity, "returnConsumedCapacity");
  read.tableName = request.string("TableName");
  constraints.tableName(read.tableName, "tableName");
  read.conditionalOperator = readConditionalOperator(request, constraints);
  read.legacyFilter = readConditionMap(request, "ScanFilter", constraints);
  checkSegment(input, constraints);
  readCommonFields(request, read);
  read.limit = request.integer("Limit", "Integer");
  checkLimit(read, constraints);
  read.attributesToGet = readAttributesToGet(request, constraints);
  return input;
}

void checkScanParameters(const Fields& request, const ScanRequest& input,
                         const ExpressionParams& params) {
  const ReadRequest& read = input.read;
  checkExpressionUse(params,
                     {{"ProjectionExpression", read.projectionText != nullptr},
                      {"FilterExpression", read.filterText != nullptr}},
                     {{"FilterExpression", read.filterText != nullptr}},
                     {{"AttributesToGet", read.attributesToGet != nullptr},
                      {"ScanFilter", request.has("ScanFilter")},
                      {"ConditionalOperator", request.has("ConditionalOperator")}});
}

void checkSegments(const ScanRequest& input) {
  if (input.segment && !input.totalSegments) {
    throw validationError(
        "The TotalSegments parameter is required but was not present in the request when "
        "Segment parameter is present");
  }
  if (input.totalSegments && !input.segment) {
    throw validationError(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (input.segment && *input.segment >= *input.totalSegments) {
    throw validationError(
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: " +
        std::to_string(*input.segment) +
        " is not less than TotalSegments: " + std::to_string(*input.totalSegments));
  }
}

// Segment i of n covers the hash prefixes from ceil(i * 2^32 / n) up to the next segment's
// start, so the segments tile the key space and each item falls in exactly one.
std::uint64_t segmentStart(std::int64_t segment, std::int64_t total) {
  const auto i = static_cast<std::uint64_t>(segment);
  const auto n = static_cast<std::uint64_t>(total);
  return ((i << 32) + n - 1) / n;
}

std::string bigEndian32(std::uint64_t value) {
  std::string out(4, '\0');
  for (int i = 3; i >= 0; --i, value >>= 8)
    out[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xFF);
  return out;
}

KeyRange segmentRange(const ScanRequest& input) {
  KeyRange range;
  if (!input.totalSegments || *input.totalSegments == 1) return range;
  const std::uint64_t start = segmentStart(*input.segment, *input.totalSegments);
  const std::uint64_t end = segmentStart(*input.segment + 1, *input.totalSegments);
  range.lower = KeyBound{bigEndian32(start), true};
  if (end <= 0xFFFFFFFFu) range.upper = KeyBound{bigEndian32(end), false};
  return range;
}

// The start key against the table's key schema and the requested segment.
std::string checkScanStartKey(const TableSchema& schema, const ScanRequest& input,
                              const Item& startKey) {
  std::string key;
  try {
    key = orderKeyOfKey(schema, startKey);
  } catch (const DynamoError& error) {
    throw validationError("The provided starting key is invalid: " + error.message);
  }
  if (input.totalSegments) {
    const std::uint32_t hash = hashPrefixOf(key);
    if (hash < segmentStart(*input.segment, *input.totalSegments) ||
        hash >= segmentStart(*input.segment + 1, *input.totalSegments)) {
      throw validationError(
          "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
          "ExclusiveStartKey with correct Segment. TotalSegments: " +
          std::to_string(*input.totalSegments) + " Segment: " + std::to_string(*input.segment));
    }
  }
  return key;
}

void checkStartKeySegment(const ScanRequest& input, const std::string& key) {
  if (!input.totalSegments) return;
  const std::uint32_t hash = hashPrefixOf(key);
  if (hash < segmentStart(*input.segment, *input.totalSegments) ||
      hash >= segmentStart(*input.segment + 1, *input.totalSegments)) {
    throw validationError(
        "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
        "ExclusiveStartKey with correct Segment. TotalSegments: " +
        std::to_string(*input.totalSegments) + " Segment: " + std::to_string(*input.segment));
  }
}

// A Scan of an index: segments split the index's own hash space.
std::string runIndexScan(const Table& table, const Index& index, const ScanRequest& input,
                         const Expressions& parsed, const std::optional<Item>& startKey) {
  std::optional<std::string> startEntryKey;
  if (startKey) {
    startEntryKey = indexStartKey(table.schema(), index.schema(), *startKey);
    checkStartKeySegment(input, *startEntryKey);
  }
  const KeyAttributes keys = keyAttributesOf(table.schema());
  if (parsed.projection) checkKeyPathsScalar(parsed.projection->paths(), keys);
  if (parsed.filter) checkKeyPathsScalar(pathsOf(*parsed.filter), keys);

  KeyRange range = segmentRange(input);
  if (startEntryKey) range.continueAfter(*startEntryKey, true);
  PageOptions options = pageOptions(input.read, parsed);
  options.index = &index.schema();
  options.fetchWhole = fetchesFromTable(index, input.read);
  return readIndexPage(table, index, range, options);
}

std::string runScan(const Table& table, const ScanRequest& input, const Expressions& parsed,
                    const std::optional<Item>& startKey) {
  const TableSchema& schema = table.schema();
  std::optional<std::string> startOrderKey;
  if (startKey) startOrderKey = checkScanStartKey(schema, input, *startKey);
  const KeyAttributes keys = keyAttributesOf(schema);
  if (parsed.projection) checkKeyPathsScalar(parsed.projection->paths(), keys);
  if (parsed.filter) checkKeyPathsScalar(pathsOf(*parsed.filter), keys);

  KeyRange range = segmentRange(input);
  if (startOrderKey) range.continueAfter(*startOrderKey, true);
  return readPage(table, range, pageOptions(input.read, parsed));
}

}  // namespace

std::string query(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const QueryRequest input = readQueryFields(request, constraints);
  const ExpressionParams params(request);
  constraints.check();

  checkQueryParameters(body, input, params);
  auto legacyFilter = translateFilter(input.read.legacyFilter, input.read.conditionalOperator);
  if (input.read.attributesToGet) attributesToGetProjection(input.read.attributesToGet);
  const std::optional<Item> startKey = parseStartKey(input.read.startKey, Envelope::Bare);
  auto legacyParts = legacyKeyConditions(input);
  params.check(
      {{"FilterExpression", input.read.filterText != nullptr}, {"KeyConditionExpression", true}},
      input.read.projectionText != nullptr, {});
  Expressions parsed = parseExpressions(params, input.keyConditionText, input.read);
  if (legacyFilter) parsed.filter = std::move(legacyFilter);
  // The key condition's shape is checked before the table is looked up: a table's key has at
  // most two attributes (an index's, up to eight, is checked once the index is known).
  const auto parts = legacyParts ? std::move(*legacyParts) : parsed.keyCondition->keyConditions();
  if (!input.read.indexName && parts.size() > 2) {
    throw validationError("Conditions can be of length 1 or 2 only");
  }

  const Table& table = tableFor(db, *input.read.tableName);
  const Index* index = findReadIndex(table, input.read, false);
  checkSelect(input.read);
  if (index) return runIndexQuery(table, *index, input, parsed, parts, startKey);
  return runQuery(table, input, parsed, parts, startKey);
}

std::string scan(Database& db, const Json& body) {
  const Fields request(body);
  Constraints constraints;
  const ScanRequest input = readScanFields(request, constraints);
  const ExpressionParams params(request);
  constraints.check();

  checkScanParameters(request, input, params);
  checkConditionalOperator(input.read.conditionalOperator, input.read.legacyFilter);
  auto legacyFilter = translateFilter(input.read.legacyFilter, input.read.conditionalOperator);
  if (input.read.attributesToGet) attributesToGetProjection(input.read.attributesToGet);
  const std::optional<Item> startKey = parseStartKey(input.read.startKey, Envelope::Enveloped);
  checkSegments(input);
  params.check({{"FilterExpression", input.read.filterText != nullptr}},
               input.read.projectionText != nullptr, {});
  Expressions parsed = parseExpressions(params, nullptr, input.read);
  if (legacyFilter) parsed.filter = std::move(legacyFilter);

  const Table& table = tableFor(db, *input.read.tableName);
  // DynamoDB answers an unknown index with a start key as a bad start key.
  const Index* index = findReadIndex(table, input.read, startKey.has_value());
  checkSelect(input.read);
  if (index) return runIndexScan(table, *index, input, parsed, startKey);
  return runScan(table, input, parsed, startKey);
}

}  // namespace pd
