// The database object: one engine, and one request path for every operation
// (input -> wire text -> engine.execute -> response or error).
import { commandClasses, operationOf } from './commands.js';
import { bodyOrThrow, statusCodeOf } from './error-body.js';
import { DatabaseClosedError, DynamoDBServiceException, StorageError } from './errors.js';
import { newMetadata, uuid } from './metadata.js';
import { IDEMPOTENCY_TOKENS, OPERATIONS, methodName } from './operations.js';
import { settle } from './callback.js';
import { PocketDynamoRequestHandler } from './request-handler.js';
import { checkBodyText, requestBody, takesWireInput, wireInputBody } from './wire.js';
import { StreamHub } from './streams/hub.js';
import { askToPersist, originEstimate } from './storage/origin-storage.js';
import { CONTROL } from './remote/protocol.js';
import { neverWrites } from './protocol.js';
import { HandlerSink } from './streams/handler-sink.js';
import { readOptions } from './streams/options.js';
import { RecordIterator } from './streams/record-iterator.js';
import { recordShaper } from './streams/shape.js';
import { noteClosing } from './closing.js';
import { openSync } from './sync-handle.js';
import { startTtlSweeper } from './ttl-sweeper.js';
import { answeredByPartiql } from './protocol.js';
import { loadPartiqlModule, loadedPartiqlModule, partiqlWasmUrl } from './partiql-module.js';
import { Arrivals } from './arrivals.js';
import { ReadBatch, decodedAnswers, failRead, requestLines, settleReads, withMetadata } from './document/read-batch.js';

/** Internal: runs a raw body text and returns the raw response text (used by the case tests). */
export const executeRaw = Symbol('pocketdynamo.executeRaw');
/** Internal: a function called with (operation, bodyText) before each request (tests compare wire bodies). */
export const requestObserver = Symbol('pocketdynamo.requestObserver');
/** Internal: (operation, bodyText, relaxed) -> response text; what tabs and worker mode forward. */
export const requestText = Symbol('pocketdynamo.requestText');
/** Internal: (table, { startingPosition, after }, sink) -> stop(); a stream as GetRecords returns it, for remote clients. */
export const followStream = Symbol('pocketdynamo.followStream');
/** Internal: (listener(operation)) -> remove(); listener runs synchronously after each write request, on the engine (sync/capture.js). */
export const writeTap = Symbol('pocketdynamo.writeTap');
/** Internal: (operation, text) -> { ok, body }: runs on the engine with no tap, stream hub or durability wait. */
export const engineRequest = Symbol('pocketdynamo.engineRequest');
/** Internal: loads every partition of the named tables that exist (before synchronous engine calls). */
export const loadTables = Symbol('pocketdynamo.loadTables');

/** Internal: true on a database whose engine is in this thread (it can answer [readDocument]). */
export const readsDocuments = Symbol('pocketdynamo.readsDocuments');
/**
 * Internal: (operation, wireInput, options, outputKeyNodes) -> promise of a DocumentClient read's
 * output (GetItem, Query, Scan), answered by the engine in document form (document/document-reads.js).
 */
export const readDocument = Symbol('pocketdynamo.readDocument');

/**
 * An open PocketDynamo database. Has the methods of the AWS SDK's aggregated `DynamoDB` client
 * (putItem, getItem, query, ...) and `send(command)`. Made by `PocketDynamo.open()`.
 */
export class Database {
  #engine;
  #name;
  #storage;
  // Persistence (storage/): the stored engine ('idb', 'fs'; null in memory) and the default durability.
  #stored;
  #relaxed;
  #closing = null;
  // Tabs and worker mode (remote/client.js): the engine is elsewhere and every request goes there.
  #remote;
  #closingKey;
  #partiqlUrl;
  // The region requests are answered for unless one names its own (HTTP: the signed region).
  #region;
  #regionEngine = null; // the engine and region last told (a stored engine may swap its engine)
  #regionTold = null;

