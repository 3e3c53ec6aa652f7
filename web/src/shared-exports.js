// What both entry points export (index.js and client.js), listed once: opening a database, the
// low-level commands both name alike, the paginators and the errors.
export { PocketDynamo } from './open.js';
export { Database as PocketDynamoDatabase } from './database.js';
export {
  DynamoDBCommand, BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand,
  DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, ListTablesCommand,
  PutItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand, UpdateItemCommand, UpdateTableCommand,
  UpdateTimeToLiveCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsOfResourceCommand, DescribeEndpointsCommand,
  DescribeLimitsCommand, DescribeContinuousBackupsCommand, UpdateContinuousBackupsCommand,
} from './commands.js';
export { paginateQuery, paginateScan } from './document/paginators.js';
export {
  DynamoDBServiceException, ValidationException, SerializationException, UnknownOperationException,
  ConditionalCheckFailedException, ResourceNotFoundException, ResourceInUseException,
  TransactionCanceledException, TransactionConflictException, TransactionInProgressException,
  ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded,
  ItemCollectionSizeLimitExceededException, LimitExceededException, IdempotentParameterMismatchException,
  ReplicatedWriteConflictException, InternalServerError, DuplicateItemException, DatabaseClosedError, StorageError,
  StorageQuotaExceededError, DatabaseLockedError,
} from './errors.js';
