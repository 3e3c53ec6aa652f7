// The DynamoDB operations the package names a method and a command for (db.putItem,
// PutItemCommand, ...): the engine's own list (core/api/operation_table.cpp, through protocol.js).
// Every one takes the same path (see database.js).
export { DYNAMODB_OPERATIONS as OPERATIONS } from './protocol.js';

/** 'PutItem' -> 'putItem', the method name on the database object (as on the SDK's DynamoDB). */
export const methodName = (operation) => operation[0].toLowerCase() + operation.slice(1);

/**
 * Idempotency-token members the SDK fills with a fresh UUID when the caller leaves them out
 * (so a retried request is recognised by DynamoDB); we send the same requests.
 */
export const IDEMPOTENCY_TOKENS = Object.freeze({ TransactWriteItems: 'ClientRequestToken' });
