// Low-level command classes (PutItemCommand, ...), as in @aws-sdk/client-dynamodb: each holds the
// operation's input with DynamoDB JSON attribute values; `db.send(command)` runs it.
import { OPERATIONS } from './operations.js';

/** Base class of the low-level commands. `operation` names the DynamoDB operation. */
export class DynamoDBCommand {
  /** @param {object} input */
  constructor(input) {
    this.input = input;
  }
}

function defineCommand(operation) {
  const name = `${operation}Command`;
  const Command = { [name]: class extends DynamoDBCommand {} }[name];
  Command.operation = operation;
  return Command;
}

/** Every command class by operation name. */
export const commandClasses = Object.freeze(Object.fromEntries(OPERATIONS.map((op) => [op, defineCommand(op)])));

export const {
  BatchExecuteStatement: LowLevelBatchExecuteStatementCommand,
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  CreateTable: CreateTableCommand,
  DeleteItem: DeleteItemCommand,
  DeleteTable: DeleteTableCommand,
  DescribeContinuousBackups: DescribeContinuousBackupsCommand,
  DescribeEndpoints: DescribeEndpointsCommand,
  DescribeLimits: DescribeLimitsCommand,
  DescribeTable: DescribeTableCommand,
  DescribeTimeToLive: DescribeTimeToLiveCommand,
  ExecuteStatement: LowLevelExecuteStatementCommand,
  ExecuteTransaction: LowLevelExecuteTransactionCommand,
  GetItem: GetItemCommand,
  ListTables: ListTablesCommand,
  ListTagsOfResource: ListTagsOfResourceCommand,
  PutItem: PutItemCommand,
  Query: LowLevelQueryCommand,
  Scan: LowLevelScanCommand,
  TagResource: TagResourceCommand,
  TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  UntagResource: UntagResourceCommand,
  UpdateContinuousBackups: UpdateContinuousBackupsCommand,
  UpdateItem: UpdateItemCommand,
  UpdateTable: UpdateTableCommand,
  UpdateTimeToLive: UpdateTimeToLiveCommand,
} = commandClasses;

/**
 * The operation a command runs: our classes say it; a command object of @aws-sdk/client-dynamodb
 * is recognised by its class name (PutItemCommand -> PutItem), so those work with db.send too.
 */
export function operationOf(command) {
  const name = command?.constructor?.name || typeof command;
  if (command?.inputKeyNodes) {
    throw new TypeError(`db.send() runs low-level commands; ${name} is a DocumentClient command: send it with DynamoDBDocumentClient.from(db), or use the low-level command from 'pocketdynamo/client'`);
  }
  const declared = command?.constructor?.operation;
  if (typeof declared === 'string') return declared;
  const operation = name.endsWith('Command') ? name.slice(0, -'Command'.length) : '';
  if (OPERATIONS.includes(operation)) return operation;
  throw new TypeError(`db.send() expects a low-level command such as PutItemCommand; got ${name}`);
}
