#include "api/control/stream_spec.h"

#include <cmath>
#include <ctime>
#include <random>

#include "model/errors.h"

namespace pd {
namespace {

const std::vector<std::string> kViewTypes = {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES",
                                             "KEYS_ONLY"};

StreamViewType viewTypeOf(const std::string& name) {
  if (name == "NEW_IMAGE") return StreamViewType::NewImage;
  if (name == "OLD_IMAGE") return StreamViewType::OldImage;
  if (name == "NEW_AND_OLD_IMAGES") return StreamViewType::NewAndOldImages;
  return StreamViewType::KeysOnly;
}

// DynamoDB labels a stream with its creation time: "2026-10-08T23:07:31.275" (UTC).
std::string labelAt(double seconds) {
  const auto millis = static_cast<long long>(std::floor(seconds * 1000));
  const std::time_t whole = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03lld", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis % 1000);
  return text;
}

std::string newShardId(double now) {
  static std::mt19937 generator{std::random_device{}()};
  char text[96];
  std::snprintf(text, sizeof text, "shardId-%020lld-%08x",
                static_cast<long long>(std::floor(now * 1000)), static_cast<unsigned>(generator()));
  return text;
}

bool arnTaken(const Database& db, const std::string& arn) {
  for (const auto& stream : db.streams) {
    if (stream->info().arn == arn) return true;
  }
  return false;
}

void enableStream(Database& db, Table& table, StreamViewType type) {
  TableSchema& schema = table.schema();
  StreamInfo info;
  info.created = db.now();
  // A re-enable within the same millisecond still gets a label (and ARN) of its own.
  double stamp = info.created;
  do {
    info.label = labelAt(stamp);
    info.arn = schema.arn + "/stream/" + info.label;
    stamp += 0.001;
  } while (arnTaken(db, info.arn));
  info.tableName = schema.name;
  info.shardId = newShardId(info.created);
  info.hashKey = schema.hashKey;
  info.rangeKey = schema.rangeKey;
  info.viewType = type;
  auto stream = std::make_shared<Stream>(std::move(info), db.now);
  schema.latestStreamArn = stream->info().arn;
  schema.latestStreamLabel = stream->info().label;
  table.setStream(stream);
  db.streams.push_back(std::move(stream));
}

}  // namespace

std::optional<StreamSpecRequest> readStreamSpecification(const Fields& request) {
  const Json* wire = request.structure("StreamSpecification", "StreamSpecification");
  if (!wire) return std::nullopt;
  const Fields fields(*wire);
  return StreamSpecRequest{fields.boolean("StreamEnabled"), fields.string("StreamViewType")};
}

void checkStreamSpecConstraints(const std::optional<StreamSpecRequest>& spec,
                                Constraints& constraints) {
  if (!spec) return;
  constraints.required(spec->enabled.has_value(), "streamSpecification.streamEnabled");
  constraints.oneOf(spec->viewType, kViewTypes, "streamSpecification.streamViewType");
}

void checkStreamSpecRules(const StreamSpecRequest& spec) {
  const std::string invalid = "One or more parameter values were invalid: ";
  if (*spec.enabled && !spec.viewType) {
    throw validationError(invalid + "If stream is being enabled then UpdateViewType is required");
  }
  if (!*spec.enabled && spec.viewType) {
    throw validationError(invalid +
                          "If stream is being disabled, then UpdateViewType must not be specified");
  }
}

void applyCreateStreamSpec(Database& db, Table& table, const StreamSpecRequest& spec) {
  if (*spec.enabled) enableStream(db, table, viewTypeOf(*spec.viewType));
}

void checkUpdateStreamSpec(const Table& table, const StreamSpecRequest& spec) {
  const std::string& name = table.schema().name;
  if (*spec.enabled && table.stream()) {
    throw validationError("Table already has an enabled stream: TableName: " + name);
  }
  if (!*spec.enabled && !table.stream()) {
    throw validationError("Table has no stream to disable: TableName: " + name);
  }
}

void applyUpdateStreamSpec(Database& db, Table& table, const StreamSpecRequest& spec) {
  if (*spec.enabled) {
    enableStream(db, table, viewTypeOf(*spec.viewType));
  } else {
    disableStream(table);
  }
}

void disableStream(Table& table) {
  if (!table.stream()) return;
  table.stream()->disable();
  table.setStream(nullptr);
}

}  // namespace pd
