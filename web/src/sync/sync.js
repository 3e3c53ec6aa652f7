// db.sync(): one database's tables kept in step with a remote DynamoDB. Local writes are captured
// into the outbox as they happen (capture.js, whether or not sync is started); a round pushes the
// outbox (push.js), then pulls (pull.js). Rounds never overlap; nothing the app does waits for
// one. Started, rounds run soon after local writes, every `intervalMs`, and when the browser
// comes back online; offline, they pause; after a failure the next is backed off.
import { Capture } from './capture.js';
import { browserOnline, watchConnectivity } from './connectivity.js';
import { SyncEvents } from './events.js';
import { backoff, isNetworkError } from './failures.js';
import { SYNC_TABLE, engineCall, ensureSyncTable, readKind } from './internal-table.js';
import { readSyncOptions } from './options.js';
import { Outbox } from './outbox.js';
import { Puller } from './pull.js';
import { Pusher } from './push.js';
import { loadTables, writeTap } from '../database.js';
import { DatabaseClosedError } from '../errors.js';

const SOON_MS = 50; // after a local write: long enough to gather a burst of writes into one round

// One open sync per database: two would push the same outbox twice.
const openSyncs = new WeakSet();

export class Sync {
  #db;
  #options;
  #capture;
  #outbox;
  #pusher;
  #puller;
  #events;
  #ready;
  #untap;
  #unwatch = () => {};
  #connectivity;
  #state = { online: browserOnline(), started: false, syncing: false, lastPush: null, lastPull: null, lastError: null };
  #pending = 0;
  #parked = 0;
  #current = null; // the round running
  #queued = null; // the round asked for while one runs
  #timer = null;
  #interval = null;
  #failures = 0;
  #closed = false;

  /**
   * @internal Loads the synced tables and the sync table into memory first: sync calls the engine
   * synchronously (in the same step as a write), where a lazily opened database could not fetch a
   * partition file from storage.
   */
  static async open(db, options, events) {
    await db[loadTables]([...Object.keys(options?.tables ?? {}), SYNC_TABLE]);
    return new Sync(db, options, events);
  }

