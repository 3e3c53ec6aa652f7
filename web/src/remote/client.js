// The asking side of the protocol (protocol.js): a database whose engine is elsewhere (in the tab
// that owns the storage, or in a worker) sends each request through a link and waits for its
// response. When the server changes (tabs: the owner closed or went away and another tab took
// over), requests the old server never answered are settled so that none applies twice: reads
// are sent again, a write the old server said it did not apply is sent again, and any other
// write fails with a StorageError saying its outcome is unknown. Subscriptions follow on with
// the new server after the last record they delivered.
import { DatabaseClosedError, StorageError } from '../errors.js';
import { neverWrites } from '../protocol.js';
import { CONTROL, errorFromText } from './protocol.js';

// Requests that change nothing when run twice: the engine's operations that never write (an
// unknown one counts as a write), and the control messages but the acknowledgement.
const CONTROLS = new Set(Object.values(CONTROL));
const resendable = (op) => (CONTROLS.has(op) ? op !== CONTROL.acknowledge : neverWrites(op));

export class RemoteClient {
  #name;
  #link;
  #nextId = 1;
  #pending = new Map(); // id -> { op, body, relaxed, resolve, reject, sentTo, retry }
  #subscriptions = new Map(); // sub -> { table, startingPosition, after, sink, server }
  #failure = null;
  #drained = null; // resolves when nothing is pending, once closing
  closed = false;

  /**
   * @param {string} name the database name (for errors)
   * @param {{ post(message: object): string | null | undefined }} link sends a message to the
   *   current server and returns its id (null while there is none; undefined for a worker)
   */
  constructor(name, link) {
    this.#name = name;
    this.#link = link;
  }

  /** Runs one request remotely: resolves to the response body text, or rejects with the rebuilt error. */
  request(op, body, relaxed = false) {
    if (this.closed) return Promise.reject(new DatabaseClosedError(this.#name));
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const entry = { id: this.#nextId++, op, body, relaxed, resolve, reject, sentTo: null, retry: false };
      this.#pending.set(entry.id, entry);
      this.#post(entry);
    });
  }

  /** A control request whose response body is JSON. */
  async call(op, input = {}) {
    return JSON.parse(await this.request(op, JSON.stringify(input)));
  }

  /**
   * Follows a table's stream: `sink.push(record)` with each record as GetRecords returns it,
   * `sink.end(error)` when it cannot go on. Returns stop().
   */
  follow(table, startingPosition, sink, after = undefined) {
    if (this.closed) throw new DatabaseClosedError(this.#name);
    const sub = this.#nextId++;
    const subscription = { table, startingPosition, after, sink };
    this.#subscriptions.set(sub, subscription);
    this.#startFollowing(sub, subscription);
    return () => {
      if (!this.#subscriptions.delete(sub)) return;
      if (!this.closed) this.request(CONTROL.unsubscribe, JSON.stringify({ sub })).catch(() => {});
    };
  }

  /** A message from the server. */
  receive(message) {
    if (message.t === 'res') {
      const entry = this.#pending.get(message.id);
      if (!entry || entry.sentTo !== message.from) return;
      if (message.retry) {
        // The server was closing and did not apply it: it goes to the next server.
        entry.sentTo = null;
        entry.retry = true;
        return;
      }
      this.#settle(entry);
      if (message.ok) entry.resolve(message.body);
      else entry.reject(errorFromText(message.body));
    } else if (message.t === 'rec') {
      const subscription = this.#subscriptions.get(message.sub);
      if (!subscription || subscription.server !== message.from) return;
      subscription.after = message.record.dynamodb.SequenceNumber;
      subscription.sink.push(message.record);
    } else if (message.t === 'end') {
      const subscription = this.#subscriptions.get(message.sub);
      if (!subscription || subscription.server !== message.from) return;
      this.#subscriptions.delete(message.sub);
      subscription.sink.end(message.error === undefined ? undefined : errorFromText(message.error));
    }
  }

  /** A new server (tabs: a new owner) serves the database: settle what the old one left. */
  serverChanged(server) {
    for (const [sub, subscription] of this.#subscriptions) {
      if (subscription.server === server) continue;
      // A subscribe request not yet answered is sent on below, like any other request.
      const waiting = this.#pending.get(subscription.requestId);
      if (waiting) {
        const { table, startingPosition, after } = subscription;
        waiting.body = JSON.stringify({ sub, table, startingPosition, after });
        subscription.server = server;
      } else {
        this.#startFollowing(sub, subscription);
      }
    }
    for (const entry of this.#pending.values()) {
      if (entry.sentTo === server) continue;
      if (entry.sentTo === null || entry.retry || resendable(entry.op)) {
        this.#post(entry);
      } else {
        this.#settle(entry);
        entry.reject(new StorageError(`PocketDynamo database "${this.#name}": the tab that owned the database went away (closed, reloaded or crashed) while this ${entry.op} was in flight; it may or may not have been applied, so read before trying again`));
      }
    }
  }

  /** The link cannot serve anymore (it failed to take over): pending and later requests fail with `error`. */
  fail(error) {
    this.#failure = error;
    for (const entry of this.#pending.values()) entry.reject(error);
    this.#pending.clear();
    this.#drained?.();
  }

  /**
   * Closing: later calls fail with DatabaseClosedError, subscriptions end, and this resolves
   * once every request already sent is answered (as closing a local database flushes first).
   */
  close() {
    this.closed = true;
    for (const subscription of this.#subscriptions.values()) subscription.sink.end();
    this.#subscriptions.clear();
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => { this.#drained = resolve; });
  }

  #settle(entry) {
    this.#pending.delete(entry.id);
    if (this.#drained && this.#pending.size === 0) this.#drained();
  }

  #post(entry) {
    entry.retry = false;
    entry.sentTo = this.#link.post({ t: 'req', id: entry.id, op: entry.op, body: entry.body, relaxed: entry.relaxed });
  }

  // Asks the server to follow the stream after the last record delivered (or from the start position).
  #startFollowing(sub, subscription) {
    const { table, startingPosition, after } = subscription;
    const request = this.request(CONTROL.subscribe, JSON.stringify({ sub, table, startingPosition, after }));
    // Records from this server count from now on (a server's records carry its id as `from`).
    subscription.requestId = this.#nextId - 1;
    subscription.server = this.#pending.get(subscription.requestId)?.sentTo;
    request.catch((error) => {
      if (this.#subscriptions.get(sub) !== subscription) return;
      this.#subscriptions.delete(sub);
      subscription.sink.end(error);
    });
  }
}
