// pocketdynamo/client: the low-level surface, named as in @aws-sdk/client-dynamodb (QueryCommand
// and ScanCommand here take and return attribute values). Use with db.send(command).
export { PocketDynamo } from './open.js';
export { Database as PocketDynamoDatabase } from './database.js';
export {
  DynamoDBCommand, BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand,
  DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, ListTablesCommand,
  PutItemCommand, LowLevelQueryCommand as QueryCommand, LowLevelScanCommand as ScanCommand,
  TransactGetItemsCommand, TransactWriteItemsCommand, UpdateItemCommand, UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from './commands.js';
export { paginateQuery, paginateScan } from './document/paginators.js';
export {
  DynamoDBServiceException, ValidationException, SerializationException, UnknownOperationException,
  ConditionalCheckFailedException, ResourceNotFoundException, ResourceInUseException,
  TransactionCanceledException, TransactionConflictException, TransactionInProgressException,
  ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded,
  ItemCollectionSizeLimitExceededException, LimitExceededException, IdempotentParameterMismatchException,
  ReplicatedWriteConflictException, InternalServerError, DatabaseClosedError,
} from './errors.js';
