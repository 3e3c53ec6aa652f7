// Types for pocketdynamo, modelled on the AWS SDK v3 (@aws-sdk/client-dynamodb,
// @aws-sdk/lib-dynamodb, @aws-sdk/util-dynamodb).

// ---------------------------------------------------------------- attribute values

/** A binary value as accepted on input; outputs are always Uint8Array. */
export type BinaryInput = Uint8Array | ArrayBuffer | ArrayBufferView;

/** A DynamoDB attribute value in DynamoDB JSON (exactly one member is set). */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: Uint8Array }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Uint8Array[] };

/** AttributeValue as accepted on input: binaries may be any binary type (or base64 text). */
export type AttributeValueInput =
  | { S: string }
  | { N: string }
  | { B: BinaryInput | string }
  | { BOOL: boolean }
  | { NULL: boolean }
  | { M: Record<string, AttributeValueInput> }
  | { L: AttributeValueInput[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: (BinaryInput | string)[] };

export type AttributeMap = Record<string, AttributeValue>;
export type AttributeMapInput = Record<string, AttributeValueInput>;

// ---------------------------------------------------------------- metadata and errors

export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

export interface ServiceExceptionOptions {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: ResponseMetadata;
}

/** Base class of every DynamoDB error; `name` is the DynamoDB exception name. */
export class DynamoDBServiceException extends Error {
  constructor(options?: ServiceExceptionOptions);
  readonly $fault: 'client' | 'server';
  $metadata: ResponseMetadata;
  /** Other members of the error body are copied onto the error. */
  [member: string]: unknown;
}
export class ValidationException extends DynamoDBServiceException { readonly name: 'ValidationException'; }
export class SerializationException extends DynamoDBServiceException { readonly name: 'SerializationException'; }
export class UnknownOperationException extends DynamoDBServiceException { readonly name: 'UnknownOperationException'; }
export class ConditionalCheckFailedException extends DynamoDBServiceException {
  readonly name: 'ConditionalCheckFailedException';
  /** The item, when ReturnValuesOnConditionCheckFailure was ALL_OLD. */
  Item?: AttributeMap;
}
export class ResourceNotFoundException extends DynamoDBServiceException { readonly name: 'ResourceNotFoundException'; }
export class ResourceInUseException extends DynamoDBServiceException { readonly name: 'ResourceInUseException'; }
export interface CancellationReason { Item?: AttributeMap; Code?: string; Message?: string }
export class TransactionCanceledException extends DynamoDBServiceException {
  readonly name: 'TransactionCanceledException';
  CancellationReasons?: CancellationReason[];
}
export class TransactionConflictException extends DynamoDBServiceException { readonly name: 'TransactionConflictException'; }
export class TransactionInProgressException extends DynamoDBServiceException { readonly name: 'TransactionInProgressException'; }
export class ProvisionedThroughputExceededException extends DynamoDBServiceException { readonly name: 'ProvisionedThroughputExceededException'; }
export class ThrottlingException extends DynamoDBServiceException { readonly name: 'ThrottlingException'; }
export class RequestLimitExceeded extends DynamoDBServiceException { readonly name: 'RequestLimitExceeded'; }
export class ItemCollectionSizeLimitExceededException extends DynamoDBServiceException { readonly name: 'ItemCollectionSizeLimitExceededException'; }
export class LimitExceededException extends DynamoDBServiceException { readonly name: 'LimitExceededException'; }
export class IdempotentParameterMismatchException extends DynamoDBServiceException { readonly name: 'IdempotentParameterMismatchException'; }
export class ReplicatedWriteConflictException extends DynamoDBServiceException { readonly name: 'ReplicatedWriteConflictException'; }
export class InternalServerError extends DynamoDBServiceException {
  readonly name: 'InternalServerError';
  readonly $fault: 'server';
}
/** A PartiQL INSERT of an item whose primary key exists (INSERT is not an upsert). */
export class DuplicateItemException extends DynamoDBServiceException { readonly name: 'DuplicateItemException'; }
/** Thrown by every call on a database after close(). */
export class DatabaseClosedError extends Error {
  constructor(name: string);
  readonly name: 'DatabaseClosedError';
}
/**
 * Persistent storage (IndexedDB, or the directory in Node) could not be opened, or a flush failed
 * or timed out (`cause` is the underlying error). The writes waiting for that flush were not made
 * durable and are undone; the database reloads what is on disk and stays usable.
 */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown });
  readonly name: 'StorageError' | 'StorageQuotaExceededError';
}
/** The browser's storage quota (or the disk) is full; what was acknowledged before is kept. */
export class StorageQuotaExceededError extends StorageError {
  readonly name: 'StorageQuotaExceededError';
}
/** Another open database (another tab, another open()) owns this storage exclusively; see OpenOptions.lock. */
export class DatabaseLockedError extends Error {
  constructor(name: string, message?: string);
  readonly name: 'DatabaseLockedError';
  /** With storage 'fs': who holds the folder's LOCK file (`{ pid, hostname, startedAt }`). */
  holder?: { pid: number; hostname: string; startedAt?: string };
}

// ---------------------------------------------------------------- shared shapes

export type ScalarAttributeType = 'S' | 'N' | 'B';
export type KeyType = 'HASH' | 'RANGE';
export type BillingMode = 'PROVISIONED' | 'PAY_PER_REQUEST';
export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
export type ReturnValue = 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
export type ReturnConsumedCapacity = 'INDEXES' | 'TOTAL' | 'NONE';
export type ReturnItemCollectionMetrics = 'SIZE' | 'NONE';
export type ReturnValuesOnConditionCheckFailure = 'ALL_OLD' | 'NONE';
export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';
export type ConditionalOperator = 'AND' | 'OR';
export type ComparisonOperator = 'EQ' | 'NE' | 'IN' | 'LE' | 'LT' | 'GE' | 'GT' | 'BETWEEN' | 'NOT_NULL' | 'NULL'
  | 'CONTAINS' | 'NOT_CONTAINS' | 'BEGINS_WITH';
export type TableStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE' | 'INACCESSIBLE_ENCRYPTION_CREDENTIALS' | 'ARCHIVING' | 'ARCHIVED';

