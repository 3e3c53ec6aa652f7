// pocketdynamo/client: the low-level names of @aws-sdk/client-dynamodb (QueryCommand and
// ScanCommand here are the low-level ones).
import {
  DynamoDBCommand, QueryInput, QueryOutput, ScanInput, ScanOutput, ExecuteStatementInput, ExecuteStatementOutput,
  BatchExecuteStatementInput, BatchExecuteStatementOutput, ExecuteTransactionInput, ExecuteTransactionOutput,
} from './index.js';

export {
  PocketDynamo, PocketDynamoDatabase, OpenOptions, StorageMode, DynamoDBCommand,
  BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand, DeleteTableCommand,
  DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, ListTablesCommand, PutItemCommand,
  TransactGetItemsCommand, TransactWriteItemsCommand, UpdateItemCommand, UpdateTableCommand, UpdateTimeToLiveCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsOfResourceCommand, DescribeEndpointsCommand,
  DescribeLimitsCommand, DescribeContinuousBackupsCommand, UpdateContinuousBackupsCommand,
  paginateQuery, paginateScan,
  DynamoDBServiceException, ValidationException, SerializationException, UnknownOperationException,
  ConditionalCheckFailedException, ResourceNotFoundException, ResourceInUseException,
  TransactionCanceledException, TransactionConflictException, TransactionInProgressException,
  ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded,
  ItemCollectionSizeLimitExceededException, LimitExceededException, IdempotentParameterMismatchException,
  ReplicatedWriteConflictException, InternalServerError, DuplicateItemException, DatabaseClosedError, StorageError,
  StorageQuotaExceededError, DatabaseLockedError,
  AttributeValue, AttributeValueInput, ResponseMetadata, MetadataBearer, Operations,
  CreateTableInput, CreateTableOutput, DescribeTableInput, DescribeTableOutput, ListTablesInput, ListTablesOutput,
  DeleteTableInput, DeleteTableOutput, UpdateTableInput, UpdateTableOutput, UpdateTimeToLiveInput, UpdateTimeToLiveOutput,
  DescribeTimeToLiveInput, DescribeTimeToLiveOutput, PutItemInput, PutItemOutput, GetItemInput, GetItemOutput,
  UpdateItemInput, UpdateItemOutput, DeleteItemInput, DeleteItemOutput, QueryInput, QueryOutput, ScanInput, ScanOutput,
  BatchGetItemInput, BatchGetItemOutput, BatchWriteItemInput, BatchWriteItemOutput,
  TransactGetItemsInput, TransactGetItemsOutput, TransactWriteItemsInput, TransactWriteItemsOutput,
  ExecuteStatementInput, ExecuteStatementOutput, BatchExecuteStatementInput, BatchExecuteStatementOutput,
  ExecuteTransactionInput, ExecuteTransactionOutput,
  TagResourceInput, TagResourceOutput, UntagResourceInput, UntagResourceOutput, ListTagsOfResourceInput,
  ListTagsOfResourceOutput, Tag,
} from './index.js';

export class QueryCommand extends DynamoDBCommand<QueryInput, QueryOutput> {}
export class ScanCommand extends DynamoDBCommand<ScanInput, ScanOutput> {}
export class ExecuteStatementCommand extends DynamoDBCommand<ExecuteStatementInput, ExecuteStatementOutput> {}
export class BatchExecuteStatementCommand extends DynamoDBCommand<BatchExecuteStatementInput, BatchExecuteStatementOutput> {}
export class ExecuteTransactionCommand extends DynamoDBCommand<ExecuteTransactionInput, ExecuteTransactionOutput> {}
