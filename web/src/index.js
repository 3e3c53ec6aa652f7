// pocketdynamo: DynamoDB inside the browser. The main entry mirrors @aws-sdk/lib-dynamodb (the
// DocumentClient) and @aws-sdk/util-dynamodb (marshalling), plus PocketDynamo.open and the
// low-level commands. 'pocketdynamo/client' mirrors @aws-sdk/client-dynamodb, where QueryCommand
// and ScanCommand are the low-level ones.
export * from './shared-exports.js';
export { DynamoDBDocumentClient, DynamoDBDocument } from './document/client.js';
export {
  DynamoDBDocumentClientCommand, BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand,
  QueryCommand, ScanCommand, TransactGetCommand, TransactWriteCommand, UpdateCommand, ExecuteStatementCommand,
  BatchExecuteStatementCommand, ExecuteTransactionCommand,
} from './document/commands.js';
export { marshall, unmarshall } from './marshall/marshall.js';
export { convertToAttr } from './marshall/convert-to-attr.js';
export { convertToNative } from './marshall/convert-to-native.js';
export { NumberValue } from './marshall/number-value.js';
