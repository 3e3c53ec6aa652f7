// The DynamoDB Streams API (DynamoDBStreams_20120810.*): ListStreams, DescribeStream,
// GetShardIterator and GetRecords. Each stream has one shard.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "api/operations.h"
#include "api/wire/encoded_json.h"
#include "api/wire/request_fields.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {
namespace {

constexpr double kIteratorLifetimeSeconds = 15 * 60;

// A disabled stream is gone once its last records are older than 24 hours.
void forgetExpiredStreams(Database& db) {
  const double oldest = db.now() - Stream::kRetentionSeconds;
  auto& streams = db.streams;
  for (auto it = streams.begin(); it != streams.end();) {
    const auto disabledAt = (*it)->disabledAt();
    it = disabledAt && *disabledAt < oldest ? streams.erase(it) : it + 1;
  }
  for (const auto& stream : streams) stream->trim();
}

bool wellFormedStreamArn(const std::string& arn) {
  return arn.rfind("arn:", 0) == 0 && arn.find(":table/") != std::string::npos &&
         arn.find("/stream/") != std::string::npos;
}

Stream& streamFor(Database& db, const std::string& arn) {
  if (!wellFormedStreamArn(arn)) throw validationError("Invalid StreamArn");
  for (const auto& stream : db.streams) {
    if (stream->info().arn == arn) return *stream;
  }
  throw DynamoError{"ResourceNotFoundException",
                    "Requested resource not found: Stream: " + arn + " not found"};
}

const std::string& readStreamArn(const Fields& request, Constraints& constraints) {
  const std::string* arn = request.string("StreamArn");
  constraints.required(arn != nullptr, "streamArn");
  if (arn) constraints.length(*arn, 37, 1024, "streamArn");
  constraints.check();
  return *arn;
}

void writeKeySchema(JsonWriter& out, const StreamInfo& info) {
  out.key("KeySchema").beginArray();
  out.beginObject().key("AttributeName").string(info.hashKey.name);
  out.key("KeyType").string("HASH").endObject();
  if (info.rangeKey) {
    out.beginObject().key("AttributeName").string(info.rangeKey->name);
    out.key("KeyType").string("RANGE").endObject();
  }
  out.endArray();
}

// An iterator names the stream, the shard, the next sequence number to read and when it was
// issued (DynamoDB's iterators expire after 15 minutes).
std::string iteratorText(const Stream& stream, std::uint64_t position, double now) {
  char tail[64];
  std::snprintf(tail, sizeof tail, "|%llu|%lld", static_cast<unsigned long long>(position),
                static_cast<long long>(std::floor(now * 1000)));
  return stream.info().arn + "|" + stream.info().shardId + tail;
}

struct ParsedIterator {
  std::string arn, shardId;
  std::uint64_t position = 0;
  double issued = 0;
};

std::optional<std::uint64_t> parseUnsigned(const std::string& text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

ParsedIterator parseIterator(const std::string& text) {
  const auto invalid = [] { return validationError("Invalid ShardIterator"); };
  const std::size_t third = text.rfind('|');
  if (third == std::string::npos || third == 0) throw invalid();
  const std::size_t second = text.rfind('|', third - 1);
  if (second == std::string::npos || second == 0) throw invalid();
  const std::size_t first = text.rfind('|', second - 1);
  if (first == std::string::npos) throw invalid();
  ParsedIterator parsed;
  parsed.arn = text.substr(0, first);
  parsed.shardId = text.substr(first + 1, second - first - 1);
  const auto position = parseUnsigned(text.substr(second + 1, third - second - 1));
  const auto issued = parseUnsigned(text.substr(third + 1));
  if (!position || !issued || !wellFormedStreamArn(parsed.arn)) throw invalid();
  parsed.position = *position;
  parsed.issued = static_cast<double>(*issued) / 1000;
  return parsed;
}

const char* eventName(StreamEvent event) {
  return event == StreamEvent::Insert   ? "INSERT"
         : event == StreamEvent::Modify ? "MODIFY"
                                        : "REMOVE";
}

void writeRecord(JsonWriter& out, const Database& db, const Stream& stream,
                 const StreamRecord& record) {
  char eventId[40];
  std::snprintf(eventId, sizeof eventId, "%016llx%016llx",
                static_cast<unsigned long long>(std::hash<std::string>{}(stream.info().arn)),
                static_cast<unsigned long long>(record.sequence));
  out.beginObject();
  out.key("eventID").string(eventId);
  out.key("eventName").string(eventName(record.event));
  out.key("eventVersion").string("1.1");
  out.key("eventSource").string("aws:dynamodb");
  out.key("awsRegion").string(db.region);
  out.key("dynamodb").beginObject();
  out.key("ApproximateCreationDateTime").real(record.time);
  out.key("Keys");
  writeEncodedItem(out, record.keys);
  if (record.newImage) {
    out.key("NewImage");
    writeEncodedItem(out, *record.newImage);
  }
  if (record.oldImage) {
    out.key("OldImage");
    writeEncodedItem(out, *record.oldImage);
  }
  out.key("SequenceNumber").string(sequenceText(record.sequence));
  out.key("SizeBytes").integer(static_cast<std::int64_t>(record.sizeBytes));
  out.key("StreamViewType").string(streamViewTypeName(stream.info().viewType));
  out.endObject();
  if (record.byTimeToLive) {
    // TTL deletions are made by DynamoDB itself, and say so.
    out.key("userIdentity").beginObject().key("type").string("Service");
    out.key("principalId").string("dynamodb.amazonaws.com").endObject();
  }
  out.endObject();
}

}  // namespace

std::string listStreams(Database& db, const Json& body) {
  const Fields request(body);
  const std::string* tableName = request.string("TableName");
  const auto limit = request.integer("Limit", "Integer");
  const std::string* start = request.string("ExclusiveStartStreamArn");
  Constraints constraints;
  if (tableName) constraints.resourceName(tableName, "tableName");
  if (limit) constraints.minimum(*limit, 1, "limit");
  if (limit) constraints.maximum(*limit, 100, "limit");
  if (start) constraints.length(*start, 37, 1024, "exclusiveStartStreamArn");
  constraints.check();
  forgetExpiredStreams(db);

  auto it = db.streams.begin();
  if (start) {
    if (!wellFormedStreamArn(*start)) throw validationError("Invalid ExclusiveStartStreamArn");
    while (it != db.streams.end() && (*it)->info().arn != *start) ++it;
    if (it == db.streams.end()) throw validationError("Invalid ExclusiveStartStreamArn");
    ++it;
  }
  const std::size_t pageSize = static_cast<std::size_t>(limit.value_or(100));
  JsonWriter out;
  out.beginObject().key("Streams").beginArray();
  std::size_t count = 0;
  const Stream* last = nullptr;
  for (; it != db.streams.end() && count < pageSize; ++it) {
    const StreamInfo& info = (*it)->info();
    if (tableName && info.tableName != *tableName) continue;
    out.beginObject().key("StreamArn").string(info.arn);
    out.key("TableName").string(info.tableName).key("StreamLabel").string(info.label).endObject();
    last = it->get();
    ++count;
  }
  out.endArray();
  bool more = false;
  for (; it != db.streams.end() && !more; ++it) {
    more = !tableName || (*it)->info().tableName == *tableName;
  }
  if (more && last) out.key("LastEvaluatedStreamArn").string(last->info().arn);
  out.endObject();
  return out.take();
}

std::string describeStream(Database& db, const Json& body) {
  const Fields request(body);
  const auto limit = request.integer("Limit", "Integer");
  const std::string* startShard = request.string("ExclusiveStartShardId");
  Constraints constraints;
  if (limit) constraints.minimum(*limit, 1, "limit");
  if (limit) constraints.maximum(*limit, 100, "limit");
  if (startShard) constraints.length(*startShard, 28, 65, "exclusiveStartShardId");
  const std::string& arn = readStreamArn(request, constraints);
  forgetExpiredStreams(db);
  const Stream& stream = streamFor(db, arn);
  const StreamInfo& info = stream.info();

  JsonWriter out;
  out.beginObject().key("StreamDescription").beginObject();
  out.key("StreamArn").string(info.arn).key("StreamLabel").string(info.label);
  out.key("StreamStatus").string(stream.enabled() ? "ENABLED" : "DISABLED");
  out.key("StreamViewType").string(streamViewTypeName(info.viewType));
  out.key("CreationRequestDateTime").real(info.created);
  out.key("TableName").string(info.tableName);
  writeKeySchema(out, info);
  out.key("Shards").beginArray();
  // The one shard, unless the caller already has it.
  if (!startShard || *startShard < info.shardId) {
    out.beginObject().key("ShardId").string(info.shardId);
    out.key("SequenceNumberRange").beginObject();
    out.key("StartingSequenceNumber").string(sequenceText(stream.startingSequence()));
    if (!stream.enabled()) {
      const std::uint64_t last = stream.nextSequence() - 1;
      out.key("EndingSequenceNumber")
          .string(
              sequenceText(last < stream.startingSequence() ? stream.startingSequence() : last));
    }
    out.endObject().endObject();
  }
  out.endArray();
  out.endObject().endObject();
  return out.take();
}

std::string getShardIterator(Database& db, const Json& body) {
  static const std::vector<std::string> kTypes = {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER",
                                                  "AFTER_SEQUENCE_NUMBER"};
  const Fields request(body);
  const std::string* shardId = request.string("ShardId");
  const std::string* type = request.string("ShardIteratorType");
  const std::string* sequence = request.string("SequenceNumber");
  Constraints constraints;
  constraints.required(shardId != nullptr, "shardId");
  if (shardId) constraints.length(*shardId, 28, 65, "shardId");
  constraints.required(type != nullptr, "shardIteratorType");
  constraints.oneOf(type, kTypes, "shardIteratorType");
  if (sequence) constraints.length(*sequence, 21, 40, "sequenceNumber");
  const std::string& arn = readStreamArn(request, constraints);
  forgetExpiredStreams(db);
  const Stream& stream = streamFor(db, arn);
  if (*shardId != stream.info().shardId) {
    throw DynamoError{"ResourceNotFoundException",
                      "Requested resource not found: Shard does not exist"};
  }
  const bool bySequence = *type == "AT_SEQUENCE_NUMBER" || *type == "AFTER_SEQUENCE_NUMBER";
  if (bySequence && !sequence) {
    throw validationError("Must specify a sequence number for " + *type + " iterator type");
  }
  if (!bySequence && sequence) {
    throw validationError("Sequence number must not be specified for " + *type + " iterator type");
  }
  std::uint64_t position = *type == "LATEST" ? stream.nextSequence() : stream.trimHorizon();
  if (bySequence) {
    const auto number = parseSequence(*sequence);
    if (!number) throw validationError("Invalid SequenceNumber: " + *sequence);
    if (*number < stream.trimHorizon()) {
      throw DynamoError{"TrimmedDataAccessException",
                        "The requested sequence number is beyond the trim horizon"};
    }
    const std::uint64_t newest = std::max(stream.nextSequence() - 1, stream.startingSequence());
    if (*number > newest) {
      throw validationError("Invalid SequenceNumber: " + *sequence + " is not in the shard");
    }
    position = *type == "AT_SEQUENCE_NUMBER" ? *number : *number + 1;
  }
  JsonWriter out;
  out.beginObject().key("ShardIterator").string(iteratorText(stream, position, db.now()));
  out.endObject();
  return out.take();
}

std::string getRecords(Database& db, const Json& body) {
  const Fields request(body);
  const std::string* iterator = request.string("ShardIterator");
  const auto limit = request.integer("Limit", "Integer");
  Constraints constraints;
  constraints.required(iterator != nullptr, "shardIterator");
  if (iterator) constraints.length(*iterator, 1, 2048, "shardIterator");
  if (limit) constraints.minimum(*limit, 1, "limit");
  if (limit) constraints.maximum(*limit, 1000, "limit");
  constraints.check();
  const ParsedIterator parsed = parseIterator(*iterator);
  forgetExpiredStreams(db);
  const Stream& stream = streamFor(db, parsed.arn);
  if (parsed.shardId != stream.info().shardId) throw validationError("Invalid ShardIterator");
  const double now = db.now();
  if (now - parsed.issued > kIteratorLifetimeSeconds) {
    throw DynamoError{"ExpiredIteratorException", "Iterator expired"};
  }
  if (parsed.position < stream.trimHorizon()) {
    throw DynamoError{"TrimmedDataAccessException",
                      "The shard iterator points at records beyond the trim horizon"};
  }

  const std::size_t pageSize = static_cast<std::size_t>(limit.value_or(1000));
  JsonWriter out;
  out.beginObject().key("Records").beginArray();
  std::uint64_t next = parsed.position;
  std::size_t count = 0;
  // Records are in sequence order: start at the iterator's position without walking up to it.
  const auto& records = stream.records();
  const auto from = std::lower_bound(
      records.begin(), records.end(), parsed.position,
      [](const StreamRecord& r, std::uint64_t position) { return r.sequence < position; });
  for (auto it = from; it != records.end(); ++it) {
    const StreamRecord& record = *it;
    if (count == pageSize) break;
    writeRecord(out, db, stream, record);
    next = record.sequence + 1;
    ++count;
  }
  out.endArray();
  if (count == 0 && next < stream.nextSequence()) next = stream.nextSequence();
  // A disabled stream's shard is closed: once it is read to the end there is no next iterator.
  if (stream.enabled() || next < stream.nextSequence()) {
    out.key("NextShardIterator").string(iteratorText(stream, next, now));
  }
  out.endObject();
  return out.take();
}

}  // namespace pd
