// libFuzzer target: sequences of requests against a plain model (sequence_model.h). The input
// drives up to 120 steps on two tables over a small key space, so that writes collide: PutItem,
// UpdateItem and DeleteItem (with conditions and ReturnValues), BatchWriteItem,
// TransactWriteItems, GetItem, BatchGetItem, TransactGetItems, Query on the table, its GSI and
// its LSI, Scan, and with storage: flush, reopen, and reopen without the last flush (a crash).
// After every step the engine must agree with the model: which requests fail and with which
// exception, what they return, what every read returns, and which stream records every write
// appended. The first byte chooses storage (bit 0), the log budget (bits 1-2, so checkpoints
// happen), the GetRecords page size (bits 3-4) and how often to flush and reopen (bits 5-6).
// PD_FUZZ_VERBOSE=1 prints every request and response.
#include "sequence_engine.h"

namespace {

using namespace seqfuzz;

constexpr int kMaxSteps = 120;
constexpr std::uint64_t kLogBudgets[] = {4u << 20, 0, 300, 3000};
constexpr int kRecordLimits[] = {1000, 1, 2, 5};
constexpr int kReopenPeriods[] = {0, 8, 16, 32};  // steps; 0: only when the input says

const json kCreateTableT = json::parse(R"({"TableName":"tbl",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
    {"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"},
    {"AttributeName":"n","AttributeType":"N"},{"AttributeName":"l","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
  "GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},
    {"AttributeName":"n","KeyType":"RANGE"}],
    "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["v"]}}],
  "LocalSecondaryIndexes":[{"IndexName":"lsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
    {"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],
  "BillingMode":"PAY_PER_REQUEST",
  "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})");
const json kCreateTableH = json::parse(R"({"TableName":"hsh",
  "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
  "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST",
  "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})");

// A sort key condition on a number attribute: none, =, <, <=, >, >=, BETWEEN.
struct RangeCondition {
  int kind = 0;
  long long low = 0, high = 0;

  static RangeCondition pick(Bytes& in) {
    RangeCondition r;
    r.kind = in.pick(7);
    const std::uint8_t arg = in.next();
    r.low = arg % 5;
    r.high = (arg >> 3) % 5;
    return r;
  }
  bool invalid() const { return kind == 6 && low > high; }  // BETWEEN needs low <= high
  bool holds(long long x) const {
    switch (kind) {
      case 1:
        return x == low;
      case 2:
        return x < low;
      case 3:
        return x <= low;
      case 4:
        return x > low;
      case 5:
        return x >= low;
      case 6:
        return low <= x && x <= high;
      default:
        return true;
    }
  }
  std::string render(const std::string& name, Expr& e) const {
    static const char* const ops[] = {"", " = ", " < ", " <= ", " > ", " >= "};
    if (kind == 0) return "";
    const std::string path = e.name(name);
    if (kind == 6) return path + " BETWEEN " + e.value(num(low)) + " AND " + e.value(num(high));
    return path + ops[kind] + e.value(num(low));
  }
};

// Which index a read goes to: the table, the GSI "gsi" or the LSI "lsi".
enum class Target { Table, Gsi, Lsi };

class Sequence {
 public:
  explicit Sequence(Bytes& in) : in_(in) {}

  void run() {
    const std::uint8_t header = in_.next();
    logBudget_ = kLogBudgets[(header >> 1) % 4];
    recordLimit_ = kRecordLimits[(header >> 3) % 4];
    const int reopenEvery = kReopenPeriods[(header >> 5) % 4];
    s_.context = "setup";
    s_.engine = newEngine();
    if (header & 1) {
      s_.env = std::make_unique<pd::MemoryEnv>();
      s_.engine->openStorage(*s_.env);
      s_.engine->durableStore()->setLogBudget(logBudget_);
    }
    s_.mustSucceed("CreateTable", kCreateTableT);
    s_.mustSucceed("CreateTable", kCreateTableH);
    for (int t = 0; t < 2; ++t) {
      cursors_[t].open(s_, model_.tables[t].name);
      schemas_[t] = schemaOf(model_.tables[t].name);
    }
    if (s_.env) flush();
    for (int step = 0; step < kMaxSteps && !in_.empty(); ++step) {
      s_.context = "step " + std::to_string(step);
      this->step();
      if (s_.env && reopenEvery && step % reopenEvery == reopenEvery - 1) reopen(true);
    }
    s_.context = "final check";
    checkAll();
  }

 private:
  static std::unique_ptr<pd::Engine> newEngine() {
    auto engine = std::make_unique<pd::Engine>();
    engine->setClock([] { return kClock; });
    return engine;
  }

  void step() {
    switch (in_.pick(16)) {
      case 0:
      case 1:
      case 2:
        return putItem();
      case 3:
      case 4:
      case 5:
        return updateItem();
      case 6:
      case 7:
        return deleteItem();
      case 8:
        return batchWrite();
      case 9:
      case 10:
        return transactWrite();
      case 11:
        return getItem();
      case 12:
        return query();
      case 13:
        return scan();
      case 14:
        return in_.flag() ? batchGet() : transactGet();
      default:
        return storage();
    }
  }

  // --- writes -------------------------------------------------------------------------------

  // A single write's outcome: success unless the condition fails (ConditionalCheckFailed) or
  // the write is invalid (ValidationException); when both, either error. Returns true when the
  // write succeeded.
  bool outcome(const json& request, const Reply& reply, bool conditionFails, bool invalid,
               const json* old, bool oldOnFailure) {
    if (!conditionFails && !invalid) {
      if (!reply.ok) s_.fail("the model expects success", request, reply);
      return true;
    }
    const bool allowed = (conditionFails && reply.error == "ConditionalCheckFailedException") ||
                         (invalid && reply.error == "ValidationException");
    if (reply.ok || !allowed) {
      s_.fail(std::string("the model expects ") +
                  (conditionFails ? "ConditionalCheckFailedException " : "") +
                  (invalid ? "ValidationException" : ""),
              request, reply);
    }
    if (reply.error == "ConditionalCheckFailedException") {
      const bool carriesItem = oldOnFailure && old;
      if (reply.body.contains("Item") != carriesItem ||
          (carriesItem && normalized(reply.body.at("Item")) != *old)) {
        s_.fail("ReturnValuesOnConditionCheckFailure item differs from the model", request, reply);
      }
    }
    return false;
  }

  // ReturnValues: `expected` (absent when empty) as the response's Attributes.
  void checkAttributes(const json& request, const Reply& reply, const json& expected) {
    const bool has = reply.body.contains("Attributes");
    if (has != !expected.empty() || (has && normalized(reply.body.at("Attributes")) != expected)) {
      s_.fail("Attributes differ from the model's " + expected.dump(), request, reply);
    }
  }

  // After a write to the tables in `touched`: each one's stream must hold exactly the records of
  // `groups` past what was read before (in any order within the write). An untouched table's
  // stream is read at its next write or the full check, where a stray record shows up too.
  void checkStreams(std::array<std::vector<json>, 2>& groups, std::array<bool, 2> touched) {
    for (int t = 0; t < 2; ++t) {
      if (!touched[t]) continue;
      TableModel& table = model_.tables[t];
      const std::vector<json> actual =
          cursors_[t].readNew(s_, groups[t].size(), recordLimit_, table.keysOnlyStream);
      if (!sameGroups({groups[t]}, actual)) {
        pdfuzz::violated(s_.context + ": stream of " + table.name + " appended " +
                         json(actual).dump() + ", the model expects " + json(groups[t]).dump());
      }
      if (!groups[t].empty()) table.streamGroups.push_back(std::move(groups[t]));
    }
  }

  static void addCondition(json& request, const std::string& text) {
    if (!text.empty()) request["ConditionExpression"] = text;
  }

  void putItem() {
    const int t = in_.pick(2);
    TableModel& table = model_.tables[t];
    const Key key = Model::pickKey(in_, t);
    const json item = pickItem(in_, table, key);
    const Condition condition = Condition::pick(in_);
    const std::uint8_t options = in_.next();
    Expr e;
    json request = {{"TableName", table.name}, {"Item", item}};
    addCondition(request, condition.render(table, e));
    e.addTo(request);
    if (options & 1) request["ReturnValues"] = options & 4 ? "NONE" : "ALL_OLD";
    if (options & 2) request["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";

    const json* old = table.find(key);
    const Reply reply = s_.call("PutItem", request);
    std::array<std::vector<json>, 2> groups;
    if (outcome(request, reply, !condition.holds(table, old), badIndexKey(table, item), old,
                options & 2)) {
      checkAttributes(request, reply, (options & 5) == 1 && old ? *old : json::object());
      model_.write(t, key, item, groups[t]);
    }
    checkStreams(groups, {t == 0, t == 1});
  }

  void updateItem() {
    const int t = in_.pick(2);
    TableModel& table = model_.tables[t];
    const Key key = Model::pickKey(in_, t);
    const std::vector<Action> actions = pickActions(in_);
    const Condition condition = Condition::pick(in_);
    static const char* const kReturnValues[] = {"",        "NONE",        "ALL_OLD",
                                                "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"};
    const int returnValues = in_.pick(6);
    const bool oldOnFailure = in_.flag();
    Expr e;
    json request = {{"TableName", table.name}, {"Key", table.keyJson(key)}};
    request["UpdateExpression"] = renderUpdate(actions, e);
    addCondition(request, condition.render(table, e));
    e.addTo(request);
    if (returnValues) request["ReturnValues"] = kReturnValues[returnValues];
    if (oldOnFailure) request["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";

    const json* old = table.find(key);
    const Updated updated = update(table, key, old, actions);
    const bool invalid = !updated.applies || (updated.item && badIndexKey(table, *updated.item));
    const Reply reply = s_.call("UpdateItem", request);
    std::array<std::vector<json>, 2> groups;
    if (outcome(request, reply, !condition.holds(table, old), invalid, old, oldOnFailure)) {
      json expected = json::object();
      if (returnValues == 2 && old) expected = *old;
      if (returnValues == 3 && updated.item) expected = *updated.item;
      if (returnValues == 4 && old) expected = updatedPaths(actions, *old);
      if (returnValues == 5 && updated.item) expected = updatedPaths(actions, *updated.item);
      checkAttributes(request, reply, expected);
      model_.write(t, key, updated.item, groups[t]);
    }
    checkStreams(groups, {t == 0, t == 1});
  }

  void deleteItem() {
    const int t = in_.pick(2);
    TableModel& table = model_.tables[t];
    const Key key = Model::pickKey(in_, t);
    const Condition condition = Condition::pick(in_);
    const std::uint8_t options = in_.next();
    Expr e;
    json request = {{"TableName", table.name}, {"Key", table.keyJson(key)}};
    addCondition(request, condition.render(table, e));
    e.addTo(request);
    if (options & 1) request["ReturnValues"] = "ALL_OLD";
    if (options & 2) request["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";

    const json* old = table.find(key);
    const Reply reply = s_.call("DeleteItem", request);
    std::array<std::vector<json>, 2> groups;
    if (outcome(request, reply, !condition.holds(table, old), false, old, options & 2)) {
      checkAttributes(request, reply, (options & 1) && old ? *old : json::object());
      model_.write(t, key, std::nullopt, groups[t]);
    }
    checkStreams(groups, {t == 0, t == 1});
  }

  // Puts and deletes on up to four keys of both tables; a repeated key in one table is a
  // ValidationException, as is an empty GSI key in a put: then nothing is written.
  void batchWrite() {
    struct Write {
      int table;
      Key key;
      std::optional<json> item;
    };
    std::vector<Write> writes;
    json requestItems = json::object();
    std::array<std::set<Key>, 2> seen;
    std::array<bool, 2> touched{};
    bool invalid = false;
    const int count = 1 + in_.pick(4);
    for (int i = 0; i < count; ++i) {
      Write w;
      w.table = in_.pick(2);
      touched[w.table] = true;
      const TableModel& table = model_.tables[w.table];
      w.key = Model::pickKey(in_, w.table);
      invalid = !seen[w.table].insert(w.key).second || invalid;
      if (in_.flag()) {
        w.item = pickItem(in_, table, w.key);
        invalid = badIndexKey(table, *w.item) || invalid;
        requestItems[table.name].push_back({{"PutRequest", {{"Item", *w.item}}}});
      } else {
        requestItems[table.name].push_back({{"DeleteRequest", {{"Key", table.keyJson(w.key)}}}});
      }
      writes.push_back(std::move(w));
    }
    const json request = {{"RequestItems", requestItems}};
    const Reply reply = s_.call("BatchWriteItem", request);
    std::array<std::vector<json>, 2> groups;
    if (outcome(request, reply, false, invalid, nullptr, false)) {
      if (reply.body.value("UnprocessedItems", json::object()) != json::object()) {
        s_.fail("unprocessed items", request, reply);
      }
      for (const auto& w : writes) model_.write(w.table, w.key, w.item, groups[w.table]);
    }
    checkStreams(groups, touched);
  }

  // Up to four Put / Update / Delete / ConditionCheck actions. Two on one item: a
  // ValidationException. A failing condition or an update that cannot apply cancels the whole
  // transaction (TransactionCanceledException with a reason per action); otherwise an empty GSI
  // key is a ValidationException. Either way nothing is written.
  void transactWrite() {
    struct Planned {
      int table;
      Key key;
      bool writes;               // Put, Update or Delete (not ConditionCheck)
      std::optional<json> item;  // after the action; nullopt: deleted
    };
    std::vector<Planned> plans;
    std::vector<std::string> reasons;
    std::vector<std::optional<json>> reasonItems;
    std::set<std::pair<int, Key>> seen;
    bool duplicate = false, cancelled = false, invalid = false;
    std::array<bool, 2> touched{};
    json items = json::array();
    const int count = 1 + in_.pick(4);
    for (int i = 0; i < count; ++i) {
      const int t = in_.pick(2);
      touched[t] = true;
      const TableModel& table = model_.tables[t];
      const Key key = Model::pickKey(in_, t);
      duplicate = !seen.insert({t, key}).second || duplicate;
      const int kind = in_.pick(4);
      const json* old = table.find(key);
      Expr e;
      json action = {{"TableName", table.name}};
      Planned plan{t, key, kind != 3, std::nullopt};
      std::string reason = "None";
      bool applies = true;
      if (kind == 0) {
        plan.item = pickItem(in_, table, key);
        action["Item"] = *plan.item;
      } else {
        action["Key"] = table.keyJson(key);
      }
      if (kind == 1) {
        const std::vector<Action> actions = pickActions(in_);
        action["UpdateExpression"] = renderUpdate(actions, e);
        Updated updated = update(table, key, old, actions);
        applies = updated.applies;
        plan.item = std::move(updated.item);
      }
      const Condition condition = Condition::pick(in_, kind == 3 ? 0 : 4);
      addCondition(action, condition.render(table, e));
      e.addTo(action);
      const bool oldOnFailure = in_.flag();
      if (oldOnFailure) action["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
      std::optional<json> reasonItem;
      if (!condition.holds(table, old)) {
        reason = "ConditionalCheckFailed";
        if (oldOnFailure && old) reasonItem = *old;
      } else if (!applies) {
        reason = "ValidationError";
      } else if (plan.item && badIndexKey(table, *plan.item)) {
        invalid = true;
      }
      cancelled = cancelled || reason != "None";
      reasons.push_back(reason);
      reasonItems.push_back(reasonItem);
      static const char* const kKinds[] = {"Put", "Update", "Delete", "ConditionCheck"};
      items.push_back({{kKinds[kind], action}});
      plans.push_back(std::move(plan));
    }
    const json request = {{"TransactItems", items}};
    const Reply reply = s_.call("TransactWriteItems", request);
    std::array<std::vector<json>, 2> groups;
    if (duplicate) {
      if (reply.ok || reply.error != "ValidationException") {
        s_.fail("two actions on one item: the model expects ValidationException", request, reply);
      }
    } else if (!cancelled && !invalid) {
      if (!reply.ok) s_.fail("the model expects success", request, reply);
      for (const auto& plan : plans) {
        if (plan.writes) model_.write(plan.table, plan.key, plan.item, groups[plan.table]);
      }
    } else if (reply.ok || !((cancelled && reply.error == "TransactionCanceledException") ||
                             (invalid && reply.error == "ValidationException"))) {
      s_.fail(std::string("the model expects ") +
                  (cancelled ? "TransactionCanceledException " : "") +
                  (invalid ? "ValidationException" : ""),
              request, reply);
    } else if (reply.error == "TransactionCanceledException") {
      const json& got = reply.body.at("CancellationReasons");
      if (got.size() != reasons.size()) s_.fail("wrong number of reasons", request, reply);
      for (std::size_t i = 0; i < reasons.size(); ++i) {
        const bool hasItem = got[i].contains("Item");
        if (got[i].at("Code") != reasons[i] || hasItem != reasonItems[i].has_value() ||
            (hasItem && normalized(got[i].at("Item")) != *reasonItems[i])) {
          s_.fail("reason " + std::to_string(i) + " differs from the model's " + reasons[i],
                  request, reply);
        }
      }
    }
    checkStreams(groups, touched);
  }

  // --- reads --------------------------------------------------------------------------------

  void getItem() {
    const int t = in_.pick(2);
    const TableModel& table = model_.tables[t];
    const Key key = Model::pickKey(in_, t);
    const int projection = in_.pick(3);
    Expr e;
    json request = {{"TableName", table.name}, {"Key", table.keyJson(key)}};
    std::vector<std::string> names;
    if (projection == 1) names = {table.hashName, "v", "ss"};
    if (projection == 2) names = {table.hashName, "m", "g"};
    if (!names.empty()) {
      std::string text;
      for (const auto& name : names) text += (text.empty() ? "" : ", ") + e.name(name);
      request["ProjectionExpression"] = text;
    }
    e.addTo(request);
    if (in_.flag()) request["ConsistentRead"] = true;
    const json* item = table.find(key);
    std::optional<json> expected;
    if (item) expected = names.empty() ? *item : project(*item, names);
    const Reply reply = s_.call("GetItem", request);
    if (!reply.ok) s_.fail("GetItem failed", request, reply);
    if (reply.body.contains("Item") != expected.has_value() ||
        (expected && normalized(reply.body.at("Item")) != *expected)) {
      s_.fail("GetItem differs from the model's " + (expected ? expected->dump() : "nothing"),
              request, reply);
    }
  }

  static json project(const json& item, const std::vector<std::string>& names) {
    json out = json::object();
    for (const auto& name : names) {
      if (const json* value = attribute(&item, name)) out[name] = *value;
    }
    return out;
  }

  // Up to four keys of both tables; a repeated key in one table is a ValidationException.
  void batchGet() {
    json requestItems = json::object();
    std::array<std::set<Key>, 2> seen;
    std::array<std::vector<json>, 2> expected;
    bool duplicate = false;
    const int count = 1 + in_.pick(4);
    for (int i = 0; i < count; ++i) {
      const int t = in_.pick(2);
      const TableModel& table = model_.tables[t];
      const Key key = Model::pickKey(in_, t);
      duplicate = !seen[t].insert(key).second || duplicate;
      requestItems[table.name]["Keys"].push_back(table.keyJson(key));
      if (const json* item = table.find(key)) expected[t].push_back(*item);
    }
    const json request = {{"RequestItems", requestItems}};
    const Reply reply = s_.call("BatchGetItem", request);
    if (duplicate) {
      if (reply.ok || reply.error != "ValidationException") {
        s_.fail("repeated key: the model expects ValidationException", request, reply);
      }
      return;
    }
    if (!reply.ok) s_.fail("BatchGetItem failed", request, reply);
    if (reply.body.value("UnprocessedKeys", json::object()) != json::object()) {
      s_.fail("unprocessed keys", request, reply);
    }
    for (int t = 0; t < 2; ++t) {
      const std::string& name = model_.tables[t].name;
      if (!requestItems.contains(name)) continue;
      std::vector<json> got;
      for (const auto& item : reply.body.at("Responses").value(name, json::array())) {
        got.push_back(normalized(item));
      }
      std::sort(got.begin(), got.end());
      std::sort(expected[t].begin(), expected[t].end());
      if (got != expected[t]) s_.fail("BatchGetItem differs from the model", request, reply);
    }
  }

  void transactGet() {
    json items = json::array();
    std::vector<std::optional<json>> expected;
    std::set<std::pair<int, Key>> seen;
    bool duplicate = false;
    const int count = 1 + in_.pick(3);
    for (int i = 0; i < count; ++i) {
      const int t = in_.pick(2);
      const TableModel& table = model_.tables[t];
      const Key key = Model::pickKey(in_, t);
      duplicate = !seen.insert({t, key}).second || duplicate;
      items.push_back({{"Get", {{"TableName", table.name}, {"Key", table.keyJson(key)}}}});
      const json* item = table.find(key);
      expected.push_back(item ? std::optional<json>(*item) : std::nullopt);
    }
    const json request = {{"TransactItems", items}};
    const Reply reply = s_.call("TransactGetItems", request);
    if (duplicate) {
      if (reply.ok || reply.error != "ValidationException") {
        s_.fail("two gets of one item: the model expects ValidationException", request, reply);
      }
      return;
    }
    if (!reply.ok) s_.fail("TransactGetItems failed", request, reply);
    const json& responses = reply.body.at("Responses");
    if (responses.size() != expected.size()) s_.fail("wrong number of responses", request, reply);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const bool has = responses[i].contains("Item");
      if (has != expected[i].has_value() ||
          (has && normalized(responses[i].at("Item")) != *expected[i])) {
        s_.fail("response " + std::to_string(i) + " differs from the model", request, reply);
      }
    }
  }

  // The model's view of `target`: the table's items, or each item's image in the index.
  std::vector<json> modelItems(Target target) const {
    std::vector<json> items;
    for (const auto& [key, item] : model_.tables[0].items) {
      if (target == Target::Table) items.push_back(item);
      if (target == Target::Gsi) {
        if (auto image = gsiImage(item)) items.push_back(*image);
      }
      if (target == Target::Lsi && isNumber(attribute(&item, "l"))) items.push_back(item);
    }
    return items;
  }

  // Query on the table, the GSI or the LSI, every page, against the model: the table's items in
  // sort key order; an index's in its sort key's order (ties in any order).
  void query() {
    const auto target = static_cast<Target>(in_.pick(3));
    const std::uint8_t arg = in_.next();
    const RangeCondition range = RangeCondition::pick(in_);
    Condition filter = Condition::pick(in_);
    const std::uint8_t options = in_.next();
    // A GSI projects only keys and v: a filter there tests only those.
    if (target == Target::Gsi && (filter.kind == Cond::TextIs || filter.kind == Cond::SetHas)) {
      filter.kind = Cond::None;
    }
    const std::string hash = target == Target::Gsi ? "g" : "pk";
    const std::string rangeName = target == Target::Table ? "sk"
                                  : target == Target::Gsi ? "n"
                                                          : "l";
    const std::string hashValue = target == Target::Gsi ? kGsiHashes[arg % 2] : kHashKeys[arg % 3];
    Expr e;
    json request = {{"TableName", "tbl"}};
    std::string keyCondition = e.name(hash) + " = " + e.value(str(hashValue));
    const std::string rangeText = range.render(rangeName, e);
    if (!rangeText.empty()) keyCondition += " AND " + rangeText;
    request["KeyConditionExpression"] = keyCondition;
    const std::string filterText = filter.render(model_.tables[0], e);
    if (!filterText.empty()) request["FilterExpression"] = filterText;
    e.addTo(request);
    if (target == Target::Gsi) request["IndexName"] = "gsi";
    if (target == Target::Lsi) request["IndexName"] = "lsi";
    const bool forward = !(options & 1);
    if (!forward) request["ScanIndexForward"] = false;
    if (options & 6) request["Limit"] = (options >> 1) & 3;
    const bool consistent = options & 8;
    if (consistent) request["ConsistentRead"] = true;

    std::vector<json> matching, expected;
    for (const auto& item : modelItems(target)) {
      const json* r = attribute(&item, rangeName);
      if (item.at(hash).at("S") == hashValue && range.holds(numberOf(*r))) matching.push_back(item);
    }
    // The table's items come in key order; an index's are ordered by its sort key only.
    std::stable_sort(matching.begin(), matching.end(), [&](const json& a, const json& b) {
      return numberOf(a.at(rangeName)) < numberOf(b.at(rangeName));
    });
    if (!forward) std::reverse(matching.begin(), matching.end());
    for (const auto& item : matching) {
      if (filter.holds(model_.tables[0], &item)) expected.push_back(item);
    }

    const Session::Pages pages = s_.readAll("Query", request);
    // A filter may not test the queried key's attributes (pk on the table and the LSI, g on
    // the GSI); a GSI has no consistent reads.
    const bool filtersKey = ((filter.kind == Cond::Exists || filter.kind == Cond::NotExists) &&
                             target != Target::Gsi) ||
                            (filter.kind == Cond::HasG && target == Target::Gsi);
    const bool invalid = range.invalid() || filtersKey || (consistent && target == Target::Gsi);
    if (invalid) {
      if (pages.error.error != "ValidationException") {
        s_.fail("the model expects ValidationException", request, pages.error);
      }
      return;
    }
    if (!pages.error.body.is_null()) s_.fail("Query failed", request, pages.error);
    checkPages(request, pages, expected, matching.size(), target == Target::Table, rangeName,
               forward);
  }

  // `ordered`: exactly `expected`, in order; otherwise the same items, ordered by `rangeName`.
  void checkPages(const json& request, const Session::Pages& pages, std::vector<json> expected,
                  std::size_t scanned, bool ordered, const std::string& rangeName, bool forward) {
    std::vector<json> got = pages.items;
    if (!ordered && !rangeName.empty()) {
      for (std::size_t i = 1; i < got.size(); ++i) {
        const long long a = numberOf(got[i - 1].at(rangeName));
        const long long b = numberOf(got[i].at(rangeName));
        if (forward ? a > b : a < b) {
          pdfuzz::violated(s_.context + ": index items out of order: " + request.dump() +
                           "\n  got: " + json(got).dump());
        }
      }
    }
    if (!ordered) {
      std::sort(got.begin(), got.end());
      std::sort(expected.begin(), expected.end());
    }
    if (got != expected || pages.count != static_cast<long long>(expected.size()) ||
        pages.scanned != static_cast<long long>(scanned)) {
      pdfuzz::violated(s_.context + ": read differs from the model: " + request.dump() +
                       "\n  got " + std::to_string(pages.count) + " of " +
                       std::to_string(pages.scanned) + ": " + json(pages.items).dump() +
                       "\n  model " + std::to_string(expected.size()) + " of " +
                       std::to_string(scanned) + ": " + json(expected).dump());
    }
  }

  // Scan of a table or an index, every page, as one segment or as two.
  void scan() {
    const int which = in_.pick(4);  // T, H, T's GSI, T's LSI
    Condition filter = Condition::pick(in_);
    const std::uint8_t options = in_.next();
    const Target target = which == 2 ? Target::Gsi : which == 3 ? Target::Lsi : Target::Table;
    if (target == Target::Gsi && (filter.kind == Cond::TextIs || filter.kind == Cond::SetHas)) {
      filter.kind = Cond::None;
    }
    const TableModel& table = model_.tables[which == 1 ? 1 : 0];
    Expr e;
    json request = {{"TableName", table.name}};
    const std::string filterText = filter.render(table, e);
    if (!filterText.empty()) request["FilterExpression"] = filterText;
    e.addTo(request);
    if (target == Target::Gsi) request["IndexName"] = "gsi";
    if (target == Target::Lsi) request["IndexName"] = "lsi";
    if (options & 3) request["Limit"] = options & 3;
    const int segments = options & 4 ? 2 : 1;

    std::vector<json> all;
    if (which == 1) {
      for (const auto& [key, item] : table.items) all.push_back(item);
    } else {
      all = modelItems(target);
    }
    std::vector<json> expected;
    for (const auto& item : all) {
      if (filter.holds(table, &item)) expected.push_back(item);
    }
    Session::Pages pages;
    for (int segment = 0; segment < segments; ++segment) {
      if (segments > 1) {
        request["Segment"] = segment;
        request["TotalSegments"] = segments;
      }
      Session::Pages part = s_.readAll("Scan", request);
      if (!part.error.body.is_null()) s_.fail("Scan failed", request, part.error);
      pages.items.insert(pages.items.end(), part.items.begin(), part.items.end());
      pages.count += part.count;
      pages.scanned += part.scanned;
    }
    checkPages(request, pages, expected, all.size(), false, "", true);
  }

  // --- storage ------------------------------------------------------------------------------

  void flush() {
    const pd::Response flushed = s_.engine->flush();
    if (!flushed.ok) pdfuzz::violated(s_.context + ": flush failed: " + flushed.body);
    flushed_ = model_;
  }

  // Flush, flush and reopen, or reopen without flushing (a crash: the model goes back to the
  // last flush). Without storage: the full check.
  void storage() {
    const int what = in_.pick(3);
    if (s_.verbose) {
      static const char* const kWhat[] = {"flush", "flush and reopen", "reopen (crash)"};
      std::fprintf(stderr, "%s %s\n", s_.context.c_str(), s_.env ? kWhat[what] : "full check");
    }
    if (!s_.env) return checkAll();
    if (what == 0) return flush();
    reopen(what == 1);
  }

  // A new engine on the same files, checked against the model (and its tables' schemas against
  // what they were created with).
  void reopen(bool flushFirst) {
    if (flushFirst) {
      flush();
    } else {
      model_ = flushed_;
    }
    s_.engine.reset();
    s_.engine = newEngine();
    const pd::StorageReport report = s_.engine->openStorage(*s_.env);
    if (!report.problems.empty()) {
      pdfuzz::violated(s_.context + ": reopen found problems: " + report.problems.front());
    }
    s_.engine->setClock([] { return kClock; });
    s_.engine->durableStore()->setLogBudget(logBudget_);
    for (int t = 0; t < 2; ++t) {
      if (schemaOf(model_.tables[t].name) != schemas_[t]) {
        pdfuzz::violated(s_.context + ": table " + model_.tables[t].name + " reopened as " +
                         schemaOf(model_.tables[t].name).dump() + ", created as " +
                         schemas_[t].dump());
      }
    }
    checkAll();
  }

  // What DescribeTable says of a table's schema, indexes and stream.
  json schemaOf(const std::string& table) {
    const json described = s_.mustSucceed("DescribeTable", {{"TableName", table}}).at("Table");
    json schema = json::object();
    for (const char* member :
         {"TableName", "KeySchema", "AttributeDefinitions", "StreamSpecification",
          "LatestStreamArn", "LatestStreamLabel", "TableArn", "TableId"}) {
      schema[member] = described.value(member, json());
    }
    for (const char* member : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
      for (const auto& index : described.value(member, json::array())) {
        schema[member].push_back({{"IndexName", index.at("IndexName")},
                                  {"KeySchema", index.at("KeySchema")},
                                  {"Projection", index.at("Projection")}});
      }
    }
    return schema;
  }

  // Everything the engine holds against the model: both tables scanned, every partition
  // queried on the table and the LSI, every GSI partition, and each stream read from its start.
  void checkAll() {
    for (int t = 0; t < 2; ++t) {
      const TableModel& table = model_.tables[t];
      const json request = {{"TableName", table.name}, {"Limit", 5}};
      std::vector<json> all;
      for (const auto& [key, item] : table.items) all.push_back(item);
      checkPages(request, s_.readAll("Scan", request), all, all.size(), false, "", true);
    }
    for (const auto& target : {Target::Table, Target::Gsi, Target::Lsi}) {
      const bool gsi = target == Target::Gsi;
      const std::string hash = gsi ? "g" : "pk";
      const std::string rangeName = target == Target::Table ? "sk" : gsi ? "n" : "l";
      for (int h = 0; h < (gsi ? 2 : 3); ++h) {
        const std::string hashValue = gsi ? kGsiHashes[h] : kHashKeys[h];
        json request = {{"TableName", "tbl"},
                        {"KeyConditionExpression", "#h = :h"},
                        {"ExpressionAttributeNames", {{"#h", hash}}},
                        {"ExpressionAttributeValues", {{":h", str(hashValue)}}}};
        if (target != Target::Table) request["IndexName"] = gsi ? "gsi" : "lsi";
        std::vector<json> expected;
        for (const auto& item : modelItems(target)) {
          if (item.at(hash).at("S") == hashValue) expected.push_back(item);
        }
        if (target != Target::Table) {
          std::stable_sort(expected.begin(), expected.end(), [&](const json& a, const json& b) {
            return numberOf(a.at(rangeName)) < numberOf(b.at(rangeName));
          });
        }
        checkPages(request, s_.readAll("Query", request), expected, expected.size(),
                   target == Target::Table, rangeName, true);
      }
    }
    for (int t = 0; t < 2; ++t) {
      const TableModel& table = model_.tables[t];
      std::size_t total = 0;
      for (const auto& group : table.streamGroups) total += group.size();
      cursors_[t].open(s_, table.name);
      std::vector<json> actual = cursors_[t].readNew(s_, total, 1000, table.keysOnlyStream);
      const std::vector<json> more = cursors_[t].readNew(s_, 0, 1000, table.keysOnlyStream);
      actual.insert(actual.end(), more.begin(), more.end());
      if (!sameGroups(table.streamGroups, actual)) {
        pdfuzz::violated(s_.context + ": stream of " + table.name + " holds " +
                         json(actual).dump() + "\n  the model expects " +
                         json(table.streamGroups).dump());
      }
    }
  }

  Bytes& in_;
  Session s_;
  Model model_;
  Model flushed_;  // the model as of the last flush: what a crash keeps
  std::array<StreamCursor, 2> cursors_;
  std::array<json, 2> schemas_;  // as created
  std::uint64_t logBudget_ = 0;
  int recordLimit_ = 1000;
};

}  // namespace

// Every step allocates many small JSON values: ASan's default 256 MB quarantine of freed memory
// then costs more in page faults than the steps themselves. 16 MB still outlives every request.
extern "C" const char* __asan_default_options() {
  return "quarantine_size_mb=16";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  Sequence(in).run();
  return 0;
}
