// The engine side of fuzz_sequence: sends requests as JSON, reports a broken invariant with the
// request and the response, reads every page of a Query or Scan and the new records of a stream.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/engine.h"
#include "fuzz_common.h"
#include "sequence_model.h"
#include "storage/memory_env.h"

namespace seqfuzz {

constexpr double kClock = 1700000000.0;

// Sets are unordered in DynamoDB: sorted here, at every depth, so equal values are equal JSON.
inline void normalizeValue(json& value) {
  for (auto& [type, content] : value.items()) {
    if (type == "SS" || type == "NS" || type == "BS") {
      std::sort(content.begin(), content.end());
    } else if (type == "M") {
      for (auto& [name, inner] : content.items()) normalizeValue(inner);
    } else if (type == "L") {
      for (auto& inner : content) normalizeValue(inner);
    }
  }
}
inline json normalized(json item) {
  for (auto& [name, value] : item.items()) normalizeValue(value);
  return item;
}

// The error's exception name (after the namespace's '#'), "" when the request succeeded.
struct Reply {
  bool ok = false;
  json body;
  std::string error;
};

struct Session {
  std::unique_ptr<pd::Engine> engine;
  std::unique_ptr<pd::MemoryEnv> env;  // null when the engine runs in memory only
  std::string context;                 // the step, for violation reports
  bool verbose = std::getenv("PD_FUZZ_VERBOSE") != nullptr;

  [[noreturn]] void fail(const std::string& what, const json& request, const Reply& reply) const {
    pdfuzz::violated(context + ": " + what + "\n  request:  " + request.dump() +
                     "\n  response: " + reply.body.dump());
  }

  Reply call(const char* operation, const json& request) {
    const pd::Response response = engine->execute(operation, request.dump());
    if (verbose) {
      std::fprintf(stderr, "%s %s %s\n  -> %s\n", context.c_str(), operation,
                   request.dump().c_str(), response.body.c_str());
    }
    Reply reply;
    reply.ok = response.ok;
    if (!json::accept(response.body)) {
      pdfuzz::violated(context + ": " + operation + " answered no JSON: " + response.body);
    }
    reply.body = json::parse(response.body);
    if (!response.ok) {
      const std::string type = reply.body.value("__type", "");
      reply.error = type.substr(type.find('#') + 1);
      if (reply.error == "InternalServerError") fail("internal error", request, reply);
    }
    return reply;
  }

  json mustSucceed(const char* operation, const json& request) {
    Reply reply = call(operation, request);
    if (!reply.ok) fail(std::string(operation) + " failed", request, reply);
    return std::move(reply.body);
  }

  // Every page of a Query or Scan (following LastEvaluatedKey), with the summed counts.
  struct Pages {
    std::vector<json> items;
    long long count = 0, scanned = 0;
    Reply error;  // set when a page failed
  };
  Pages readAll(const char* operation, json request) {
    Pages pages;
    for (int page = 0; page < 200; ++page) {
      Reply reply = call(operation, request);
      if (!reply.ok) {
        pages.error = std::move(reply);
        return pages;
      }
      for (const auto& item : reply.body.at("Items")) pages.items.push_back(normalized(item));
      const long long count = reply.body.at("Count").get<long long>();
      if (count != static_cast<long long>(reply.body.at("Items").size())) {
        fail("Count differs from the items returned", request, reply);
      }
      pages.count += count;
      pages.scanned += reply.body.at("ScannedCount").get<long long>();
      if (!reply.body.contains("LastEvaluatedKey")) return pages;
      request["ExclusiveStartKey"] = reply.body.at("LastEvaluatedKey");
    }
    pdfuzz::violated(context + ": " + operation + " pages never end: " + request.dump());
  }
};

// Reads one table's stream through a shard iterator kept between steps.
struct StreamCursor {
  std::string arn, shard, iterator, lastSequence;

  // Opens the stream of `table` at TRIM_HORIZON.
  void open(Session& s, const std::string& table) {
    const json described = s.mustSucceed("DescribeTable", {{"TableName", table}});
    const std::string latest = described.at("Table").at("LatestStreamArn");
    if (!arn.empty() && latest != arn) {
      pdfuzz::violated(s.context + ": stream ARN changed from " + arn + " to " + latest);
    }
    arn = latest;
    const json stream = s.mustSucceed("DescribeStream", {{"StreamArn", arn}});
    shard = stream.at("StreamDescription").at("Shards").at(0).at("ShardId");
    iterator = s.mustSucceed(
                    "GetShardIterator",
                    {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}})
                   .at("ShardIterator");
    lastSequence.clear();
  }

  // The records after the last one read: at least `expected` of them when there are (pages of
  // `limit`), each reduced to eventName, Keys and images, normalized.
  std::vector<json> readNew(Session& s, std::size_t expected, int limit, bool keysOnly) {
    std::vector<json> records;
    for (int page = 0; page < 100; ++page) {
      const json request = {{"ShardIterator", iterator}, {"Limit", limit}};
      const Reply reply = s.call("GetRecords", request);
      if (!reply.ok) s.fail("GetRecords failed", request, reply);
      iterator = reply.body.at("NextShardIterator");
      const json& got = reply.body.at("Records");
      for (const auto& record : got) {
        const json& change = record.at("dynamodb");
        const std::string sequence = change.at("SequenceNumber");
        if (!lastSequence.empty() &&
            !(sequence.size() == lastSequence.size() && sequence > lastSequence)) {
          s.fail("sequence numbers do not increase", request, reply);
        }
        lastSequence = sequence;
        const std::string view = keysOnly ? "KEYS_ONLY" : "NEW_AND_OLD_IMAGES";
        if (change.at("StreamViewType") != view) s.fail("wrong StreamViewType", request, reply);
        json reduced = {{"eventName", record.at("eventName")},
                        {"Keys", normalized(change.at("Keys"))}};
        if (change.contains("OldImage")) reduced["OldImage"] = normalized(change.at("OldImage"));
        if (change.contains("NewImage")) reduced["NewImage"] = normalized(change.at("NewImage"));
        records.push_back(std::move(reduced));
      }
      if (got.empty() || records.size() >= expected) return records;
    }
    return records;
  }
};

// Two lists equal up to the order inside each group of `groups` (records of one batch or one
// transaction may come in any order; groups come in order).
inline bool sameGroups(const std::vector<std::vector<json>>& groups, std::vector<json> actual) {
  std::size_t at = 0;
  for (auto group : groups) {
    if (actual.size() < at + group.size()) return false;
    std::vector<json> part(actual.begin() + static_cast<long>(at),
                           actual.begin() + static_cast<long>(at + group.size()));
    std::sort(group.begin(), group.end());
    std::sort(part.begin(), part.end());
    if (group != part) return false;
    at += group.size();
  }
  return at == actual.size();
}

}  // namespace seqfuzz