  /** @internal use db.sync(options); `events`: the handle's, where its listeners already are */
  constructor(db, options, events = new SyncEvents()) {
    if (openSyncs.has(db)) throw new TypeError('db.sync: this database already has an open sync; close() it first');
    this.#db = db;
    this.#events = events;
    this.#options = readSyncOptions(options);
    this.#connectivity = options.connectivity;
    for (const table of this.#options.tables.keys()) engineCall(db, 'DescribeTable', { TableName: table });
    ensureSyncTable(db);
    this.#capture = new Capture(db, this.#options.tables);
    this.#outbox = new Outbox(db);
    const emit = (event) => this.#events.emit(event);
    this.#pusher = new Pusher(db, this.#outbox, this.#options, emit);
    this.#puller = new Puller(db, this.#outbox, this.#options, emit);
    // Writes made before this sync existed (or before a crash) are still in the streams.
    this.#captureAfter('');
    this.#untap = db[writeTap]((operation) => this.#captureAfter(operation));
    openSyncs.add(db);
    this.#recount();
    this.#ready = db.flush();
    this.#ready.catch(() => {});
  }

  /** `{ online, started, syncing, pendingWrites, parkedWrites, lastPush, lastPull, lastError }`, a snapshot. */
  get status() {
    return { ...this.#state, pendingWrites: this.#pending, parkedWrites: this.#parked };
  }

  /** Calls `listener(event)` for each event of `type` ('*' for all); returns the unsubscribe function. */
  on(type, listener) {
    return this.#events.on(type, listener);
  }

  /** Every event from now on, as an async iterator (break ends it). */
  events() {
    return this.#events.iterator();
  }

  [Symbol.asyncIterator]() {
    return this.events();
  }

  /** Runs rounds by themselves from now on (the first at once). */
  start() {
    if (this.#closed || this.#state.started) return;
    this.#state.started = true;
    this.#unwatch = watchConnectivity(this.#connectivity, (online) => this.#connectivityChanged(online));
    this.#interval = setInterval(() => this.#soon(0), this.#options.intervalMs);
    this.#interval.unref?.();
    this.#soon(0);
    this.#statusChanged();
  }

  /** No more rounds by themselves; resolves once the round in flight (if any) is over. */
  async stop() {
    this.#halt();
    await this.#settled();
  }

  /** Stops, and no longer captures local writes (they are captured again by the next db.sync()). */
  async close() {
    await this.stop();
    this.#shutDown();
  }

  #halt() {
    this.#state.started = false;
    this.#unwatch();
    this.#unwatch = () => {};
    clearInterval(this.#interval);
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#statusChanged();
  }

  #shutDown() {
    if (this.#closed) return;
    this.#closed = true;
    this.#untap();
    openSyncs.delete(this.#db);
    this.#events.end();
  }

  /**
   * One full round (push, then pull) that starts after this call; resolves with its counts
   * `{ pushed, conflicts, parked, pulled, deleted, requests }`, rejects with what stopped it.
   */
  now() {
    if (this.#closed) return Promise.reject(new TypeError('sync is closed'));
    this.#queued ??= this.#settled().then(() => {
      this.#queued = null;
      this.#current = this.#round();
      return this.#current;
    });
    return this.#queued;
  }

  /** The changes the remote refused, with its error: `[{ table, keys, image, error }]`. */
  parked() {
    return this.#outbox.parked().map(({ table, keys, image, error }) => ({ table, key: keys, item: image, error }));
  }

  /** Puts the parked changes back in the outbox (once what the remote refused is fixed); resolves with how many. */
  async retryParked() {
    const count = await this.#outbox.retryParked();
    this.#recount();
    this.#statusChanged();
    return count;
  }

  async #round() {
    await this.#ready;
    if (this.#db.closed) {
      // The database closed under the sync: it ends with it.
      this.#halt();
      this.#shutDown();
      throw new DatabaseClosedError(this.#db.name);
    }
    this.#state.syncing = true;
    this.#statusChanged();
    try {
      const pushed = await this.#pusher.push();
      this.#state.lastPush = new Date();
      const pulled = await this.#puller.pull();
      this.#state.lastPull = new Date();
      Object.assign(this.#state, { online: true, lastError: null });
      this.#failures = 0;
      const counts = { ...pushed, ...pulled, requests: pushed.requests + pulled.requests };
      this.#events.emit({ type: 'round', ...counts });
      return counts;
    } catch (error) {
      if (isNetworkError(error)) this.#state.online = false;
      this.#state.lastError = error;
      this.#failures += 1;
      this.#events.emit({ type: 'error', error });
      // Offline, the next round waits for the online event (or the interval).
      if (!isNetworkError(error)) this.#soon(backoff(this.#failures, this.#options.retry));
      throw error;
    } finally {
      this.#state.syncing = false;
      this.#recount();
      this.#statusChanged();
    }
  }

  // Captures after a write; errors cannot fail the app's write (it is done): they are reported.
  #captureAfter(operation) {
    let result;
    try {
      result = this.#capture.run(operation);
    } catch (error) {
      this.#state.lastError = error;
      this.#events.emit({ type: 'error', error });
      if (operation === '') throw error;
      return;
    }
    if (result.gap) {
      this.#state.lastError = new Error(`db.sync: table ${result.gap} has changes older than its stream keeps (24 hours) that were never captured`);
      this.#events.emit({ type: 'error', error: this.#state.lastError });
    }
    if (result.added) {
      this.#pending += result.added;
      // Listeners run after the write request, never inside it.
      const event = { type: 'change', added: result.added, pendingWrites: this.#pending };
      queueMicrotask(() => this.#events.emit(event));
      this.#soon(SOON_MS);
    }
  }

  #soon(delay) {
    if (!this.#state.started || this.#watchedOffline || this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#state.started && !this.#watchedOffline) this.now().catch(() => {});
    }, delay);
    this.#timer.unref?.();
  }

  // Told offline by the browser (or the app's connectivity target): rounds pause until online.
  #watchedOffline = !browserOnline();

  #connectivityChanged(online) {
    this.#watchedOffline = !online;
    this.#state.online = online;
    this.#statusChanged();
    if (online) this.#soon(0);
  }

  #recount() {
    try {
      this.#pending = readKind(this.#db, 'outbox').length;
      this.#parked = readKind(this.#db, 'parked').length;
    } catch {
      // the database closed: the counts stay as they were
    }
  }

  #statusChanged() {
    this.#events.emit({ type: 'status', status: this.status });
  }

  #settled() {
    return (this.#current ?? Promise.resolve()).then(() => {}, () => {});
  }
}
