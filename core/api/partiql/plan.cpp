#include "api/partiql/plan.h"

#include <algorithm>

#include "api/partiql/expression_text.h"
#include "api/partiql/lexer.h"

namespace pd::partiql {
namespace {

const KeyNames& tableKeys(const TableShape& table) {
  return table.keys;
}

// The top-level conjuncts of a WHERE.
std::vector<const Node*> conjuncts(const std::optional<Node>& where) {
  std::vector<const Node*> parts;
  if (!where) return parts;
  if (where->kind == NodeKind::And) {
    for (const Node& child : where->children) parts.push_back(&child);
  } else {
    parts.push_back(&*where);
  }
  return parts;
}

bool isAttribute(const Node& node, const std::string& name) {
  return node.kind == NodeKind::Attribute && node.path.size() == 1 && node.path[0].index < 0 &&
         node.path[0].name == name;
}

bool mentions(const Node& node, const std::string& name) {
  if (node.kind == NodeKind::Attribute) return !node.path.empty() && node.path[0].name == name;
  for (const Node& child : node.children) {
    if (mentions(child, name)) return true;
  }
  return false;
}

// The value `attribute = value` (either way round) sets, or null.
const Node* equalityValue(const Node& node, const std::string& attribute,
                          const ExpressionText& text) {
  if (node.kind != NodeKind::Compare || node.text != "=") return nullptr;
  const Node& left = node.children[0];
  const Node& right = node.children[1];
  if (isAttribute(left, attribute) && text.isValue(right)) return &right;
  if (isAttribute(right, attribute) && text.isValue(left)) return &left;
  return nullptr;
}

// Whether `node` can be a Query's sort key condition on `attribute`.
bool isSortKeyCondition(const Node& node, const std::string& attribute,
                        const ExpressionText& text) {
  const auto& children = node.children;
  switch (node.kind) {
    case NodeKind::Compare:
      if (node.text == "<>") return false;
      return (isAttribute(children[0], attribute) && text.isValue(children[1])) ||
             (isAttribute(children[1], attribute) && text.isValue(children[0]));
    case NodeKind::Between:
      return isAttribute(children[0], attribute) && text.isValue(children[1]) &&
             text.isValue(children[2]);
    case NodeKind::Call:
      return node.text == "begins_with" && children.size() == 2 &&
             isAttribute(children[0], attribute) && text.isValue(children[1]);
    default:
      return false;
  }
}

// A sort key condition with the key on the left, as KeyConditionExpression wants it.
std::string sortKeyText(const Node& node, ExpressionText& text) {
  if (node.kind == NodeKind::Compare && node.children[0].kind != NodeKind::Attribute) {
    static const std::map<std::string, std::string> flipped = {
        {"=", "="}, {"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
    Node turned{NodeKind::Compare, flipped.at(node.text)};
    turned.children = {node.children[1], node.children[0]};
    return text.condition(turned);
  }
  return text.condition(node);
}

std::string joinConditions(const std::vector<const Node*>& parts, ExpressionText& text) {
  std::string joined;
  for (const Node* part : parts) {
    if (!joined.empty()) joined += " AND ";
    joined += "(" + text.condition(*part) + ")";
  }
  return joined;
}

DynamoError missingKeyEquality() {
  return validationError(
      "Where clause does not contain a mandatory equality on all key attributes");
}

// The primary key a WHERE names with equalities, and its other conjuncts.
Json keyOf(const KeyNames& keys, const std::optional<Node>& where, ExpressionText& text,
           std::vector<const Node*>& rest) {
  Json key = Json::object();
  for (const Node* part : conjuncts(where)) {
    bool used = false;
    for (const std::string* name : {&keys.hash, keys.range ? &*keys.range : nullptr}) {
      if (!name || key.contains(*name)) continue;
      if (const Node* value = equalityValue(*part, *name, text)) {
        key[*name] = text.value(*value);
        used = true;
        break;
      }
    }
    if (!used) rest.push_back(part);
  }
  if (!key.contains(keys.hash) || (keys.range && !key.contains(*keys.range))) {
    throw missingKeyEquality();
  }
  return key;
}

// A global index holds only what it projects: the columns it lacks, in statement order.
void checkIndexProjects(const TableShape& table, const IndexShape& index,
                        const Statement& statement) {
  if (!index.global || index.projection == "ALL") return;
  std::vector<std::string> held{table.keys.hash, index.keys.hash};
  if (table.keys.range) held.push_back(*table.keys.range);
  if (index.keys.range) held.push_back(*index.keys.range);
  held.insert(held.end(), index.keys.more.begin(), index.keys.more.end());
  if (index.projection == "INCLUDE") {
    held.insert(held.end(), index.nonKeyAttributes.begin(), index.nonKeyAttributes.end());
  }
  std::string missing;
  for (const Path& path : statement.projection) {
    if (std::find(held.begin(), held.end(), path[0].name) != held.end()) continue;
    missing += (missing.empty() ? "" : ", ") + path[0].name;
  }
  if (!missing.empty()) {
    throw validationError("One or more parameter values were invalid: Global secondary index " +
                          index.name + " does not project [" + missing + "]");
  }
}

void addProjection(const Statement& statement, ExpressionText& text, Json& body) {
  if (statement.projection.empty()) return;
  std::string projection;
  for (const Path& path : statement.projection) {
    if (!projection.empty()) projection += ", ";
    projection += text.path(path);
  }
  body["ProjectionExpression"] = projection;
}

PlannedRequest planSelect(const TableLookup& tables, const Statement& statement,
                          ExpressionText& text, KeyLookup keyLookupOnly) {
  const TableShape& table = tables(statement.table);
  PlannedRequest plan{"", Json::object({{"TableName", statement.table}}), statement.table};
  Json& body = plan.body;
  if (keyLookupOnly != KeyLookup::No) {
    const auto refuse = [&] {
      return keyLookupOnly == KeyLookup::Batch
                 ? validationError(
                       "Select statements within BatchExecuteStatement must specify "
                       "the primary key in the where clause.")
                 : missingKeyEquality();
    };
    if (statement.index) throw refuse();
    std::vector<const Node*> rest;
    try {
      body["Key"] = keyOf(tableKeys(table), statement.where, text, rest);
    } catch (const DynamoError&) {
      throw refuse();
    }
    if (!rest.empty()) throw refuse();
    addProjection(statement, text, body);
    text.addTo(body);
    plan.operation = "GetItem";
    return plan;
  }

  KeyNames keys = tableKeys(table);
  std::vector<std::string> forbidden{keys.hash};  // key attributes a Query cannot filter on
  if (keys.range) forbidden.push_back(*keys.range);
  bool knownIndex = true;
  if (statement.index) {
    body["IndexName"] = *statement.index;
    const IndexShape* index = table.findIndex(*statement.index);
    knownIndex = index != nullptr;
    if (index) {
      checkIndexProjects(table, *index, statement);
      keys = index->keys;
      forbidden.push_back(keys.hash);
      if (keys.range) forbidden.push_back(*keys.range);
    }
  }

  // A Query when one conjunct fixes the partition key and at most one other (a condition a
  // key condition can express) touches the sort key; otherwise a Scan of the whole WHERE.
  const std::vector<const Node*> parts = conjuncts(statement.where);
  const Node* hashPart = nullptr;
  const Node* rangePart = nullptr;
  std::vector<const Node*> filter;
  // An index with a multi-attribute key is read by a Scan (its WHERE as the filter).
  bool queryable = knownIndex && keys.more.empty();
  for (const Node* part : parts) {
    if (!hashPart && equalityValue(*part, keys.hash, text)) {
      hashPart = part;
    } else if (keys.range && !rangePart && isSortKeyCondition(*part, *keys.range, text)) {
      rangePart = part;
    } else {
      for (const std::string& name : forbidden) queryable = queryable && !mentions(*part, name);
      filter.push_back(part);
    }
  }
  if (queryable && hashPart) {
    plan.operation = "Query";
    std::string keyCondition = text.condition(*hashPart);
    if (rangePart) keyCondition += " AND " + sortKeyText(*rangePart, text);
    body["KeyConditionExpression"] = keyCondition;
    if (!filter.empty()) body["FilterExpression"] = joinConditions(filter, text);
    if (statement.orderBy && statement.descending) body["ScanIndexForward"] = false;
  } else {
    if (statement.orderBy) {
      throw validationError("Must have WHERE clause in the statement when using ORDER BY clause.");
    }
    plan.operation = "Scan";
    if (statement.where) body["FilterExpression"] = text.condition(*statement.where);
  }
  if (statement.orderBy) {
    const Path& order = *statement.orderBy;
    const bool onKey = order.size() == 1 &&
                       (order[0].name == keys.hash || (keys.range && order[0].name == *keys.range));
    if (!onKey) throw validationError("Order by is only supported on key attributes");
  }
  addProjection(statement, text, body);
  text.addTo(body);
  return plan;
}

PlannedRequest planInsert(const TableLookup& tables, const Statement& statement,
                          ExpressionText& text) {
  const TableShape& table = tables(statement.table);
  Json item = text.value(*statement.item);
  if (!item.is_object() || !item.contains("M")) {
    throw validationError("Insert value must be a tuple");
  }
  Json body = Json::object({{"TableName", statement.table}, {"Item", item["M"]}});
  body["ConditionExpression"] = "attribute_not_exists(" + text.name(tableKeys(table).hash) + ")";
  text.addTo(body);
  return {"PutItem", std::move(body), statement.table};
}

std::string updateExpression(const Statement& statement, ExpressionText& text) {
  std::string set, remove, add, del;
  const auto append = [](std::string& clause, const std::string& action) {
    clause += (clause.empty() ? "" : ", ") + action;
  };
  for (const UpdateAction& action : statement.actions) {
    const std::string path = text.path(action.path);
    if (action.remove) {
      append(remove, path);
      continue;
    }
    const Node& value = action.value;
    if (value.kind == NodeKind::Call && (value.text == "set_add" || value.text == "set_delete")) {
      if (value.children.size() != 2) throw syntaxError(value.text + " takes two arguments");
      append(value.text == "set_add" ? add : del,
             path + " " + text.placeholder(text.value(value.children[1])));
      continue;
    }
    append(set, path + " = " + text.updateOperand(value));
  }
  std::string expression;
  for (const auto& [keyword, clause] : {std::pair<const char*, const std::string*>{"SET", &set},
                                        {"REMOVE", &remove},
                                        {"ADD", &add},
                                        {"DELETE", &del}}) {
    if (clause->empty()) continue;
    if (!expression.empty()) expression += " ";
    expression += std::string(keyword) + " " + *clause;
  }
  return expression;
}

// UPDATE, DELETE and EXISTS: one item, named by its whole primary key.
PlannedRequest planKeyed(const TableLookup& tables, const Statement& statement,
                         ExpressionText& text) {
  const TableShape& table = tables(statement.table);
  const KeyNames keys = tableKeys(table);
  std::vector<const Node*> rest;
  Json body = Json::object({{"TableName", statement.table}});
  body["Key"] = keyOf(keys, statement.where, text, rest);
  const std::string condition = joinConditions(rest, text);
  PlannedRequest plan{"", Json(), statement.table};
  if (statement.kind == StatementKind::Delete) {
    plan.operation = "DeleteItem";
    // A missing item is deleted quietly; an existing one must meet the rest of the WHERE.
    if (!condition.empty()) {
      // (AND binds before OR, and each conjunct is in parentheses of its own.)
      body["ConditionExpression"] =
          "attribute_not_exists(" + text.name(keys.hash) + ") OR " + condition;
    }
  } else {
    // UPDATE and EXISTS need the item to exist.
    body["ConditionExpression"] = "attribute_exists(" + text.name(keys.hash) + ")" +
                                  (condition.empty() ? "" : " AND " + condition);
    plan.operation = statement.kind == StatementKind::Update ? "UpdateItem" : "ConditionCheck";
    if (statement.kind == StatementKind::Update) {
      body["UpdateExpression"] = updateExpression(statement, text);
    }
  }
  if (!statement.returning.empty()) body["ReturnValues"] = statement.returning;
  text.addTo(body);
  plan.body = std::move(body);
  return plan;
}

}  // namespace

bool isRead(const Statement& statement) {
  return statement.kind == StatementKind::Select;
}

void checkParameters(const Statement& statement, const Json* parameters) {
  const std::size_t given = parameters ? parameters->size() : 0;
  if (given != static_cast<std::size_t>(statement.parameterCount)) {
    throw validationError("Number of parameters in request and statement don't match.");
  }
}

PlannedRequest planStatement(const TableLookup& tables, const Statement& statement,
                             const Json* parameters, KeyLookup keyLookupOnly) {
  checkParameters(statement, parameters);
  ExpressionText text(parameters);
  switch (statement.kind) {
    case StatementKind::Select:
      return planSelect(tables, statement, text, keyLookupOnly);
    case StatementKind::Insert:
      return planInsert(tables, statement, text);
    default:
      return planKeyed(tables, statement, text);
  }
}

}  // namespace pd::partiql
