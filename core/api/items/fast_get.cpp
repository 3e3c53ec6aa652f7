#include "api/items/fast_get.h"

#include "api/items/fast_reader.h"
#include "api/items/item_common.h"
#include "api/items/key_rules.h"

namespace pd {

std::optional<std::string> tryFastGetItem(Database& db, std::string_view body) {
  try {
    FastReader in(body);
    std::optional<std::string_view> tableName;
    std::optional<Item> key;
    bool consistentReadSeen = false;
    in.expect('{');
    do {
      const std::string_view member = in.string();
      in.expect(':');
      if (member == "TableName" && !tableName) {
        tableName = in.string();
      } else if (member == "Key" && !key) {
        key.emplace();
        readFastMap(in, *key, 0);
      } else if (member == "ConsistentRead" && !consistentReadSeen) {
        // Only the capacity it would report depends on it, and this path reports none.
        consistentReadSeen = true;
        if (!in.literal("true") && !in.literal("false")) throw NotFast{};
      } else {
        throw NotFast{};
      }
    } while (in.consume(','));
    in.expect('}');
    if (!in.atEnd() || !tableName || !key) return std::nullopt;
    const Table* table = db.find(std::string(*tableName));
    if (!table) return std::nullopt;
    const ReadItem read = readItem(*table, orderKeyOfKey(table->schema(), *key), std::nullopt);
    JsonWriter out;
    out.beginObject();
    if (read) {
      out.key("Item");
      read.write(out);
    }
    return out.endObject().take();
  } catch (const NotFast&) {
    return std::nullopt;
  } catch (const DynamoError&) {
    return std::nullopt;  // the general path reports it, with DynamoDB's checks in their order
  }
}

}  // namespace pd
