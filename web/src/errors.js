// DynamoDB errors as Error subclasses shaped like the AWS SDK's: `name` is the exception name,
// `$fault` says whose fault it is, `$metadata` describes the request.

/** Base class of every error that comes from the engine (or from request validation in JS). */
export class DynamoDBServiceException extends Error {
  /** @param {{ name?: string, message?: string, $fault?: 'client' | 'server', $metadata?: object }} options */
  constructor(options = {}) {
    super(options.message);
    // Subclasses set their own name; the base class is also the fallback for unknown names.
    this.name = options.name ?? new.target.name;
    this.$fault = options.$fault ?? 'client';
    this.$metadata = options.$metadata ?? {};
  }
}

const exceptionClasses = new Map();

/** The class for an exception name, or undefined. */
export const exceptionClass = (name) => exceptionClasses.get(name);

function define(name, $fault = 'client') {
  // A computed class name gives each subclass its own `name` (shown in stack traces too).
  const Exception = { [name]: class extends DynamoDBServiceException {
    constructor(options = {}) {
      super({ ...options, name, $fault });
    }
  } }[name];
  exceptionClasses.set(name, Exception);
  return Exception;
}

export const ValidationException = define('ValidationException');
export const SerializationException = define('SerializationException');
export const UnknownOperationException = define('UnknownOperationException');
/** Has `Item` (the current item, as AttributeValues) when ReturnValuesOnConditionCheckFailure asked for it. */
export const ConditionalCheckFailedException = define('ConditionalCheckFailedException');
export const ResourceNotFoundException = define('ResourceNotFoundException');
export const ResourceInUseException = define('ResourceInUseException');
/** Has `CancellationReasons`, one per item of the transaction. */
export const TransactionCanceledException = define('TransactionCanceledException');
export const TransactionConflictException = define('TransactionConflictException');
export const TransactionInProgressException = define('TransactionInProgressException');
export const ProvisionedThroughputExceededException = define('ProvisionedThroughputExceededException');
export const ThrottlingException = define('ThrottlingException');
export const RequestLimitExceeded = define('RequestLimitExceeded');
export const ItemCollectionSizeLimitExceededException = define('ItemCollectionSizeLimitExceededException');
export const LimitExceededException = define('LimitExceededException');
export const IdempotentParameterMismatchException = define('IdempotentParameterMismatchException');
export const ReplicatedWriteConflictException = define('ReplicatedWriteConflictException');
export const InternalServerError = define('InternalServerError', 'server');
/** A PartiQL INSERT of an item whose primary key exists (INSERT is not an upsert). */
export const DuplicateItemException = define('DuplicateItemException');

/** Thrown by every call on a database after `close()`. Not a DynamoDB error: nothing was sent. */
export class DatabaseClosedError extends Error {
  constructor(name) {
    super(`PocketDynamo database "${name}" is closed; open it again with PocketDynamo.open()`);
    this.name = 'DatabaseClosedError';
  }
}

/**
 * The persistent storage (IndexedDB, or the directory in Node) failed: it could not be opened,
 * or a flush failed or timed out. `cause` is the underlying error. Writes that were waiting for
 * that flush were not made durable and are undone; the database reloads what is on disk and stays usable.
 */
export class StorageError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/**
 * The browser's storage quota (or the disk) is full: the writes waiting for the flush that hit it
 * are rejected with this error and undone; everything acknowledged before is kept, and the
 * database stays usable (reads work; writes work again once space is freed).
 */
export class StorageQuotaExceededError extends StorageError {
  constructor(message, options) {
    super(message, options);
    this.name = 'StorageQuotaExceededError';
  }
}

/**
 * Another open database (another tab, or another `open` in the same page or process) owns this
 * database's storage; `open({ lock: 'wait' })` waits for it instead of failing.
 */
export class DatabaseLockedError extends Error {
  constructor(name, message = `PocketDynamo database "${name}" is open elsewhere (another tab or another open()); close it there, or open with lock: 'wait' to wait for it`) {
    super(message);
    this.name = 'DatabaseLockedError';
  }
}
