// The database object: one engine, and one request path for every operation
// (input -> wire text -> engine.execute -> response or error).
import { commandClasses, operationOf } from './commands.js';
import { errorFromBody, statusCodeOf } from './error-body.js';
import { DatabaseClosedError, DynamoDBServiceException } from './errors.js';
import { newMetadata, uuid } from './metadata.js';
import { IDEMPOTENCY_TOKENS, OPERATIONS, methodName } from './operations.js';
import { settle } from './callback.js';
import { PocketDynamoRequestHandler } from './request-handler.js';
import { checkBodyText, parseBody, requestBody } from './wire.js';
import { StreamHub } from './streams/hub.js';

/** Internal: runs a raw body text and returns the raw response text (used by the case tests). */
export const executeRaw = Symbol('pocketdynamo.executeRaw');
/** Internal: a function called with (operation, bodyText) before each request (tests compare wire bodies). */
export const requestObserver = Symbol('pocketdynamo.requestObserver');

/**
 * An open PocketDynamo database. Has the methods of the AWS SDK's aggregated `DynamoDB` client
 * (putItem, getItem, query, ...) and `send(command)`. Made by `PocketDynamo.open()`.
 */
export class Database {
  #engine;
  #name;
  #storage;

  /** @internal */
  constructor(engine, name, storage) {
    this.#engine = engine;
    this.#name = name;
    this.#storage = storage;
  }

  get name() { return this.#name; }

  get storage() { return this.#storage; }

  get closed() { return this.#engine === null; }

  /**
   * Runs a low-level command (PutItemCommand, ...; also accepts @aws-sdk/client-dynamodb's).
   * @param {{ input: object }} command
   */
  send(command, optionsOrCb, cb) {
    return settle(this.#send(command), optionsOrCb, cb);
  }

  /**
   * A request handler for the AWS SDK v3: `new DynamoDBClient({ requestHandler: db.requestHandler(), ... })`
   * runs every command on this database, with no network request.
   */
  requestHandler() {
    return new PocketDynamoRequestHandler((operation, text) => this[executeRaw](operation, text));
  }

  /** Frees the engine. Later calls reject with DatabaseClosedError; closing twice is harmless. */
  async close() {
    this.#streams?.close();
    this.#engine?.delete();
    this.#engine = null;
  }

  async #send(command) {
    const operation = operationOf(command);
    const $metadata = newMetadata();
    let body;
    try {
      body = parseBody(this.#execute(operation, requestBody(withToken(operation, command.input))));
    } catch (error) {
      if (error instanceof DynamoDBServiceException) {
        $metadata.httpStatusCode = statusCodeOf(error);
        error.$metadata = $metadata;
      }
      throw error;
    }
    if (typeof body.__type === 'string') {
      const error = errorFromBody(body, $metadata);
      $metadata.httpStatusCode = statusCodeOf(error);
      throw error;
    }
    return { $metadata, ...body };
  }

  /**
   * Deletes the items whose Time to Live has expired. DynamoDB does this by itself in the
   * background; here the app decides when (until then expired items still appear in reads, as
   * in DynamoDB). Runs PocketDynamo's own engine operation PocketDynamo_SweepExpiredItems.
   * @param {{ tableName?: string, limit?: number, now?: number | Date }} [options] `now` is in
   *   epoch seconds (or a Date) and defaults to the current time; without `tableName` every table
   *   with TTL enabled is swept; `limit` bounds the number of deletions.
   * @returns {Promise<{ deleted: number }>}
   */
  async sweepExpiredItems({ tableName, limit, now } = {}) {
    const seconds = now instanceof Date ? now.getTime() / 1000 : now ?? Date.now() / 1000;
    const input = { TableName: tableName, Limit: limit, Now: seconds };
    const body = parseBody(this.#execute('PocketDynamo_SweepExpiredItems', requestBody(input)));
    if (typeof body.__type === 'string') {
      const $metadata = newMetadata();
      const error = errorFromBody(body, $metadata);
      $metadata.httpStatusCode = statusCodeOf(error);
      throw error;
    }
    return { deleted: body.Deleted };
  }

  #execute(operation, text) {
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    this[requestObserver]?.(operation, text);
    this.#streams?.beforeRequest(operation);
    const response = this.#engine.execute(operation, text);
    this.#streams?.afterRequest(operation);
    return response;
  }

  // Streams (streams/hub.js): subscribers read their table's stream after every write request.
  #streams = null;

  /**
   * Calls `handler(record)` for every change to the table's items from now on (or, with
   * startingPosition 'TRIM_HORIZON', from the oldest record kept), once each and in order.
   * @returns {() => void} unsubscribe
   */
  subscribe(tableName, handler, options) {
    return this.#streamHub().subscribe(tableName, handler, options);
  }

  /** The same records as an async iterator: `for await (const record of db.streamRecords(table))`. */
  streamRecords(tableName, options) {
    return this.#streamHub().records(tableName, options);
  }

  #streamHub() {
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    // The hub's own requests go straight to the engine: they are not writes to tell it about.
    return this.#streams ??= new StreamHub((operation, text) => {
      if (this.#engine === null) throw new DatabaseClosedError(this.#name);
      return this.#engine.execute(operation, text);
    });
  }

  /** @internal */
  async [executeRaw](operation, text) {
    checkBodyText(text);
    return this.#execute(operation, text);
  }
}

// Fills in an idempotency token the caller left out, without touching the caller's object.
function withToken(operation, input) {
  const member = IDEMPOTENCY_TOKENS[operation];
  return member && input && input[member] === undefined ? { ...input, [member]: uuid() } : input;
}

// putItem(input), getItem(input), ...: each one is send(new XCommand(input)).
for (const operation of OPERATIONS) {
  const Command = commandClasses[operation];
  Object.defineProperty(Database.prototype, methodName(operation), {
    value: function (input, optionsOrCb, cb) { return this.send(new Command(input), optionsOrCb, cb); },
    writable: true,
    configurable: true,
  });
}
