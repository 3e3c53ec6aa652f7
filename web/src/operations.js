// The DynamoDB operations the package routes. Every one takes the same path (see database.js), so
// an operation works here as soon as the engine implements it; until then the engine answers
// UnknownOperationException.
export const OPERATIONS = Object.freeze([
  'BatchExecuteStatement', 'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable',
  'DescribeTable', 'DescribeTimeToLive', 'ExecuteStatement', 'ExecuteTransaction', 'GetItem', 'ListTables',
  'PutItem', 'Query', 'Scan', 'TransactGetItems', 'TransactWriteItems', 'UpdateItem', 'UpdateTable',
  'UpdateTimeToLive',
]);

/** 'PutItem' -> 'putItem', the method name on the database object (as on the SDK's DynamoDB). */
export const methodName = (operation) => operation[0].toLowerCase() + operation.slice(1);

/**
 * Idempotency-token members the SDK fills with a fresh UUID when the caller leaves them out
 * (so a retried request is recognised by DynamoDB); we send the same requests.
 */
export const IDEMPOTENCY_TOKENS = Object.freeze({
  TransactWriteItems: 'ClientRequestToken',
  ExecuteTransaction: 'ClientRequestToken',
});
