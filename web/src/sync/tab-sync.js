// db.sync in a tab of a database shared by several tabs: the sync runs only in the tab that owns
// the database (where the engine is), so that nothing is pushed twice. There it is a Sync on
// the owner's engine; its events (status included) go to the other tabs, whose sync shows them,
// and whose now() and retryParked() the owner runs. When another tab takes over, its sync starts
// running there (started if the app started it).
import { SyncEvents } from './events.js';
import { readSyncOptions } from './options.js';
import { Sync } from './sync.js';
import { uuid } from '../metadata.js';

const idle = { online: true, started: false, syncing: false, lastPush: null, lastPull: null, lastError: null, pendingWrites: 0, parkedWrites: 0 };

export class TabSync {
  #link;
  #options;
  #events;
  #inner = null; // the Sync, while this tab owns the database
  #owning = false; // Sync.open() under way
  #status = { ...idle };
  #wanted = false; // the app called start()
  #calls = new Map(); // id -> { resolve, reject }: now()/retryParked() run by the owner
  #unlisten;
  #closed = false;

  /**
   * @param {{ owned(): object | null, post(message: object): void, listen(listener: object): () => void }} link
   * @param {SyncEvents} [events] the handle's (sync-handle.js), where its listeners already are
   */
  constructor(link, options, events = new SyncEvents()) {
    readSyncOptions(options); // bad options throw here, in every tab
    this.#link = link;
    this.#events = events;
    this.#options = options;
    this.#unlisten = link.listen({ message: (message) => this.#receive(message), owned: (db) => this.#own(db) });
    const db = link.owned();
    /** @internal resolves once this tab, if it owns the database, runs the sync (never rejects) */
    this.opened = db ? this.#own(db) : Promise.resolve();
    if (!db) link.post({ kind: 'hello' });
  }

  /** @internal the TabSync, once this tab's own Sync (if it owns the database) is running */
  static async open(link, options, events) {
    const sync = new TabSync(link, options, events);
    await sync.opened;
    return sync;
  }

  /** The sync's status; `owner` says whether it runs in this tab. */
  get status() {
    return { ...(this.#inner ? this.#inner.status : this.#status), owner: this.#inner !== null };
  }

  on(type, listener) { return this.#events.on(type, listener); }
  events() { return this.#events.iterator(); }
  [Symbol.asyncIterator]() { return this.events(); }

  start() {
    this.#wanted = true;
    this.#inner?.start();
  }

  async stop() {
    this.#wanted = false;
    await this.#inner?.stop();
  }

  async close() {
    this.#closed = true;
    this.#unlisten();
    await this.#inner?.close();
    this.#events.end();
  }

  now() { return this.#run('now'); }
  retryParked() { return this.#run('retryParked'); }

  /** The parked changes (in the owner tab; elsewhere an empty list). */
  parked() { return this.#inner ? this.#inner.parked() : []; }

  #run(method) {
    if (this.#closed) return Promise.reject(new TypeError('sync is closed'));
    if (this.#inner) return this.#inner[method]();
    return new Promise((resolve, reject) => {
      const id = uuid();
      this.#calls.set(id, { resolve, reject });
      this.#link.post({ kind: 'call', id, method });
    });
  }

  async #own(db) {
    if (this.#closed || this.#inner || this.#owning) return;
    this.#owning = true;
    try {
      const inner = await Sync.open(db, this.#options);
      if (this.#closed) return void inner.close().catch(() => {});
      this.#inner = inner;
    } catch (error) {
      // Taking over must not fail for the sync's sake: the error is the sync's.
      this.#status = { ...this.#status, lastError: error };
      this.#events.emit({ type: 'error', error });
      return;
    } finally {
      this.#owning = false;
    }
    this.#inner.on('*', (event) => {
      this.#events.emit(event);
      this.#link.post({ kind: 'event', event: cloneable(event) });
    });
    if (this.#wanted) this.#inner.start();
  }

  async #receive(message) {
    if (this.#inner) {
      // The owner: answers the other tabs' syncs.
      if (message.kind === 'hello') this.#link.post({ kind: 'event', event: { type: 'status', status: this.#inner.status } });
      if (message.kind === 'call') {
        try {
          const result = await this.#inner[message.method]();
          this.#link.post({ kind: 'done', id: message.id, result });
        } catch (error) {
          this.#link.post({ kind: 'done', id: message.id, error: cloneable(error) });
        }
      }
      return;
    }
    if (message.kind === 'event') {
      if (message.event.type === 'status') this.#status = { ...message.event.status };
      this.#events.emit(message.event);
    } else if (message.kind === 'done' && this.#calls.has(message.id)) {
      const call = this.#calls.get(message.id);
      this.#calls.delete(message.id);
      if (message.error) call.reject(message.error);
      else call.resolve(message.result);
    }
  }
}

// Errors and plain data clone over BroadcastChannel; an error's own fields (an SDK error's
// $metadata, say) may not, so it goes as a plain Error with its name and message.
function cloneable(value) {
  if (value instanceof Error) return Object.assign(new Error(value.message), { name: value.name });
  if (Array.isArray(value)) return value.map(cloneable);
  if (value && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, cloneable(member)]));
  }
  return value;
}
