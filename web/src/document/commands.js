// DocumentClient commands (PutCommand, ...), as in @aws-sdk/lib-dynamodb: plain JS values in and
// out. Each names its low-level command and the members that hold attribute values.
import {
  BatchGetItemCommand, BatchWriteItemCommand, DeleteItemCommand, LowLevelBatchExecuteStatementCommand, GetItemCommand, LowLevelExecuteStatementCommand, LowLevelExecuteTransactionCommand,
  LowLevelQueryCommand, LowLevelScanCommand, PutItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand,
  UpdateItemCommand,
} from '../commands.js';
import { ALL_MEMBERS, ALL_VALUES, SELF } from './key-nodes.js';

/** Base class of the DocumentClient commands. */
export class DynamoDBDocumentClientCommand {
  /** @param {object} input */
  constructor(input) {
    this.input = input;
  }
}

function defineCommand(name, clientCommand, inputKeyNodes, outputKeyNodes) {
  const Command = { [name]: class extends DynamoDBDocumentClientCommand {} }[name];
  Command.clientCommand = clientCommand;
  Object.assign(Command.prototype, { inputKeyNodes, outputKeyNodes });
  return Command;
}

const EXPECTED = { '*': { Value: SELF, AttributeValueList: ALL_MEMBERS } };
const CONDITIONS = { '*': { AttributeValueList: ALL_MEMBERS } };
const WRITE_OUTPUT = { Attributes: ALL_VALUES, ItemCollectionMetrics: { ItemCollectionKey: ALL_VALUES } };
const READ_OUTPUT = { Items: { '*': ALL_VALUES }, LastEvaluatedKey: ALL_VALUES };
const WRITE_REQUESTS = { '*': { '*': { PutRequest: { Item: ALL_VALUES }, DeleteRequest: { Key: ALL_VALUES } } } };
const COLLECTION_METRICS = { '*': { '*': { ItemCollectionKey: ALL_VALUES } } };
const WITH_VALUES = (keyMember) => ({ [keyMember]: ALL_VALUES, ExpressionAttributeValues: ALL_VALUES });

export const PutCommand = defineCommand('PutCommand', PutItemCommand,
  { Item: ALL_VALUES, Expected: EXPECTED, ExpressionAttributeValues: ALL_VALUES }, WRITE_OUTPUT);

export const GetCommand = defineCommand('GetCommand', GetItemCommand, { Key: ALL_VALUES }, { Item: ALL_VALUES });

export const UpdateCommand = defineCommand('UpdateCommand', UpdateItemCommand, {
  Key: ALL_VALUES,
  AttributeUpdates: { '*': { Value: SELF } },
  Expected: EXPECTED,
  ExpressionAttributeValues: ALL_VALUES,
}, WRITE_OUTPUT);

export const DeleteCommand = defineCommand('DeleteCommand', DeleteItemCommand,
  { Key: ALL_VALUES, Expected: EXPECTED, ExpressionAttributeValues: ALL_VALUES }, WRITE_OUTPUT);

export const QueryCommand = defineCommand('QueryCommand', LowLevelQueryCommand, {
  KeyConditions: CONDITIONS,
  QueryFilter: CONDITIONS,
  ExclusiveStartKey: ALL_VALUES,
  ExpressionAttributeValues: ALL_VALUES,
}, READ_OUTPUT);

export const ScanCommand = defineCommand('ScanCommand', LowLevelScanCommand,
  { ScanFilter: CONDITIONS, ExclusiveStartKey: ALL_VALUES, ExpressionAttributeValues: ALL_VALUES }, READ_OUTPUT);

export const BatchGetCommand = defineCommand('BatchGetCommand', BatchGetItemCommand,
  { RequestItems: { '*': { Keys: { '*': ALL_VALUES } } } },
  { Responses: { '*': { '*': ALL_VALUES } }, UnprocessedKeys: { '*': { Keys: { '*': ALL_VALUES } } } });

export const BatchWriteCommand = defineCommand('BatchWriteCommand', BatchWriteItemCommand,
  { RequestItems: WRITE_REQUESTS },
  { UnprocessedItems: WRITE_REQUESTS, ItemCollectionMetrics: COLLECTION_METRICS });

export const TransactGetCommand = defineCommand('TransactGetCommand', TransactGetItemsCommand,
  { TransactItems: { '*': { Get: { Key: ALL_VALUES } } } },
  { Responses: { '*': { Item: ALL_VALUES } } });

export const TransactWriteCommand = defineCommand('TransactWriteCommand', TransactWriteItemsCommand, {
  TransactItems: {
    '*': {
      ConditionCheck: WITH_VALUES('Key'),
      Put: WITH_VALUES('Item'),
      Delete: WITH_VALUES('Key'),
      Update: WITH_VALUES('Key'),
    },
  },
}, { ItemCollectionMetrics: COLLECTION_METRICS });

// PartiQL: the statements' Parameters are values, as are the items read (lib-dynamodb's key nodes).
export const ExecuteStatementCommand = defineCommand('ExecuteStatementCommand', LowLevelExecuteStatementCommand,
  { Parameters: ALL_MEMBERS }, READ_OUTPUT);

export const BatchExecuteStatementCommand = defineCommand('BatchExecuteStatementCommand',
  LowLevelBatchExecuteStatementCommand, { Statements: { '*': { Parameters: ALL_MEMBERS } } },
  { Responses: { '*': { Error: { Item: ALL_VALUES }, Item: ALL_VALUES } } });

export const ExecuteTransactionCommand = defineCommand('ExecuteTransactionCommand', LowLevelExecuteTransactionCommand,
  { TransactStatements: { '*': { Parameters: ALL_MEMBERS } } }, { Responses: { '*': { Item: ALL_VALUES } } });