  /**
   * @internal
   * @param {object | null} engine the engine ('memory'), or null with `stored` or `remote`
   * @param {{ stored?: import('./storage/stored-engine.js').StoredEngine, durability?: 'strict' | 'relaxed',
   *   remote?: { client: import('./remote/client.js').RemoteClient, report: object | null, close(): Promise<void> },
   *   closingKey?: string, partiqlUrl?: string }} [persistence]
   */
  constructor(engine, name, storage, { stored = null, durability = 'strict', remote = null, closingKey, ttlSweep, partiqlUrl, region = 'local' } = {}) {
    this.#remote = remote;
    this.#partiqlUrl = partiqlUrl;
    this.#region = region;
    this.#closingKey = closingKey;
    // A stored engine executes on whichever engine it currently holds (it swaps it after a failed flush).
    this.#engine = stored ?? engine;
    this.#name = name;
    this.#storage = storage;
    this.#stored = stored;
    this.#relaxed = durability === 'relaxed';
    // Where the engine is (not a tab or page served by another), expired items go by themselves.
    if (!remote && ttlSweep !== false) {
      const run = (text) => this.#run('PocketDynamo_SweepExpiredItems', text, true);
      this.#ttlSweeper = startTtlSweeper(run, ttlSweep ?? {});
    }
  }

  #ttlSweeper = null;

