#include "api/items/fast_put.h"

#include "api/items/fast_reader.h"
#include "api/items/item_common.h"
#include "api/items/key_rules.h"

namespace pd {

std::optional<std::string> tryFastPutItem(Database& db, std::string_view body) {
  try {
    FastReader in(body);
    std::optional<std::string_view> tableName;
    std::optional<Item> item;
    in.expect('{');
    do {
      const std::string_view member = in.string();
      in.expect(':');
      if (member == "TableName" && !tableName) {
        tableName = in.string();
      } else if (member == "Item" && !item) {
        item.emplace();
        readFastMap(in, *item, 0);
      } else {
        throw NotFast{};
      }
    } while (in.consume(','));
    in.expect('}');
    if (!in.atEnd() || !tableName || !item) return std::nullopt;
    Table* table = db.find(std::string(*tableName));
    if (!table) return std::nullopt;
    const std::size_t size = checkedPutSize(*item);
    const std::string key = orderKeyOfItem(table->schema(), *item);
    storeItem(*table, key, *item, size);
    return std::string("{}");
  } catch (const NotFast&) {
    return std::nullopt;
  } catch (const DynamoError&) {
    return std::nullopt;  // the general path reports it, with DynamoDB's checks in their order
  }
}

}  // namespace pd