export interface AttributeDefinition { AttributeName: string; AttributeType: ScalarAttributeType }
export interface KeySchemaElement { AttributeName: string; KeyType: KeyType }
export interface ProvisionedThroughput { ReadCapacityUnits: number; WriteCapacityUnits: number }
export interface OnDemandThroughput { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number }
export interface Projection { ProjectionType?: ProjectionType; NonKeyAttributes?: string[] }
export interface LocalSecondaryIndex { IndexName: string; KeySchema: KeySchemaElement[]; Projection: Projection }
export interface GlobalSecondaryIndex extends LocalSecondaryIndex {
  ProvisionedThroughput?: ProvisionedThroughput;
  OnDemandThroughput?: OnDemandThroughput;
}
export interface StreamSpecification { StreamEnabled: boolean; StreamViewType?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' }
export interface SSESpecification { Enabled?: boolean; SSEType?: 'AES256' | 'KMS'; KMSMasterKeyId?: string }
export interface Tag { Key: string; Value: string }

export interface ProvisionedThroughputDescription {
  LastIncreaseDateTime?: Date;
  LastDecreaseDateTime?: Date;
  NumberOfDecreasesToday?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}
export interface IndexDescription {
  IndexName?: string;
  KeySchema?: KeySchemaElement[];
  Projection?: Projection;
  IndexSizeBytes?: number;
  ItemCount?: number;
  IndexArn?: string;
  IndexStatus?: 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';
  ProvisionedThroughput?: ProvisionedThroughputDescription;
}
export interface TableDescription {
  AttributeDefinitions?: AttributeDefinition[];
  TableName?: string;
  KeySchema?: KeySchemaElement[];
  TableStatus?: TableStatus;
  CreationDateTime?: Date;
  ProvisionedThroughput?: ProvisionedThroughputDescription;
  TableSizeBytes?: number;
  ItemCount?: number;
  TableArn?: string;
  TableId?: string;
  BillingModeSummary?: { BillingMode?: BillingMode; LastUpdateToPayPerRequestDateTime?: Date };
  LocalSecondaryIndexes?: IndexDescription[];
  GlobalSecondaryIndexes?: IndexDescription[];
  StreamSpecification?: StreamSpecification;
  LatestStreamLabel?: string;
  LatestStreamArn?: string;
  DeletionProtectionEnabled?: boolean;
  OnDemandThroughput?: OnDemandThroughput;
  TableClassSummary?: { TableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS'; LastUpdateDateTime?: Date };
  [member: string]: unknown;
}

export interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}
export interface ItemCollectionMetrics<V = AttributeValue> {
  ItemCollectionKey?: Record<string, V>;
  SizeEstimateRangeGB?: number[];
}

/** Legacy condition members, generic in the value type (AttributeValue or plain JS values). */
export interface ExpectedAttributeValue<V> {
  Value?: V;
  Exists?: boolean;
  ComparisonOperator?: ComparisonOperator;
  AttributeValueList?: V[];
}
export interface Condition<V> { AttributeValueList?: V[]; ComparisonOperator: ComparisonOperator }
export interface AttributeValueUpdate<V> { Value?: V; Action?: 'ADD' | 'PUT' | 'DELETE' }

// ---------------------------------------------------------------- operation shapes
// V is the value type: AttributeValueInput on input / AttributeValue on output for the low-level
// API, NativeAttributeValue for the DocumentClient.

export interface CreateTableInput {
  TableName: string;
  AttributeDefinitions: AttributeDefinition[];
  KeySchema: KeySchemaElement[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: ProvisionedThroughput;
  OnDemandThroughput?: OnDemandThroughput;
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  StreamSpecification?: StreamSpecification;
  SSESpecification?: SSESpecification;
  Tags?: Tag[];
  TableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  DeletionProtectionEnabled?: boolean;
}
export interface CreateTableOutput extends MetadataBearer { TableDescription?: TableDescription }
export interface DescribeTableInput { TableName: string }
export interface DescribeTableOutput extends MetadataBearer { Table?: TableDescription }
export interface ListTablesInput { ExclusiveStartTableName?: string; Limit?: number }
export interface ListTablesOutput extends MetadataBearer { TableNames?: string[]; LastEvaluatedTableName?: string }
export interface DeleteTableInput { TableName: string }
export interface DeleteTableOutput extends MetadataBearer { TableDescription?: TableDescription }
export interface UpdateTableInput {
  TableName: string;
  AttributeDefinitions?: AttributeDefinition[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: ProvisionedThroughput;
  OnDemandThroughput?: OnDemandThroughput;
  GlobalSecondaryIndexUpdates?: object[];
  StreamSpecification?: StreamSpecification;
  SSESpecification?: SSESpecification;
  TableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  DeletionProtectionEnabled?: boolean;
}
export interface UpdateTableOutput extends MetadataBearer { TableDescription?: TableDescription }
export interface TimeToLiveSpecification { Enabled: boolean; AttributeName: string }
export interface UpdateTimeToLiveInput { TableName: string; TimeToLiveSpecification: TimeToLiveSpecification }
export interface UpdateTimeToLiveOutput extends MetadataBearer { TimeToLiveSpecification?: TimeToLiveSpecification }
export interface TagResourceInput { ResourceArn: string; Tags: Tag[] }
export interface TagResourceOutput extends MetadataBearer {}
export interface UntagResourceInput { ResourceArn: string; TagKeys: string[] }
export interface UntagResourceOutput extends MetadataBearer {}
export interface ListTagsOfResourceInput { ResourceArn: string; NextToken?: string }
export interface ListTagsOfResourceOutput extends MetadataBearer { Tags?: Tag[]; NextToken?: string }
export interface DescribeEndpointsInput {}
export interface DescribeEndpointsOutput extends MetadataBearer { Endpoints: Array<{ Address: string; CachePeriodInMinutes: number }> }
export interface DescribeLimitsInput {}
export interface DescribeLimitsOutput extends MetadataBearer {
  AccountMaxReadCapacityUnits?: number; AccountMaxWriteCapacityUnits?: number;
  TableMaxReadCapacityUnits?: number; TableMaxWriteCapacityUnits?: number;
}
export interface ContinuousBackupsDescription {
  ContinuousBackupsStatus: 'ENABLED' | 'DISABLED';
  PointInTimeRecoveryDescription?: {
    PointInTimeRecoveryStatus?: 'ENABLED' | 'DISABLED';
    RecoveryPeriodInDays?: number;
    EarliestRestorableDateTime?: Date;
    LatestRestorableDateTime?: Date;
  };
}
export interface DescribeContinuousBackupsInput { TableName: string }
export interface DescribeContinuousBackupsOutput extends MetadataBearer { ContinuousBackupsDescription?: ContinuousBackupsDescription }
export interface UpdateContinuousBackupsInput {
  TableName: string;
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: boolean; RecoveryPeriodInDays?: number };
}
export interface UpdateContinuousBackupsOutput extends MetadataBearer { ContinuousBackupsDescription?: ContinuousBackupsDescription }
export interface DescribeTimeToLiveInput { TableName: string }
export interface DescribeTimeToLiveOutput extends MetadataBearer {
  TimeToLiveDescription?: { TimeToLiveStatus?: 'ENABLING' | 'DISABLING' | 'ENABLED' | 'DISABLED'; AttributeName?: string };
}

interface ExpressionMembers<V> {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, V>;
}
interface WriteMembers<V> extends ExpressionMembers<V> {
  ConditionExpression?: string;
  Expected?: Record<string, ExpectedAttributeValue<V>>;
  ConditionalOperator?: ConditionalOperator;
  ReturnValues?: ReturnValue;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnItemCollectionMetrics?: ReturnItemCollectionMetrics;
  ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
}
interface WriteOutput<V> extends MetadataBearer {
  Attributes?: Record<string, V>;
  ConsumedCapacity?: ConsumedCapacity;
  ItemCollectionMetrics?: ItemCollectionMetrics<V>;
}

export interface PutItemInputOf<V> extends WriteMembers<V> { TableName: string; Item: Record<string, V> }
export interface DeleteItemInputOf<V> extends WriteMembers<V> { TableName: string; Key: Record<string, V> }
export interface UpdateItemInputOf<V> extends WriteMembers<V> {
  TableName: string;
  Key: Record<string, V>;
  UpdateExpression?: string;
  AttributeUpdates?: Record<string, AttributeValueUpdate<V>>;
}
export interface GetItemInputOf<V> {
  TableName: string;
  Key: Record<string, V>;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  AttributesToGet?: string[];
  ExpressionAttributeNames?: Record<string, string>;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
}
export interface GetItemOutputOf<V> extends MetadataBearer { Item?: Record<string, V>; ConsumedCapacity?: ConsumedCapacity }
interface ReadMembers<V> extends ExpressionMembers<V> {
  TableName: string;
  IndexName?: string;
  Select?: Select;
  Limit?: number;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: Record<string, V>;
  ProjectionExpression?: string;
  FilterExpression?: string;
  AttributesToGet?: string[];
  ConditionalOperator?: ConditionalOperator;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
}
export interface QueryInputOf<V> extends ReadMembers<V> {
  KeyConditionExpression?: string;
  KeyConditions?: Record<string, Condition<V>>;
  QueryFilter?: Record<string, Condition<V>>;
  ScanIndexForward?: boolean;
}
export interface ScanInputOf<V> extends ReadMembers<V> {
  ScanFilter?: Record<string, Condition<V>>;
  Segment?: number;
  TotalSegments?: number;
}
export interface ReadOutputOf<V> extends MetadataBearer {
  Items?: Record<string, V>[];
  Count?: number;
  ScannedCount?: number;
  LastEvaluatedKey?: Record<string, V>;
  ConsumedCapacity?: ConsumedCapacity;
}
export interface KeysAndAttributes<V> {
  Keys: Record<string, V>[];
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  AttributesToGet?: string[];
  ExpressionAttributeNames?: Record<string, string>;
}
export interface BatchGetInputOf<V> {
  RequestItems: Record<string, KeysAndAttributes<V>>;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
}
export interface BatchGetOutputOf<V> extends MetadataBearer {
  Responses?: Record<string, Record<string, V>[]>;
  UnprocessedKeys?: Record<string, KeysAndAttributes<V>>;
  ConsumedCapacity?: ConsumedCapacity[];
}
export interface WriteRequest<V> {
  PutRequest?: { Item: Record<string, V> };
  DeleteRequest?: { Key: Record<string, V> };
}
export interface BatchWriteInputOf<V> {
  RequestItems: Record<string, WriteRequest<V>[]>;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnItemCollectionMetrics?: ReturnItemCollectionMetrics;
}
export interface BatchWriteOutputOf<V> extends MetadataBearer {
  UnprocessedItems?: Record<string, WriteRequest<V>[]>;
  ItemCollectionMetrics?: Record<string, ItemCollectionMetrics<V>[]>;
  ConsumedCapacity?: ConsumedCapacity[];
}
export interface TransactGetInputOf<V> {
  TransactItems: { Get: { TableName: string; Key: Record<string, V>; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } }[];
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
}
export interface TransactGetOutputOf<V> extends MetadataBearer {
  Responses?: { Item?: Record<string, V> }[];
  ConsumedCapacity?: ConsumedCapacity[];
}
interface TransactCondition<V> extends ExpressionMembers<V> {
  TableName: string;
  ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
}
export interface TransactWriteItem<V> {
  ConditionCheck?: TransactCondition<V> & { Key: Record<string, V>; ConditionExpression: string };
  Put?: TransactCondition<V> & { Item: Record<string, V>; ConditionExpression?: string };
  Delete?: TransactCondition<V> & { Key: Record<string, V>; ConditionExpression?: string };
  Update?: TransactCondition<V> & { Key: Record<string, V>; UpdateExpression: string; ConditionExpression?: string };
}
export interface TransactWriteInputOf<V> {
  TransactItems: TransactWriteItem<V>[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnItemCollectionMetrics?: ReturnItemCollectionMetrics;
}
export interface TransactWriteOutputOf<V> extends MetadataBearer {
  ItemCollectionMetrics?: Record<string, ItemCollectionMetrics<V>[]>;
  ConsumedCapacity?: ConsumedCapacity[];
}

// PartiQL: ExecuteStatement, BatchExecuteStatement, ExecuteTransaction.
export interface ExecuteStatementInputOf<V> {
  Statement: string;
  Parameters?: V[];
  ConsistentRead?: boolean;
  NextToken?: string;
  Limit?: number;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
}
export interface ExecuteStatementOutputOf<V> extends MetadataBearer {
  /** The items a SELECT read; for INSERT, UPDATE and DELETE empty, or the RETURNING item. */
  Items?: Record<string, V>[];
  NextToken?: string;
  LastEvaluatedKey?: Record<string, V>;
  ConsumedCapacity?: ConsumedCapacity;
}
export interface BatchStatementRequestOf<V> {
  Statement: string;
  Parameters?: V[];
  ConsistentRead?: boolean;
  ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
}
export interface BatchExecuteStatementInputOf<V> {
  Statements: BatchStatementRequestOf<V>[];
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
}
export type BatchStatementErrorCode =
  | 'ConditionalCheckFailed' | 'ItemCollectionSizeLimitExceeded' | 'RequestLimitExceeded' | 'ValidationError'
  | 'ProvisionedThroughputExceeded' | 'TransactionConflict' | 'ThrottlingError' | 'InternalServerError'
  | 'ResourceNotFound' | 'AccessDenied' | 'DuplicateItem';
export interface BatchStatementResponseOf<V> {
  TableName?: string;
  Item?: Record<string, V>;
  Error?: { Code?: BatchStatementErrorCode; Message?: string; Item?: Record<string, V> };
}
export interface BatchExecuteStatementOutputOf<V> extends MetadataBearer {
  Responses?: BatchStatementResponseOf<V>[];
  ConsumedCapacity?: ConsumedCapacity[];
}
export interface ExecuteTransactionInputOf<V> {
  TransactStatements: { Statement: string; Parameters?: V[]; ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure }[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
}
export interface ExecuteTransactionOutputOf<V> extends MetadataBearer {
  /** One per SELECT of a read transaction, in order; absent for writes. */
  Responses?: { Item?: Record<string, V> }[];
  ConsumedCapacity?: ConsumedCapacity[];
}

// Low-level names, as in @aws-sdk/client-dynamodb.
export type PutItemInput = PutItemInputOf<AttributeValueInput>;
export type PutItemOutput = WriteOutput<AttributeValue>;
export type GetItemInput = GetItemInputOf<AttributeValueInput>;
export type GetItemOutput = GetItemOutputOf<AttributeValue>;
export type UpdateItemInput = UpdateItemInputOf<AttributeValueInput>;
export type UpdateItemOutput = WriteOutput<AttributeValue>;
export type DeleteItemInput = DeleteItemInputOf<AttributeValueInput>;
export type DeleteItemOutput = WriteOutput<AttributeValue>;
export type QueryInput = QueryInputOf<AttributeValueInput>;
export type QueryOutput = ReadOutputOf<AttributeValue>;
export type ScanInput = ScanInputOf<AttributeValueInput>;
export type ScanOutput = ReadOutputOf<AttributeValue>;
export type BatchGetItemInput = BatchGetInputOf<AttributeValueInput>;
export type BatchGetItemOutput = BatchGetOutputOf<AttributeValue>;
export type BatchWriteItemInput = BatchWriteInputOf<AttributeValueInput>;
export type BatchWriteItemOutput = BatchWriteOutputOf<AttributeValue>;
export type TransactGetItemsInput = TransactGetInputOf<AttributeValueInput>;
export type TransactGetItemsOutput = TransactGetOutputOf<AttributeValue>;
export type TransactWriteItemsInput = TransactWriteInputOf<AttributeValueInput>;
export type TransactWriteItemsOutput = TransactWriteOutputOf<AttributeValue>;
export type ExecuteStatementInput = ExecuteStatementInputOf<AttributeValueInput>;
export type ExecuteStatementOutput = ExecuteStatementOutputOf<AttributeValue>;
export type BatchExecuteStatementInput = BatchExecuteStatementInputOf<AttributeValueInput>;
export type BatchExecuteStatementOutput = BatchExecuteStatementOutputOf<AttributeValue>;
export type ExecuteTransactionInput = ExecuteTransactionInputOf<AttributeValueInput>;
export type ExecuteTransactionOutput = ExecuteTransactionOutputOf<AttributeValue>;

/** Operation name -> [input, output] of the low-level API. */
export interface Operations {
  BatchExecuteStatement: [BatchExecuteStatementInput, BatchExecuteStatementOutput];
  BatchGetItem: [BatchGetItemInput, BatchGetItemOutput];
  BatchWriteItem: [BatchWriteItemInput, BatchWriteItemOutput];
  CreateTable: [CreateTableInput, CreateTableOutput];
  DeleteItem: [DeleteItemInput, DeleteItemOutput];
  DeleteTable: [DeleteTableInput, DeleteTableOutput];
  DescribeTable: [DescribeTableInput, DescribeTableOutput];
  DescribeTimeToLive: [DescribeTimeToLiveInput, DescribeTimeToLiveOutput];
  ExecuteStatement: [ExecuteStatementInput, ExecuteStatementOutput];
  ExecuteTransaction: [ExecuteTransactionInput, ExecuteTransactionOutput];
  GetItem: [GetItemInput, GetItemOutput];
  ListTables: [ListTablesInput, ListTablesOutput];
  PutItem: [PutItemInput, PutItemOutput];
  Query: [QueryInput, QueryOutput];
  Scan: [ScanInput, ScanOutput];
  TransactGetItems: [TransactGetItemsInput, TransactGetItemsOutput];
  TransactWriteItems: [TransactWriteItemsInput, TransactWriteItemsOutput];
  UpdateItem: [UpdateItemInput, UpdateItemOutput];
  UpdateTable: [UpdateTableInput, UpdateTableOutput];
  UpdateTimeToLive: [UpdateTimeToLiveInput, UpdateTimeToLiveOutput];
  TagResource: [TagResourceInput, TagResourceOutput];
  UntagResource: [UntagResourceInput, UntagResourceOutput];
  ListTagsOfResource: [ListTagsOfResourceInput, ListTagsOfResourceOutput];
  DescribeEndpoints: [DescribeEndpointsInput, DescribeEndpointsOutput];
  DescribeLimits: [DescribeLimitsInput, DescribeLimitsOutput];
  DescribeContinuousBackups: [DescribeContinuousBackupsInput, DescribeContinuousBackupsOutput];
  UpdateContinuousBackups: [UpdateContinuousBackupsInput, UpdateContinuousBackupsOutput];
}

// ---------------------------------------------------------------- low-level commands

/** Base class of the low-level commands; `Output` only carries the result type for `send`. */
export class DynamoDBCommand<Input extends object, Output extends MetadataBearer> {
  constructor(input: Input);
  readonly input: Input;
  /** @internal type marker */
  protected readonly __output?: Output;
}
/**
 * A command class of the AWS SDK v3 itself (`GetItemCommand` of @aws-sdk/client-dynamodb,
 * `GetCommand` of @aws-sdk/lib-dynamodb, ...), told apart by its `resolveMiddleware`: `send`
 * reads the output type from it, so `db.send(new GetItemCommand(...))` is a GetItemCommandOutput.
 */
export interface AwsSdkCommand<Output> {
  readonly input: object;
  resolveMiddleware(stack: any, configuration: any, options: any): (args: any) => Promise<{ output: Output }>;
}
export class BatchGetItemCommand extends DynamoDBCommand<BatchGetItemInput, BatchGetItemOutput> {}
export class BatchWriteItemCommand extends DynamoDBCommand<BatchWriteItemInput, BatchWriteItemOutput> {}
export class CreateTableCommand extends DynamoDBCommand<CreateTableInput, CreateTableOutput> {}
export class DeleteItemCommand extends DynamoDBCommand<DeleteItemInput, DeleteItemOutput> {}
export class DeleteTableCommand extends DynamoDBCommand<DeleteTableInput, DeleteTableOutput> {}
export class DescribeTableCommand extends DynamoDBCommand<DescribeTableInput, DescribeTableOutput> {}
export class DescribeTimeToLiveCommand extends DynamoDBCommand<DescribeTimeToLiveInput, DescribeTimeToLiveOutput> {}
export class GetItemCommand extends DynamoDBCommand<GetItemInput, GetItemOutput> {}
export class ListTablesCommand extends DynamoDBCommand<ListTablesInput, ListTablesOutput> {}
export class PutItemCommand extends DynamoDBCommand<PutItemInput, PutItemOutput> {}
export class TransactGetItemsCommand extends DynamoDBCommand<TransactGetItemsInput, TransactGetItemsOutput> {}
export class TransactWriteItemsCommand extends DynamoDBCommand<TransactWriteItemsInput, TransactWriteItemsOutput> {}
export class UpdateItemCommand extends DynamoDBCommand<UpdateItemInput, UpdateItemOutput> {}
export class UpdateTableCommand extends DynamoDBCommand<UpdateTableInput, UpdateTableOutput> {}
export class UpdateTimeToLiveCommand extends DynamoDBCommand<UpdateTimeToLiveInput, UpdateTimeToLiveOutput> {}
export class TagResourceCommand extends DynamoDBCommand<TagResourceInput, TagResourceOutput> {}
export class UntagResourceCommand extends DynamoDBCommand<UntagResourceInput, UntagResourceOutput> {}
export class ListTagsOfResourceCommand extends DynamoDBCommand<ListTagsOfResourceInput, ListTagsOfResourceOutput> {}
export class DescribeEndpointsCommand extends DynamoDBCommand<DescribeEndpointsInput, DescribeEndpointsOutput> {}
export class DescribeLimitsCommand extends DynamoDBCommand<DescribeLimitsInput, DescribeLimitsOutput> {}
export class DescribeContinuousBackupsCommand extends DynamoDBCommand<DescribeContinuousBackupsInput, DescribeContinuousBackupsOutput> {}
export class UpdateContinuousBackupsCommand extends DynamoDBCommand<UpdateContinuousBackupsInput, UpdateContinuousBackupsOutput> {}
// (The low-level PartiQL commands are exported by 'pocketdynamo/client'; the main entry's
// ExecuteStatementCommand, ... are the DocumentClient's, as in lib-dynamodb.)

/** The SDK's optional second argument; nothing in it has an effect here. */
export interface HttpHandlerOptions {
  abortSignal?: unknown;
  requestTimeout?: number;
  /** PocketDynamo: for this write, overrides the database's durability (see OpenOptions.durability). */
  durability?: Durability;
}
export type Callback<T> = (error: unknown, data?: T) => void;

type Method<Op extends keyof Operations> = {
  (input: Operations[Op][0], options?: HttpHandlerOptions): Promise<Operations[Op][1]>;
  (input: Operations[Op][0], callback: Callback<Operations[Op][1]>): void;
  (input: Operations[Op][0], options: HttpHandlerOptions, callback: Callback<Operations[Op][1]>): void;
};

// ---------------------------------------------------------------- the database

/** An open database: the methods of the SDK's aggregated `DynamoDB` client, plus close(). */
export class PocketDynamoDatabase {
  private constructor();
  readonly name: string;
  readonly storage: StorageMode;
  readonly closed: boolean;
  // The AWS SDK's command classes first: the package's own commands have no resolveMiddleware.
  send<Output>(command: AwsSdkCommand<Output>, options?: HttpHandlerOptions): Promise<Output>;
  send<Output>(command: AwsSdkCommand<Output>, callback: Callback<Output>): void;
  send<Input extends object, Output extends MetadataBearer>(command: DynamoDBCommand<Input, Output>, options?: HttpHandlerOptions): Promise<Output>;
  send<Input extends object, Output extends MetadataBearer>(command: DynamoDBCommand<Input, Output>, callback: Callback<Output>): void;
  /**
   * Flushes (with persistent storage), then frees the engine and releases the storage and its
   * lock; later calls reject with DatabaseClosedError.
   */
  close(): Promise<void>;
  /**
   * Resolves once every change applied so far is on disk. Rejects with StorageError if a flush
   * failed since the previous call and dropped relaxed writes.
   */
  flush(): Promise<void>;
  /** What opening found in storage (null in memory): `problems` lists what recovery dropped or could not read. */
  readonly recoveryReport: RecoveryReport | null;
  /** Forgets the recovery problems kept with the database; resolves once that is on disk. */
  acknowledgeRecoveryProblems(): Promise<void>;
  /**
   * What this database keeps in storage, when a flush last completed, and the origin's usage and
   * quota as the browser estimates them.
   */
  storageInfo(): Promise<StorageInfo>;
  /**
   * Asks the browser not to evict the origin's storage (navigator.storage.persist()); resolves
   * true when the stored data will be kept. 'idb': the browser's answer (false without the API;
   * in a worker, which cannot ask, whether it was granted before); 'fs': true; 'memory': false.
   */
  persist(): Promise<boolean>;
  /**
   * A request handler for the AWS SDK v3: `new DynamoDBClient({ requestHandler: db.requestHandler(), ... })`
   * runs every command on this database, with no network request.
   */
  requestHandler(): PocketDynamoRequestHandler;
  /**
   * Deletes the items whose Time to Live has expired (DynamoDB does it in the background; here the
   * app decides when). `now` is in epoch seconds or a Date (default: the current time); without
   * `tableName` every table with TTL enabled is swept; `limit` bounds the number of deletions.
   */
  sweepExpiredItems(options?: { tableName?: string; limit?: number; now?: number | Date; durability?: Durability }): Promise<{ deleted: number }>;
  /**
   * Calls `handler(record)` for every change to the table's items (its stream must be enabled),
   * once each and in order, shortly after the write request that made it. Returns the function
   * that unsubscribes. See StreamOptions for the starting position and the record shape.
   */
  subscribe(tableName: string, handler: (record: StreamRecord) => unknown, options?: SubscribeOptions<StreamRecord> & { shape?: 'dynamodb' }): () => void;
  subscribe(tableName: string, handler: (record: DocumentStreamRecord) => unknown, options: SubscribeOptions<DocumentStreamRecord> & { shape: 'document' }): () => void;
  /** The same records as an async iterator; `break` (or return()) ends it. */
  streamRecords(tableName: string, options?: StreamOptions & { shape?: 'dynamodb' }): AsyncIterableIterator<StreamRecord>;
  streamRecords(tableName: string, options: StreamOptions & { shape: 'document' }): AsyncIterableIterator<DocumentStreamRecord>;
  /**
   * Keeps tables in step with a DynamoDB in the cloud: local writes are captured into a durable
   * outbox as they are made and pushed in commit order, guarded by the version attribute; the
   * remote's changes are pulled. With tabs sharing the database it runs in the owner tab only;
   * the others show its status and events. Not in worker mode.
   * Nothing runs until `start()` or `now()`. Sync's code loads on the first call (its own chunk);
   * the database holds its requests until it has, and `sync.ready` says when, or what was wrong
   * with the options. See web/README.md "Sync with DynamoDB".
   */
  sync(options: SyncOptions): Sync;
  batchGetItem: Method<'BatchGetItem'>;
  batchWriteItem: Method<'BatchWriteItem'>;
  createTable: Method<'CreateTable'>;
  deleteItem: Method<'DeleteItem'>;
  deleteTable: Method<'DeleteTable'>;
  describeTable: Method<'DescribeTable'>;
  describeTimeToLive: Method<'DescribeTimeToLive'>;
  executeStatement: Method<'ExecuteStatement'>;
  batchExecuteStatement: Method<'BatchExecuteStatement'>;
  executeTransaction: Method<'ExecuteTransaction'>;
  getItem: Method<'GetItem'>;
  listTables: Method<'ListTables'>;
  putItem: Method<'PutItem'>;
  query: Method<'Query'>;
  scan: Method<'Scan'>;
  transactGetItems: Method<'TransactGetItems'>;
  transactWriteItems: Method<'TransactWriteItems'>;
  updateItem: Method<'UpdateItem'>;
  updateTable: Method<'UpdateTable'>;
  updateTimeToLive: Method<'UpdateTimeToLive'>;
  tagResource: Method<'TagResource'>;
  untagResource: Method<'UntagResource'>;
  listTagsOfResource: Method<'ListTagsOfResource'>;
  describeEndpoints: Method<'DescribeEndpoints'>;
  describeLimits: Method<'DescribeLimits'>;
  describeContinuousBackups: Method<'DescribeContinuousBackups'>;
  updateContinuousBackups: Method<'UpdateContinuousBackups'>;
}

// ---------------------------------------------------------------- streams

/** A DynamoDB Streams record, as GetRecords returns it (images as AttributeValue maps). */
export interface StreamRecord<Image = AttributeMap> {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: Date;
    Keys: Image;
    NewImage?: Image;
    OldImage?: Image;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  };
  /** Only on deletions made by Time to Live. */
  userIdentity?: { type: 'Service'; principalId: 'dynamodb.amazonaws.com' };
}
/** A record with Keys, NewImage and OldImage unmarshalled to plain JS, as a DocumentClient returns items. */
export type DocumentStreamRecord = StreamRecord<Record<string, NativeAttributeValue>>;

export interface StreamOptions {
  /** 'LATEST' (default): changes made from now on; 'TRIM_HORIZON': every record the stream still keeps, then new ones. */
  startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /** 'dynamodb' (default on a database): AttributeValue maps; 'document' (default on a DocumentClient): plain JS. */
  shape?: 'dynamodb' | 'document';
  /** For the 'document' shape, e.g. { wrapNumbers: true }. */
  unmarshallOptions?: unmarshallOptions;
}
export interface SubscribeOptions<R> extends StreamOptions {
  /** Gets the handler's errors (default: reported like an event listener's, and delivery goes on). */
  onError?: (error: unknown, record?: R) => void;
}

/** The HTTP request the AWS SDK hands its request handler (smithy's HttpRequest, as far as it is read). */
export interface RequestHandlerRequest {
  method?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView;
  [member: string]: unknown;
}

/** The response a request handler resolves to (smithy's HttpResponse shape). */
export interface RequestHandlerResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** smithy's HttpHandler interface, which @aws-sdk/client-dynamodb accepts as `requestHandler`. */
export interface PocketDynamoRequestHandler {
  readonly metadata: { handlerProtocol: string };
  handle(request: RequestHandlerRequest, options?: { abortSignal?: { aborted: boolean } }): Promise<{ response: RequestHandlerResponse }>;
  updateHttpClientConfig(key: string | symbol, value: unknown): void;
  httpHandlerConfigs(): Record<string | symbol, unknown>;
  destroy(): void;
}

/** Where a database lives: in memory, in IndexedDB (browser), or in a directory (Node). */
export type StorageMode = 'memory' | 'idb' | 'fs';

/**
 * 'strict': an awaited write resolves once it is on disk (the IndexedDB transaction holding it
 * has completed). 'relaxed': it resolves once applied in memory, and is stored a few ms later.
 */
export type Durability = 'strict' | 'relaxed';

/** db.storageInfo(): the stored files (catalog, log, partition and streams files) and their bytes. */
export interface StorageInfo {
  storage: 'memory' | 'idb' | 'fs';
  /** False in memory. */
  persisted: boolean;
  bytes: number;
  files: number;
  /** Partition files (a table's items, grouped by a hash of the partition key). */
  partitions: number;
  /** Bytes in the write-ahead log since the last checkpoint. */
  logBytes: number;
  /** When the last flush completed (null: none since open). */
  lastFlush: Date | null;
  flushes: number;
  /**
   * Diagnostic: the log's put and delete entries applied to tables since open. Open applies only
   * those of partitions in memory; a partition's own are applied when it is first touched.
   */
  logEntriesApplied: number;
  /**
   * 'idb' and 'fs': the items the page holds in memory, in bytes by DynamoDB's item size (what
   * open's memoryBudget bounds); null in memory, where every item is held.
   */
  itemBytesInMemory: number | null;
  recovery: RecoveryReport | null;
  /**
   * Bytes the whole origin uses (every database and cache, not only this one), from
   * navigator.storage.estimate(); null where there is no estimate (Node, older browsers).
   */
  usage: number | null;
  /** Bytes the browser lets the origin use, from navigator.storage.estimate(); null where there is no estimate. */
  quota: number | null;
}

export interface RecoveryReport {
  tables: number;
  /** The items in memory right after open: partition files are read when a key in them is first touched. */
  items: number;
  /** What this open's recovery reported: a torn log tail dropped, a damaged file by name, a catalog rebuilt, ...; then what reading a partition file on first touch found. */
  problems: string[];
  /** Every problem kept with the database (from this open and earlier ones) until acknowledgeRecoveryProblems(). */
  unacknowledged: Array<{ at: number; problem: string }>;
  /** The number of the last log commit found (commits count flushes that wrote something). */
  commit: number;
}

export interface OpenOptions {
  /** The database name; with 'idb' the IndexedDB database is `pocketdynamo:<name>`. */
  name: string;
  /** 'memory', 'idb', 'fs' (with `path`), or `node:<dir>` (the same as 'fs' with that path). */
  storage: StorageMode | `node:${string}`;
  /** With storage 'fs': the directory (created if missing). */
  path?: string;
  /** The default durability of writes (default 'strict'); each call may override it. */
  durability?: Durability;
  /**
   * How this open shares the storage with other opens of the same database (other tabs, other
   * open()s, other workers). 'shared' (the default for 'idb' in a browser): every tab may open
   * it; one owns the storage and serves the others, and another takes over when it goes.
   * 'fail' (the default elsewhere): this open is the only user, or rejects with
   * DatabaseLockedError; 'wait': the only user, once the current one has closed.
   */
  lock?: 'shared' | 'fail' | 'wait';
  /**
   * Runs the engine and its storage in a dedicated module Worker: the same API, every call a
   * promise (storageInfo() too), so that opening or importing never blocks the page.
   */
  worker?: boolean;
  /** Where pocketdynamo.wasm is; default: next to the module. */
  wasmUrl?: string | URL;
  /**
   * 'idb' and 'fs': after open, also load the partitions no request has touched yet, one file
   * at a time between the page's tasks. Default false: open reads only the catalog and the log,
   * and a partition is read from storage when a request first touches it, so that memory holds
   * what is used; true trades that memory for no storage read on a later first touch.
   */
  loadInBackground?: boolean;
  /**
   * 'idb' and 'fs': the item bytes (DynamoDB's item size) kept in memory at most. Beyond it, the
   * partitions touched least recently are dropped between requests and read from storage again
   * on their next touch; a partition with changes not yet stored stays, and so does a table a
   * request read across partitions (a Scan, an index read), so that its next page need not read
   * it all again. Default: no bound (what was touched stays).
   */
  memoryBudget?: number;
  /**
   * Time to Live in the background: while the database is open (where its engine runs: the
   * owning tab, the worker, `serve`), a pass every `intervalMs` (default 60000) deletes the
   * expired items in small slices, with the stream records of TTL deletes. `false` turns it off
   * (db.sweepExpiredItems() still deletes on demand).
   */
  ttlSweep?: false | { intervalMs?: number };
  /**
   * Where pocketdynamo-partiql.wasm is, the PartiQL module fetched by the first PartiQL
   * statement; default: beside `wasmUrl` when that is given, else next to the module.
   */
  partiqlWasmUrl?: string | URL;
  /**
   * The region in table and stream ARNs, stream records' awsRegion and DescribeEndpoints
   * (default 'local': nothing is signed in a page, and such ARNs cannot be taken for a cloud
   * table's). Over HTTP each request is answered for the region it was signed for.
   */
  region?: string;
  /**
   * The tables the database should have, as CreateTable inputs: those missing are created;
   * global secondary indexes are added or removed to match the declaration; a table whose key
   * schema (or local secondary indexes) differs rejects the open with ValidationException.
   */
  tables?: CreateTableInput[];
}

export declare const PocketDynamo: {
  /** Opens a database, ready to use. */
  open(options: OpenOptions): Promise<PocketDynamoDatabase>;
};

// ---------------------------------------------------------------- marshalling

export class NumberValue {
  /** Does not validate its input; refuses a JS number that is already imprecise. */
  constructor(value: number | bigint | string | { N: string });
  value: string;
  static from(value: number | bigint | string | { N: string }): NumberValue;
  toAttributeValue(): { N: string };
  toBigInt(): bigint;
  toString(): string;
  valueOf(): string;
}

export type NativeAttributeBinary = ArrayBuffer | Blob | ArrayBufferView;
export type NativeScalarAttributeValue = null | undefined | boolean | number | NumberValue | bigint | NativeAttributeBinary | string;
export type NativeAttributeValue =
  | NativeScalarAttributeValue
  | { [key: string]: NativeAttributeValue }
  | NativeAttributeValue[]
  | Set<number | bigint | NumberValue | string | NativeAttributeBinary | undefined>
  | Map<string, NativeAttributeValue>
  | InstanceType<{ new (...args: any[]): any }>;

export interface marshallOptions {
  /** Convert empty strings, binaries and sets to NULL. */
  convertEmptyValues?: boolean;
  /** Remove undefined from arrays, sets and objects (an item's own undefined attributes are always dropped by the DocumentClient). */
  removeUndefinedValues?: boolean;
  /** Marshall class instances as maps of their enumerable properties. */
  convertClassInstanceToMap?: boolean;
  /** Return { M } / { L } for a top-level object/array (on by default in the DocumentClient). */
  convertTopLevelContainer?: boolean;
  /** Allow numbers beyond Number.MAX_SAFE_INTEGER (they may have lost precision). */
  allowImpreciseNumbers?: boolean;
}
export interface unmarshallOptions {
  /** Numbers as NumberValue (true) or as whatever the function returns for the number's text. */
  wrapNumbers?: boolean | ((value: string) => unknown);
  /** Unmarshall one AttributeValue instead of a map of them (on by default in the DocumentClient). */
  convertWithoutMapWrapper?: boolean;
}

export function marshall(data: Record<string, NativeAttributeValue>, options?: marshallOptions): Record<string, AttributeValue>;
export function marshall(data: NativeAttributeValue[], options?: marshallOptions): AttributeValue[] | AttributeValue;
export function marshall(data: NativeAttributeValue, options?: marshallOptions): AttributeValue | Record<string, AttributeValue> | AttributeValue[];
export function unmarshall(data: Record<string, AttributeValue>, options?: unmarshallOptions): Record<string, NativeAttributeValue>;
export function unmarshall(data: AttributeValue, options: unmarshallOptions & { convertWithoutMapWrapper: true }): NativeAttributeValue;
export function convertToAttr(data: NativeAttributeValue, options?: marshallOptions): AttributeValue;
export function convertToNative(data: AttributeValue, options?: unmarshallOptions): NativeAttributeValue;

// ---------------------------------------------------------------- DocumentClient

type NativeItem = Record<string, NativeAttributeValue>;

export type PutCommandInput = PutItemInputOf<NativeAttributeValue>;
export type PutCommandOutput = WriteOutput<NativeAttributeValue>;
export type GetCommandInput = GetItemInputOf<NativeAttributeValue>;
export type GetCommandOutput = GetItemOutputOf<NativeAttributeValue>;
export type UpdateCommandInput = UpdateItemInputOf<NativeAttributeValue>;
export type UpdateCommandOutput = WriteOutput<NativeAttributeValue>;
export type DeleteCommandInput = DeleteItemInputOf<NativeAttributeValue>;
export type DeleteCommandOutput = WriteOutput<NativeAttributeValue>;
export type QueryCommandInput = QueryInputOf<NativeAttributeValue>;
export type QueryCommandOutput = ReadOutputOf<NativeAttributeValue>;
export type ScanCommandInput = ScanInputOf<NativeAttributeValue>;
export type ScanCommandOutput = ReadOutputOf<NativeAttributeValue>;
export type BatchGetCommandInput = BatchGetInputOf<NativeAttributeValue>;
export type BatchGetCommandOutput = BatchGetOutputOf<NativeAttributeValue>;
export type BatchWriteCommandInput = BatchWriteInputOf<NativeAttributeValue>;
export type BatchWriteCommandOutput = BatchWriteOutputOf<NativeAttributeValue>;
export type TransactGetCommandInput = TransactGetInputOf<NativeAttributeValue>;
export type TransactGetCommandOutput = TransactGetOutputOf<NativeAttributeValue>;
export type TransactWriteCommandInput = TransactWriteInputOf<NativeAttributeValue>;
export type TransactWriteCommandOutput = TransactWriteOutputOf<NativeAttributeValue>;
export type ExecuteStatementCommandInput = ExecuteStatementInputOf<NativeAttributeValue>;
export type ExecuteStatementCommandOutput = ExecuteStatementOutputOf<NativeAttributeValue>;
export type BatchExecuteStatementCommandInput = BatchExecuteStatementInputOf<NativeAttributeValue>;
export type BatchExecuteStatementCommandOutput = BatchExecuteStatementOutputOf<NativeAttributeValue>;
export type ExecuteTransactionCommandInput = ExecuteTransactionInputOf<NativeAttributeValue>;
export type ExecuteTransactionCommandOutput = ExecuteTransactionOutputOf<NativeAttributeValue>;

/** Base class of the DocumentClient commands. */
export class DynamoDBDocumentClientCommand<Input extends object, Output extends MetadataBearer> {
  constructor(input: Input);
  readonly input: Input;
  /** Which input/output members hold values (as in lib-dynamodb). */
  readonly inputKeyNodes: object;
  readonly outputKeyNodes: object;
  /** @internal type marker */
  protected readonly __output?: Output;
}
export class PutCommand extends DynamoDBDocumentClientCommand<PutCommandInput, PutCommandOutput> {}
export class GetCommand extends DynamoDBDocumentClientCommand<GetCommandInput, GetCommandOutput> {}
export class UpdateCommand extends DynamoDBDocumentClientCommand<UpdateCommandInput, UpdateCommandOutput> {}
export class DeleteCommand extends DynamoDBDocumentClientCommand<DeleteCommandInput, DeleteCommandOutput> {}
export class QueryCommand extends DynamoDBDocumentClientCommand<QueryCommandInput, QueryCommandOutput> {}
export class ScanCommand extends DynamoDBDocumentClientCommand<ScanCommandInput, ScanCommandOutput> {}
export class BatchGetCommand extends DynamoDBDocumentClientCommand<BatchGetCommandInput, BatchGetCommandOutput> {}
export class BatchWriteCommand extends DynamoDBDocumentClientCommand<BatchWriteCommandInput, BatchWriteCommandOutput> {}
export class TransactGetCommand extends DynamoDBDocumentClientCommand<TransactGetCommandInput, TransactGetCommandOutput> {}
export class TransactWriteCommand extends DynamoDBDocumentClientCommand<TransactWriteCommandInput, TransactWriteCommandOutput> {}
export class ExecuteStatementCommand extends DynamoDBDocumentClientCommand<ExecuteStatementCommandInput, ExecuteStatementCommandOutput> {}
export class BatchExecuteStatementCommand extends DynamoDBDocumentClientCommand<BatchExecuteStatementCommandInput, BatchExecuteStatementCommandOutput> {}
export class ExecuteTransactionCommand extends DynamoDBDocumentClientCommand<ExecuteTransactionCommandInput, ExecuteTransactionCommandOutput> {}

export interface TranslateConfig {
  marshallOptions?: marshallOptions;
  unmarshallOptions?: unmarshallOptions;
}

type AnyCommand<Input extends object, Output extends MetadataBearer> =
  | DynamoDBDocumentClientCommand<Input, Output>
  | DynamoDBCommand<Input, Output>;

export class DynamoDBDocumentClient {
  constructor(client: PocketDynamoDatabase, translateConfig?: TranslateConfig);
  static from<T extends typeof DynamoDBDocumentClient>(this: T, client: PocketDynamoDatabase, translateConfig?: TranslateConfig): InstanceType<T>;
  /**
   * `translateConfig` is this client's; typed loosely (as lib-dynamodb's resolved config is large)
   * so that the client is assignable where DynamoDB-Toolbox, ElectroDB and other libraries ask
   * for lib-dynamodb's DynamoDBDocumentClient.
   */
  readonly config: any; // { translateConfig?: TranslateConfig } at run time
  /**
   * Types only, for the same assignability: PocketDynamo runs no middleware, and at run time this
   * is undefined.
   */
  readonly middlewareStack: any;
  // The AWS SDK's command classes first: the package's own commands have no resolveMiddleware.
  send<Output>(command: AwsSdkCommand<Output>, options?: HttpHandlerOptions): Promise<Output>;
  send<Output>(command: AwsSdkCommand<Output>, callback: Callback<Output>): void;
  send<Input extends object, Output extends MetadataBearer>(command: AnyCommand<Input, Output>, options?: HttpHandlerOptions): Promise<Output>;
  send<Input extends object, Output extends MetadataBearer>(command: AnyCommand<Input, Output>, callback: Callback<Output>): void;
  destroy(): void;
  /** The database's subscribe, with records in plain JS by default (this client's unmarshallOptions). */
  subscribe(tableName: string, handler: (record: DocumentStreamRecord) => unknown, options?: SubscribeOptions<DocumentStreamRecord> & { shape?: 'document' }): () => void;
  subscribe(tableName: string, handler: (record: StreamRecord) => unknown, options: SubscribeOptions<StreamRecord> & { shape: 'dynamodb' }): () => void;
  /** The database's streamRecords, with records in plain JS by default. */
  streamRecords(tableName: string, options?: StreamOptions & { shape?: 'document' }): AsyncIterableIterator<DocumentStreamRecord>;
  streamRecords(tableName: string, options: StreamOptions & { shape: 'dynamodb' }): AsyncIterableIterator<StreamRecord>;
}

type DocumentMethod<I, O> = {
  (input: I, options?: HttpHandlerOptions): Promise<O>;
  (input: I, callback: Callback<O>): void;
  (input: I, options: HttpHandlerOptions, callback: Callback<O>): void;
};

export class DynamoDBDocument extends DynamoDBDocumentClient {
  put: DocumentMethod<PutCommandInput, PutCommandOutput>;
  get: DocumentMethod<GetCommandInput, GetCommandOutput>;
  update: DocumentMethod<UpdateCommandInput, UpdateCommandOutput>;
  delete: DocumentMethod<DeleteCommandInput, DeleteCommandOutput>;
  query: DocumentMethod<QueryCommandInput, QueryCommandOutput>;
  scan: DocumentMethod<ScanCommandInput, ScanCommandOutput>;
  batchGet: DocumentMethod<BatchGetCommandInput, BatchGetCommandOutput>;
  batchWrite: DocumentMethod<BatchWriteCommandInput, BatchWriteCommandOutput>;
  transactGet: DocumentMethod<TransactGetCommandInput, TransactGetCommandOutput>;
  transactWrite: DocumentMethod<TransactWriteCommandInput, TransactWriteCommandOutput>;
  executeStatement: DocumentMethod<ExecuteStatementCommandInput, ExecuteStatementCommandOutput>;
  batchExecuteStatement: DocumentMethod<BatchExecuteStatementCommandInput, BatchExecuteStatementCommandOutput>;
  executeTransaction: DocumentMethod<ExecuteTransactionCommandInput, ExecuteTransactionCommandOutput>;
}

// ---------------------------------------------------------------- paginators

export interface PaginationConfiguration<Client> {
  client: Client;
  pageSize?: number;
  startingToken?: any;
  stopOnSameToken?: boolean;
  withCommand?: (command: any) => any;
}

/** Pages a query; plain values with a DocumentClient, attribute values with a database. */
export function paginateQuery(config: PaginationConfiguration<DynamoDBDocumentClient>, input: QueryCommandInput, ...rest: any[]): AsyncGenerator<QueryCommandOutput, undefined>;
export function paginateQuery(config: PaginationConfiguration<PocketDynamoDatabase>, input: QueryInput, ...rest: any[]): AsyncGenerator<QueryOutput, undefined>;
/** Pages a scan; plain values with a DocumentClient, attribute values with a database. */
export function paginateScan(config: PaginationConfiguration<DynamoDBDocumentClient>, input: ScanCommandInput, ...rest: any[]): AsyncGenerator<ScanCommandOutput, undefined>;
export function paginateScan(config: PaginationConfiguration<PocketDynamoDatabase>, input: ScanInput, ...rest: any[]): AsyncGenerator<ScanOutput, undefined>;

/** An item in DynamoDB JSON, as sync's conflict function sees it. */
export type SyncItem = Record<string, AttributeValue>;

/** How one local table is synced. */
export interface TableSyncOptions {
  /** The remote table's name (default: the local table's). */
  remoteTable?: string;
  /** The version attribute (a number the app increments on every write): each push is conditional on it. */
  version: string;
  /** The change-marker attribute (epoch milliseconds or an ISO string the app sets on every write): pulls read only items changed since the last pull. */
  marker?: string;
  /** The tombstone attribute: a remote item with it set to true is deleted locally; local deletes go up as tombstones. */
  tombstone?: string;
  /**
   * The remote table's stream, read after each pull (remote deletes without tombstones): a
   * DynamoDBStreams client in aggregated form (`new DynamoDBStreams(config)` from
   * @aws-sdk/client-dynamodb-streams), and the stream's ARN (default: the table's latest stream).
   * NEW_AND_OLD_IMAGES lets a replayed removal be checked against the local version.
   */
  stream?: { client: object; streamArn?: string };
  /** What to pull: the whole table (Scan, the default), some partitions, key conditions (Query), or nothing. */
  pull?: 'table' | false | { partitions: (string | number | AttributeValue)[] } | {
    queries: { KeyConditionExpression: string; IndexName?: string; FilterExpression?: string;
      ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> }[];
  };
}

/** A conflict: the local change and the remote's current item (null: absent or a tombstone). */
export interface SyncConflict {
  table: string;
  key: SyncItem;
  local: SyncItem | null;
  remote: SyncItem | null;
}

export interface SyncOptions {
  /**
   * The remote: an aggregated client (`new DynamoDB(config)` from @aws-sdk/client-dynamodb, or a
   * PocketDynamo database), or a `DynamoDBClient` (or a lib-dynamodb DynamoDBDocumentClient)
   * together with `commands`.
   */
  remote: object;
  /** `import * as commands from '@aws-sdk/client-dynamodb'`, when `remote` is a DynamoDBClient. */
  commands?: object;
  /** Local table name -> how it syncs. */
  tables: Record<string, TableSyncOptions>;
  /** Who wins a failed version check: 'remote-wins' (default), 'local-wins', or a merge (null deletes). */
  conflict?: 'remote-wins' | 'local-wins' | ((conflict: SyncConflict) => SyncItem | null | Promise<SyncItem | null>);
  /** Changes per TransactWriteItems (default 25); 1 pushes each with PutItem/DeleteItem. A local transaction always goes as one. */
  pushBatch?: number;
  /** Started, a round at least this often (default 30000). */
  intervalMs?: number;
  /** Retries of throttling, 5xx and transaction clashes within a round (defaults 5, 200, 60000). */
  retry?: { attempts?: number; baseMs?: number; maxMs?: number };
  /** Where online/offline events come from (default: the page's window events). */
  connectivity?: EventTarget;
}

export interface SyncStatus {
  online: boolean;
  started: boolean;
  syncing: boolean;
  /** Local changes waiting in the outbox for the remote's acknowledgement. */
  pendingWrites: number;
  /** Changes the remote refused (see parked()). */
  parkedWrites: number;
  lastPush: Date | null;
  lastPull: Date | null;
  lastError: Error | null;
  /** With tabs sharing the database (lock 'shared'): whether the sync runs in this tab (the owner). */
  owner?: boolean;
}

export interface SyncRound {
  pushed: number;
  conflicts: number;
  parked: number;
  pulled: number;
  deleted: number;
  /** Remote requests made, retries included. */
  requests: number;
}

export type SyncEvent =
  | { type: 'status'; status: SyncStatus }
  | { type: 'change'; added: number; pendingWrites: number }
  | { type: 'push'; changes: number }
  | ({ type: 'round' } & SyncRound)
  | ({ type: 'conflict'; resolved: SyncItem | null; winner: 'local' | 'remote' } & SyncConflict)
  | { type: 'parked'; table: string; key: SyncItem; item: SyncItem | null; error: { name: string; message: string } }
  | { type: 'retry'; attempt: number; error: Error }
  | { type: 'error'; error: Error };

export interface Sync extends AsyncIterable<SyncEvent> {
  /**
   * Resolves once sync's code has loaded and caught up with the tables' streams; rejects with
   * what stopped it (a TypeError about the options, ResourceNotFoundException, ...).
   */
  readonly ready: Promise<void>;
  /** A snapshot; until `ready`, pendingWrites and parkedWrites are 0 (nothing is counted yet). */
  readonly status: SyncStatus;
  /** Runs rounds by themselves: at once, soon after local writes, every intervalMs, on 'online'. */
  start(): void;
  /** No more rounds by themselves; resolves once the round in flight is over. */
  stop(): Promise<void>;
  /** Stops and no longer captures local writes here (the next db.sync() catches up from the streams). */
  close(): Promise<void>;
  /** One full round (push, then pull) starting after this call. */
  now(): Promise<SyncRound>;
  on<T extends SyncEvent['type'] | '*'>(type: T, listener: (event: T extends '*' ? SyncEvent : Extract<SyncEvent, { type: T }>) => void): () => void;
  events(): AsyncIterableIterator<SyncEvent>;
  /** The changes the remote refused (in tabs sharing the database, listed in the owner tab; elsewhere none). */
  parked(): Promise<{ table: string; key: SyncItem; item: SyncItem | null; error: { name: string; message: string } }[]>;
  retryParked(): Promise<number>;
}