  get name() { return this.#name; }

  /** 'memory', 'idb' or 'fs'. */
  get storage() { return this.#storage; }

  get closed() { return this.#remote ? this.#remote.client.closed : this.#engine === null; }

  /**
   * What opening found in storage: `{ tables, items, problems, unacknowledged, commit }`.
   * `problems` lists what this open's recovery dropped, repaired or could not read (a torn log
   * tail, a damaged file by name, a catalog rebuilt from its log); `unacknowledged` keeps every
   * such problem, from this open and earlier ones, `{ at, problem }`, until
   * acknowledgeRecoveryProblems(). Null in memory.
   */
  get recoveryReport() { return this.#remote ? this.#remote.report : this.#stored?.report ?? null; }

  /**
   * Forgets the recovery problems kept with the database (after the app has shown or logged
   * them); resolves once that is on disk. Nothing to do in memory.
   */
  async acknowledgeRecoveryProblems() {
    if (this.#remote) {
      await this.#remote.client.call(CONTROL.acknowledge);
      if (this.#remote.report) this.#remote.report = { ...this.#remote.report, unacknowledged: [] };
      return;
    }
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    await this.#stored?.acknowledgeRecoveryProblems();
  }

  /**
   * What this database keeps in storage: the stored files (as the storage format names them:
   * catalog, log, partition and streams files) and their bytes, and when a flush last completed;
   * and the origin's `usage` and `quota` in bytes as the browser estimates them
   * (navigator.storage.estimate(): every database and cache of the origin), null where there is
   * no estimate (Node). In memory: persisted false and no files. In tabs and worker mode the
   * owner of the storage answers.
   * @returns {Promise<{ storage: string, persisted: boolean, bytes: number, files: number, partitions: number,
   *   logBytes: number, lastFlush: Date | null, flushes: number, recovery: object | null,
   *   usage: number | null, quota: number | null }>}
   */
  async storageInfo() {
    if (this.#remote) {
      const info = await this.#remote.client.call(CONTROL.storageInfo);
      return { ...info, lastFlush: info.lastFlush && new Date(info.lastFlush) };
    }
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    const { files, lastFlush, flushes, logEntriesApplied = 0, itemBytesInMemory = null } = (await this.#stored?.info()) ?? { files: new Map(), lastFlush: null, flushes: 0 };
    let bytes = 0;
    let partitions = 0;
    let logBytes = 0;
    for (const [name, size] of files) {
      bytes += size;
      if (name.startsWith('part-')) partitions += 1;
      if (name.startsWith('log-')) logBytes += size;
    }
    const stored = {
      storage: this.#storage, persisted: this.#stored !== null, bytes, files: files.size, partitions,
      logBytes, lastFlush, flushes, logEntriesApplied, itemBytesInMemory, recovery: this.recoveryReport,
    };
    return { ...stored, ...(await originEstimate()) };
  }

  /**
   * Asks the browser not to evict the origin's storage under storage pressure
   * (navigator.storage.persist()); resolves true when the stored data will be kept. 'idb': the
   * browser's answer (false without the API; in a worker, which cannot ask, whether it was
   * granted before). 'fs': true, nothing evicts a folder. 'memory': false, nothing is stored.
   * @returns {Promise<boolean>}
   */
  async persist() {
    if (this.closed) throw new DatabaseClosedError(this.#name); // the page asks, whoever owns the storage
    if (this.#storage === 'fs') return true;
    if (this.#storage === 'memory') return false;
    return askToPersist();
  }

  /** The DocumentClient may hand this database inputs already in wire form (wire.js). */
  get [takesWireInput]() {
    return true;
  }

  /**
   * Runs a low-level command (PutItemCommand, ...; also accepts @aws-sdk/client-dynamodb's).
   * With persistent storage a write resolves once it is on disk, or with
   * `{ durability: 'relaxed' }` as soon as it is applied in memory.
   * @param {{ input: object }} command
   * @param {{ durability?: 'strict' | 'relaxed' } | Function} [optionsOrCb]
   */
  send(command, optionsOrCb, cb) {
    return settle(this.#send(command, typeof optionsOrCb === 'object' ? optionsOrCb : undefined), optionsOrCb, cb);
  }

  /**
   * Resolves once every change applied so far is on disk (nothing to do in memory). Rejects with
   * StorageError if a flush failed since the previous call and dropped relaxed writes.
   */
  async flush() {
    if (this.#remote) {
      await this.#remote.client.request(CONTROL.flush, '{}');
      return;
    }
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    await this.#stored?.flush();
  }

  /**
   * A request handler for the AWS SDK v3: `new DynamoDBClient({ requestHandler: db.requestHandler(), ... })`
   * runs every command on this database, with no network request.
   */
  requestHandler() {
    return new PocketDynamoRequestHandler((operation, text, region) => this[executeRaw](operation, text, region));
  }

  /**
   * Flushes (with persistent storage), then frees the engine and releases the storage. Later
   * calls reject with DatabaseClosedError; closing twice is harmless.
   */
  close() {
    if (this.#closing === null) {
      this.#closing = this.#closeOnce();
      // StrictMode and the like: an open() of the same database right after waits for this close.
      if (this.#closingKey) noteClosing(this.#closingKey, this.#closing);
    }
    return this.#closing;
  }

  async #closeOnce() {
    if (this.#remote) {
      await this.#remote.close();
      return;
    }
    // Requests made before close() are answered: those still waiting to reach the engine first,
    // then the gathered reads (and what they wait for in turn).
    await this.#arrivals.settled();
    this.#reads.drain();
    await this.#arrivals.settled();
    this.#ttlSweeper?.stop();
    this.#streams?.close();
    const engine = this.#engine;
    this.#engine = null;
    if (this.#stored) await this.#stored.close();
    else engine?.delete();
  }

  async #send(command, options) {
    const operation = operationOf(command);
    const relaxed = this.#relaxedFor(options);
    const $metadata = newMetadata();
    let response;
    try {
      response = await this.#run(operation, requestBody(withToken(operation, command.input)), relaxed);
    } catch (error) {
      if (error instanceof DynamoDBServiceException) {
        $metadata.httpStatusCode = statusCodeOf(error);
        error.$metadata = $metadata;
      }
      throw error;
    }
    return { $metadata, ...bodyOrThrow(response, $metadata) };
  }

  // Runs a request body on the engine, here (waiting for its durability when it wrote) or, in
  // tabs and worker mode, where the engine is; resolves with the engine's { ok, body }.
  async #run(operation, text, relaxed, region) {
    if (this.#remote) {
      this[requestObserver]?.(operation, text);
      return this.#remote.client.request(operation, text, relaxed);
    }
    const before = this.#beforeEngine(operation, text);
    const onEngine = before
      ? this.#arrivals.track(before.then(() => this.#onEngine(operation, text, region)))
      : this.#onEngine(operation, text, region);
    const response = await onEngine;
    if (response.wrote && this.#stored) await this.#stored.afterWrite(relaxed);
    return response;
  }

  // A request on the engine here: PartiQL's statements, or the operation (the response, or a
  // promise of it while it waits, which close() lets finish).
  #onEngine(operation, text, region) {
    if (answeredByPartiql(operation)) return this.#arrivals.track(this.#executeStatements(operation, text, region));
    const response = this.#execute(operation, text, region);
    // The net under prepare(): a read that asked for a file it did not fetch runs again with it.
    if (this.#stored?.missed() && neverWrites(operation)) {
      return this.#arrivals.track(this.#againWhileMissed(() => this.#execute(operation, text, region), response));
    }
    return response;
  }

  // The net under prepare() for a request or the gathered reads: while the last `run` asked for a
  // partition file that was not fetched, fetches it and runs again; the last run's result.
  async #againWhileMissed(run, result) {
    while (this.#stored?.missed()) {
      await this.#stored.fetchMissed();
      result = run();
    }
    return result;
  }

  // Requests made before close() that still wait to reach the engine here (arrivals.js).
  #arrivals = new Arrivals();

  // What a request waits for before it runs on the engine here: sync's hold, a reload after a
  // failed flush, then the partition files it reads (undefined: none to fetch; PartiQL's
  // statements name their tables in text, so its requests fetch every table's files). A promise
  // while any of them is pending, else undefined, so that the usual path pays for no await.
  #beforeEngine(operation, text) {
    if (this.#closing !== null) throw new DatabaseClosedError(this.#name);
    if (this.#held === null && this.#whenReady() === undefined) return this.#stored?.prepare(operation, text);
    return this.#beforeEngineWaiting(operation, text);
  }

  async #beforeEngineWaiting(operation, text) {
    const held = this.#held;
    if (held) await held;
    const reloading = this.#whenReady();
    if (reloading) await reloading;
    const fetching = this.#stored?.prepare(operation, text);
    if (fetching) await fetching;
  }

  // PartiQL: its module (partiql-module.js, loaded by the first statement; until then later
  // requests may overtake that one) runs the requests its statements become here, one by one in
  // the same turn, so `wrote` is true only when one of them wrote.
  async #executeStatements(operation, text, region) {
    const url = this.#partiqlUrl ??= partiqlWasmUrl();
    let module = loadedPartiqlModule(url);
    if (!module) {
      module = await loadPartiqlModule(url);
      // Under a memory budget, partitions fetched for these statements may have been dropped
      // while the module loaded: fetched again, so that they run in the task the fetch ends in.
      const fetching = this.#stored?.prepare(operation, text);
      if (fetching) await fetching;
    }
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    this[requestObserver]?.(operation, text);
    let thrown;
    const response = module.execute(operation, text, (op, body) => {
      try {
        return this.#execute(op, body, region, false);
      } catch (error) { // (closed meanwhile): thrown here, not through the wasm
        thrown ??= error;
        return { ok: false, body: '{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError"}', wrote: false };
      }
    });
    if (thrown) throw thrown;
    return response;
  }

  // The per-call durability option, else the database's.
  #relaxedFor(options) {
    const durability = options?.durability;
    if (durability === undefined) return this.#relaxed;
    if (durability !== 'strict' && durability !== 'relaxed') {
      throw new TypeError(`durability must be 'strict' or 'relaxed', not ${JSON.stringify(durability)}`);
    }
    return durability === 'relaxed';
  }

  // A promise while the stored engine is being reloaded after a failed flush, else undefined
  // (so that the usual path does not pay for an await).
  #whenReady() {
    if (this.#stored && this.#stored.engine === null && this.#engine !== null) return this.#stored.ready();
    return undefined;
  }

  /**
   * Deletes the items whose Time to Live has expired, now. The database also does this by
   * itself in the background while it is open (open's `ttlSweep`); until then expired items still
   * appear in reads, as in DynamoDB. Runs PocketDynamo's own engine operation
   * PocketDynamo_SweepExpiredItems.
   * @param {{ tableName?: string, limit?: number, now?: number | Date, durability?: 'strict' | 'relaxed' }} [options]
   *   `now` is in epoch seconds (or a Date) and defaults to the current time; without `tableName`
   *   every table with TTL enabled is swept; `limit` bounds the number of deletions.
   * @returns {Promise<{ deleted: number }>}
   */
  async sweepExpiredItems({ tableName, limit, now, durability } = {}) {
    const relaxed = this.#relaxedFor({ durability });
    const seconds = now instanceof Date ? now.getTime() / 1000 : now ?? Date.now() / 1000;
    const input = { TableName: tableName, Limit: limit, Now: seconds };
    const response = await this.#run('PocketDynamo_SweepExpiredItems', requestBody(input), relaxed);
    return { deleted: bodyOrThrow(response).Deleted };
  }

  // Tells the engine the region of the next request when it differs from the last one told, in
  // the same synchronous step as the request (no other request can come between).
  #tellRegion(region) {
    const engine = this.#stored ? this.#stored.engine : this.#engine;
    if (engine === this.#regionEngine && region === this.#regionTold) return;
    const answer = this.#engine.execute('PocketDynamo_SetRegion', JSON.stringify({ Region: region }));
    if (!answer.ok) return; // not a region name (the engine keeps the last one)
    this.#regionEngine = engine;
    this.#regionTold = region;
  }

  // `region`: the one the request is answered for (HTTP: the signed region); `observed` false: a
  // request a PartiQL statement became, not one the app sent.
  #execute(operation, text, region = this.#region, observed = true) {
    this.#reads.drain(); // the reads made before this request run before it
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    this.#tellRegion(region);
    if (observed) this[requestObserver]?.(operation, text);
    this.#streams?.beforeRequest(operation);
    const response = this.#engine.execute(operation, text);
    this.#streams?.afterRequest(operation);
    // The engine's own operation sets the database's region (case files use it).
    if (operation === 'PocketDynamo_SetRegion' && response.ok) this.#region = this.#regionTold = JSON.parse(text).Region;
    // Taps write in the same flush as the request (sync's outbox lands on disk with the write).
    if (response.wrote && this.#taps.size) for (const tap of this.#taps) tap(operation);
    return response;
  }

  #taps = new Set();

  /** @internal */
  [writeTap](listener) {
    this.#taps.add(listener);
    return () => this.#taps.delete(listener);
  }

  /** @internal */
  async [loadTables](names) {
    if (this.#remote || !this.#stored) return;
    const reloading = this.#whenReady();
    if (reloading) await reloading;
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    // Only tables that exist: a Scan of an unknown table would ask for every table's files.
    const existing = new Set(JSON.parse(this.#engine.execute('ListTables', '{}').body).TableNames);
    for (const name of names.filter((table) => existing.has(table))) {
      const fetching = this.#stored.prepare('Scan', JSON.stringify({ TableName: name }));
      if (fetching) await fetching;
      // In the task its files came in: a read of the whole table, which a memory budget then
      // keeps loaded (the engine reads across partitions), for the code calling it directly.
      this.#engine.execute('Scan', JSON.stringify({ TableName: name, Limit: 1 }));
    }
  }

  /** @internal */
  [engineRequest](operation, text) {
    if (this.#remote) throw new TypeError('PocketDynamo: this tab does not own the database');
    this.#reads.drain();
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    return this.#engine.execute(operation, text);
  }

  /**
   * Keeps tables in step with a DynamoDB in the cloud (sync/sync.js): local writes go up through
   * a durable outbox, the remote's changes come down. Nothing starts until `start()` or `now()`.
   * Sync's code loads on this first call, in its own chunk (sync-handle.js).
   * @param {import('./sync/options.js').SyncOptions} options
   * @returns {object} the handle; in tabs sharing the database the sync runs in the owner tab
   */
  sync(options) {
    const link = this.#remote?.sync;
    if (this.#remote && !link) throw new TypeError('db.sync: in worker mode the engine is in the worker, where the remote client cannot go; open without worker: true to sync');
    if (!link && this.#engine === null) throw new DatabaseClosedError(this.#name);
    // The engine's database (this one, or this tab's while it owns the database) holds requests
    // until sync has loaded, so that no write made meanwhile misses its capture.
    const host = link ? link.owned() : this;
    return openSync(this, options, link, (loading) => host?.#hold(loading));
  }

  // While sync's code loads: what requests wait for (in their order), else null, costing nothing.
  #held = null;

  #hold(loading) {
    this.#reads.drain(); // reads made before sync() ran before it, as they do without the batch
    const held = loading.then(() => {}, () => {});
    this.#held = held;
    held.then(() => { if (this.#held === held) this.#held = null; });
  }

  // Streams (streams/hub.js): subscribers read their table's stream after every write request.
  #streams = null;

  /**
   * Calls `handler(record)` for every change to the table's items from now on (or, with
   * startingPosition 'TRIM_HORIZON', from the oldest record kept), once each and in order.
   * @returns {() => void} unsubscribe
   */
  subscribe(tableName, handler, options) {
    if (!this.#remote) return this.#streamHub().subscribe(tableName, handler, options);
    // Remote: the owner reads the stream and sends the records; a subscription it cannot start
    // (no such table, no stream) ends with that error (onError), as it cannot throw from here.
    if (typeof handler !== 'function') throw new TypeError('subscribe: handler must be a function');
    const settings = readOptions('subscribe', tableName, options);
    const sink = new HandlerSink(handler, settings.onError);
    const shape = recordShaper(settings.shape, settings.unmarshallOptions);
    const stop = this.#remote.client.follow(tableName, settings.startingPosition, {
      push: (record) => sink.push(shape(record)),
      end: (error) => sink.end(error),
    });
    return () => {
      sink.cancel();
      stop();
    };
  }

  /** The same records as an async iterator: `for await (const record of db.streamRecords(table))`. */
  streamRecords(tableName, options) {
    if (!this.#remote) return this.#streamHub().records(tableName, options);
    const settings = readOptions('streamRecords', tableName, options);
    const shape = recordShaper(settings.shape, settings.unmarshallOptions);
    let stop;
    const iterator = new RecordIterator(() => stop());
    stop = this.#remote.client.follow(tableName, settings.startingPosition, {
      push: (record) => iterator.push(shape(record)),
      end: (error) => iterator.end(error),
    });
    return iterator;
  }

  /** @internal */
  [followStream](tableName, { startingPosition, after }, sink) {
    if (this.#remote) return this.#remote.client.follow(tableName, startingPosition, sink, after);
    return this.#streamHub().follow(tableName, { startingPosition, after }, sink);
  }

  #streamHub() {
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    // The hub's own requests go straight to the engine: they are not writes to tell it about.
    const persistence = this.#stored && {
      durable: () => this.#stored.flush(),
      ready: () => this.#stored.ready(),
    };
    return this.#streams ??= new StreamHub((operation, text) => {
      this.#reads.drain();
      if (this.#engine === null) throw new DatabaseClosedError(this.#name);
      return this.#engine.execute(operation, text);
    }, undefined, persistence);
  }

  /** @internal */
  get [readsDocuments]() {
    return !this.#remote || this.#ownerDatabase() !== null;
  }

  // Tabs: the database this tab serves the others with, while it owns it and this one is open.
  // Its reads run there directly (in document form, gathered), as a request sent through the
  // link would: that link hands this tab's requests to it at once, in order.
  #ownerDatabase() {
    return this.#remote.client.closed ? null : this.#remote.local?.() ?? null;
  }

  /**
   * @internal The steps of send() for a read, with the answer in document form (here, or in tabs
   * on the database this tab serves): the reads made in one turn run on the engine in one call
   * (document/read-batch.js).
   */
  [readDocument](operation, input, options, outputKeyNodes) {
    if (this.#remote) return this.#ownerDatabase()[readDocument](operation, input, options, outputKeyNodes);
    let text;
    let before;
    try {
      this.#relaxedFor(options);
      text = wireInputBody(input);
      before = this.#beforeEngine(operation, text);
    } catch (error) {
      return Promise.reject(withMetadata(error, newMetadata()));
    }
    if (before === undefined) return this.#reads.add(operation, text, outputKeyNodes);
    let answer;
    const queued = this.#arrivals.track(before.then(() => { answer = this.#reads.add(operation, text, outputKeyNodes); }));
    return queued.then(() => answer, (error) => {
      throw withMetadata(error, newMetadata());
    });
  }

  // The gathered reads (document/read-batch.js), run on the engine in one call and settled each.
  #reads = new ReadBatch((entries) => this.#runReads(entries));

  #runReads(entries) {
    let answers;
    try {
      // A reload after a failed flush may have begun since they were made: then they wait for it.
      if (this.#whenReady() !== undefined) return this.#arrivals.track(this.#runReadsWaiting(entries, undefined));
      answers = this.#executeReads(entries);
    } catch (error) {
      return this.#failReads(entries, error);
    }
    if (this.#stored?.missed()) return this.#arrivals.track(this.#runReadsWaiting(entries, answers));
    return settleReads(entries, answers);
  }

  // #runReads with a reload to wait for, or (answers given) partition files to fetch: the net
  // under prepare(), where reads that asked for a file not fetched run again with it.
  async #runReadsWaiting(entries, answers) {
    try {
      if (answers === undefined) {
        await this.#whenReady();
        answers = this.#executeReads(entries);
      }
      answers = await this.#againWhileMissed(() => this.#executeReads(entries), answers);
    } catch (error) {
      return this.#failReads(entries, error);
    }
    return settleReads(entries, answers);
  }

  #failReads(entries, error) {
    for (const entry of entries) failRead(entry, error instanceof DatabaseClosedError ? new DatabaseClosedError(this.#name) : error);
  }

  #executeReads(entries) {
    if (this.#engine === null) throw new DatabaseClosedError(this.#name);
    const engine = this.#stored ? this.#stored.engine : this.#engine;
    if (!engine) throw new StorageError('PocketDynamo storage: the database is being reloaded after a failed flush; try again');
    this.#tellRegion(this.#region);
    if (this[requestObserver]) for (const entry of entries) this[requestObserver](entry.operation, entry.text);
    // The answer is a view into wasm memory: decoded before anything else runs.
    return decodedAnswers(engine.executeDocuments(requestLines(entries)), entries.length);
  }

  /** @internal `region`: the one the HTTP request was signed for (else the database's). */
  [executeRaw](operation, text, region) {
    return this[requestText](operation, text, this.#relaxed, region);
  }

  /** @internal */
  async [requestText](operation, text, relaxed = this.#relaxed, region = undefined) {
    checkBodyText(text);
    return this.#run(operation, text, relaxed, region);
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
