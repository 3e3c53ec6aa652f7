#include "storage_workload.h"

namespace pd::testing {

using nlohmann::json;

json workloadItem(const std::string& pk, int sk, const std::string& category, int n) {
  return {{"pk", {{"S", pk}}},
          {"sk", {{"N", std::to_string(sk)}}},
          {"category", {{"S", category}}},
          {"n", {{"N", std::to_string(n)}}},
          {"filler", {{"S", std::string(static_cast<std::size_t>(40 + n % 50), 'x')}}}};
}

std::vector<Step> storageWorkload() {
  std::vector<Step> steps;
  steps.push_back({"CreateTable",
                   {{"TableName", "orders"},
                    {"AttributeDefinitions",
                     {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                      {{"AttributeName", "sk"}, {"AttributeType", "N"}},
                      {{"AttributeName", "category"}, {"AttributeType", "S"}}}},
                    {"KeySchema",
                     {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                      {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
                    {"GlobalSecondaryIndexes",
                     {{{"IndexName", "byCategory"},
                       {"KeySchema", {{{"AttributeName", "category"}, {"KeyType", "HASH"}}}},
                       {"Projection", {{"ProjectionType", "ALL"}}}}}},
                    {"StreamSpecification",
                     {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}},
                    {"BillingMode", "PAY_PER_REQUEST"}},
                   true});
  steps.push_back({"CreateTable",
                   {{"TableName", "scratch"},
                    {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                    {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                    {"BillingMode", "PAY_PER_REQUEST"}},
                   false});
  for (int i = 0; i < 40; ++i) {
    steps.push_back(
        {"PutItem",
         {{"TableName", "orders"},
          {"Item", workloadItem("c" + std::to_string(i % 7), i, i % 2 ? "odd" : "even", i)}},
         i % 3 == 0});
  }
  steps.push_back(
      {"UpdateItem",
       {{"TableName", "orders"},
        {"Key", {{"pk", {{"S", "c1"}}}, {"sk", {{"N", "1"}}}}},
        {"UpdateExpression", "SET n = n + :one, category = :c"},
        {"ExpressionAttributeValues", {{":one", {{"N", "1"}}}, {":c", {{"S", "odd2"}}}}}},
       true});
  steps.push_back(
      {"DeleteItem",
       {{"TableName", "orders"}, {"Key", {{"pk", {{"S", "c2"}}}, {"sk", {{"N", "2"}}}}}},
       false});
  json writes = json::array();
  for (int i = 0; i < 10; ++i) {
    writes.push_back({{"PutRequest", {{"Item", {{"pk", {{"S", "s" + std::to_string(i)}}}}}}}});
  }
  steps.push_back({"BatchWriteItem", {{"RequestItems", {{"scratch", writes}}}}, true});
  steps.push_back(
      {"TransactWriteItems",
       {{"ClientRequestToken", "token-1"},
        {"TransactItems",
         {{{"Put", {{"TableName", "orders"}, {"Item", workloadItem("t", 1, "even", 1)}}}},
          {{"Delete", {{"TableName", "scratch"}, {"Key", {{"pk", {{"S", "s3"}}}}}}}},
          {{"Update",
            {{"TableName", "orders"},
             {"Key", {{"pk", {{"S", "c3"}}}, {"sk", {{"N", "3"}}}}},
             {"UpdateExpression", "REMOVE filler"}}}}}}},
       true});
  steps.push_back({"UpdateTimeToLive",
                   {{"TableName", "orders"},
                    {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "n"}}}},
                   false});
  steps.push_back({"UpdateTable",
                   {{"TableName", "orders"},
                    {"AttributeDefinitions",
                     {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                      {{"AttributeName", "n"}, {"AttributeType", "N"}}}},
                    {"GlobalSecondaryIndexUpdates",
                     {{{"Create",
                        {{"IndexName", "byN"},
                         {"KeySchema",
                          {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                           {{"AttributeName", "n"}, {"KeyType", "RANGE"}}}},
                         {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}}}},
                   true});
  steps.push_back({"DeleteTable", {{"TableName", "scratch"}}, false});
  steps.push_back({"CreateTable",
                   {{"TableName", "scratch"},
                    {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "N"}}}},
                    {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
                    {"BillingMode", "PAY_PER_REQUEST"}},
                   false});
  steps.push_back({"PutItem", {{"TableName", "scratch"}, {"Item", {{"id", {{"N", "7"}}}}}}, true});
  for (int i = 40; i < 60; ++i) {
    steps.push_back({"PutItem",
                     {{"TableName", "orders"},
                      {"Item", workloadItem("c" + std::to_string(i % 5), i, "late", i)}},
                     i % 4 == 0});
  }
  steps.push_back(
      {"DeleteItem",
       {{"TableName", "orders"}, {"Key", {{"pk", {{"S", "c0"}}}, {"sk", {{"N", "0"}}}}}},
       true});
  return steps;
}

}  // namespace pd::testing
