// TagResource, UntagResource and ListTagsOfResource. A resource is a table, named by its ARN;
// an ARN of another account or region is one the caller cannot see (AccessDeniedException).
#include <algorithm>

#include "api/control/tags.h"
#include "api/operations.h"
#include "api/wire/wire_types.h"
#include "model/errors.h"
#include "model/json_writer.h"

namespace pd {
namespace {

constexpr std::size_t kMaxTags = 50;
constexpr std::size_t kMaxArnLength = 1283;
constexpr std::size_t kTagsPerPage = 50;  // every tag of a table fits on one page

// Unicode characters in UTF-8 text (DynamoDB's tag lengths count characters, not bytes).
std::size_t characters(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// Letters, digits, spaces and + - = . _ : / @; any non-ASCII character counts as a letter.
bool tagTextAllowed(const std::string& text) {
  for (unsigned char c : text) {
    const bool alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!alnum && c < 0x80 && std::string_view(" _.:/=+-@").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

void checkTagText(const std::string& text, std::size_t min, std::size_t max,
                  const std::string& path, Constraints& constraints) {
  const std::size_t length = characters(text);
  if (length < min || length > max) {
    constraints.fail("'" + text + "'", path,
                     length < min
                         ? "Member must have length greater than or equal to " + std::to_string(min)
                         : "Member must have length less than or equal to " + std::to_string(max));
  }
  if (!tagTextAllowed(text)) {
    constraints.fail(
        "'" + text + "'", path,
        "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  }
}

DynamoError invalidArn(const std::string& arn) {
  return validationError("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
}

// The table an ARN names: arn:aws:dynamodb:<region>:<account>:table/<name>.
Table& tableOfArn(Database& db, const std::string& arn, const char* operation) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    const std::size_t colon = arn.find(':', start);
    if (colon == std::string::npos) throw invalidArn(arn);
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string resource = arn.substr(start);
  if (parts[0] != "arn" || parts[1].empty() || parts[2].empty()) throw invalidArn(arn);
  if (parts[2] != "dynamodb" || parts[3] != db.region || parts[4] != db.accountId) {
    throw DynamoError{"AccessDeniedException", std::string("User is not authorized to perform: "
                                                           "dynamodb:") +
                                                   operation + " on resource: " + arn};
  }
  const std::string prefix = "table/";
  if (resource.compare(0, prefix.size(), prefix) != 0 ||
      !isValidTableName(resource.substr(prefix.size()))) {
    throw invalidArn(arn);  // an index or stream ARN, or no table name
  }
  Table* table = db.find(resource.substr(prefix.size()));
  if (!table) {
    // DynamoDB's own spelling.
    throw DynamoError{"ResourceNotFoundException",
                      "Requested resource not found: ResourcArn: " + arn + " not found"};
  }
  return *table;
}

const std::string& readArn(const Fields& request, Constraints& constraints) {
  const std::string* arn = request.string("ResourceArn");
  constraints.required(arn != nullptr, "resourceArn");
  if (arn) constraints.length(*arn, 1, kMaxArnLength, "resourceArn");
  static const std::string none;
  return arn ? *arn : none;
}

}  // namespace

TagList readTags(const Fields& request, bool* present) {
  TagList tags;
  const Json* list = request.list("Tags", "Tag");
  if (present) *present = list != nullptr;
  if (!list) return tags;
  for (const Json& element : *list) {
    expectListElementStructure(element, "Tag");
    const Fields tag(element);
    tags.emplace_back(tag.string("Key"), tag.string("Value"));
  }
  return tags;
}

void checkTagConstraints(const TagList& tags, Constraints& constraints) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string member = "tags." + std::to_string(i + 1) + ".member.";
    constraints.required(tags[i].first != nullptr, member + "key");
    if (tags[i].first) checkTagText(*tags[i].first, 1, 128, member + "key", constraints);
    constraints.required(tags[i].second != nullptr, member + "value");
    if (tags[i].second) checkTagText(*tags[i].second, 0, 256, member + "value", constraints);
  }
}

void applyTags(TableSchema& schema, const TagList& tags) {
  auto merged = schema.tags;
  for (const auto& [key, value] : tags) {
    if (key->compare(0, 4, "aws:") == 0) {
      throw validationError(
          "One or more parameter values were invalid: The tag key prefix "
          "'aws:' is reserved for AWS use");
    }
    auto it = merged.begin();
    while (it != merged.end() && it->first != *key) ++it;
    if (it != merged.end()) {
      it->second = *value;
    } else {
      merged.emplace_back(*key, *value);
    }
  }
  if (merged.size() > kMaxTags) {
    throw validationError(
        "One or more parameter values were invalid: The number of tags on "
        "a resource cannot exceed 50");
  }
  schema.tags = std::move(merged);
}

std::string tagResource(Database& db, const Json& body) {
  const Fields request(body);
  bool present = false;
  const TagList tags = readTags(request, &present);
  Constraints constraints;
  const std::string& arn = readArn(request, constraints);
  constraints.required(present, "tags");
  checkTagConstraints(tags, constraints);
  constraints.check();
  if (tags.empty())
    throw validationError("One or more parameter values were invalid: Tags are empty");
  applyTags(tableOfArn(db, arn, "TagResource").schema(), tags);
  return "{}";
}

std::string untagResource(Database& db, const Json& body) {
  const Fields request(body);
  std::vector<const std::string*> keys;
  const Json* list = request.list("TagKeys", "String");
  if (list) {
    for (const Json& key : *list) {
      keys.push_back(&expectString(key));
    }
  }
  Constraints constraints;
  const std::string& arn = readArn(request, constraints);
  constraints.required(list != nullptr, "tagKeys");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    checkTagText(*keys[i], 1, 128, "tagKeys." + std::to_string(i + 1) + ".member", constraints);
  }
  constraints.check();
  auto& tags = tableOfArn(db, arn, "UntagResource").schema().tags;
  for (const std::string* key : keys) {  // removing a key the table lacks is no error
    for (auto it = tags.begin(); it != tags.end(); ++it) {
      if (it->first == *key) {
        tags.erase(it);
        break;
      }
    }
  }
  return "{}";
}

std::string listTagsOfResource(Database& db, const Json& body) {
  const Fields request(body);
  const std::string* token = request.string("NextToken");
  Constraints constraints;
  const std::string& arn = readArn(request, constraints);
  constraints.check();
  const auto& tags = tableOfArn(db, arn, "ListTagsOfResource").schema().tags;
  // NextToken is the position of the page's first tag, as an earlier page handed it out.
  std::size_t first = 0;
  if (token) {
    bool digits = !token->empty() && token->size() <= 3;
    for (char c : *token) {
      digits = digits && c >= '0' && c <= '9';
      first = first * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!digits || first > tags.size()) throw validationError("Invalid NextToken: " + *token);
  }
  const std::size_t end = std::min(tags.size(), first + kTagsPerPage);
  JsonWriter out;
  out.beginObject().key("Tags").beginArray();
  for (std::size_t i = first; i < end; ++i) {
    out.beginObject().key("Key").string(tags[i].first).key("Value").string(tags[i].second);
    out.endObject();
  }
  out.endArray();
  if (end < tags.size()) out.key("NextToken").string(std::to_string(end));
  return out.endObject().take();
}

}  // namespace pd
