// What db.sync() returns: the one part of sync in the main bundle. Sync itself (./sync/) is
// loaded with import() on the first db.sync(), so bundlers give it a chunk of its own that an
// app without sync never downloads. Until it has loaded, the handle answers `status`, keeps the
// listeners and iterators, and its async methods wait for it; the database holds its requests
// meanwhile (database.js), so every write is still captured in the same step as it is made.
import { SyncEvents } from './sync/events.js';

// Databases with an open sync, so that a second db.sync() still throws at once (sync.js checks too).
const opened = new WeakSet();

/**
 * @param {object} db the app's database
 * @param {object} options db.sync's options (checked once sync has loaded)
 * @param {object | undefined} link with tabs sharing the database, the tabs' sync link
 * @param {(loading: Promise<unknown>) => void} hold makes the engine's requests wait for `loading`
 */
export function openSync(db, options, link, hold) {
  if (!link && opened.has(db)) throw new TypeError('db.sync: this database already has an open sync; close() it first');
  const release = () => { if (!link) opened.delete(db); };
  if (!link) opened.add(db);
  return new SyncHandle((chunk, events) => (link ? chunk.TabSync.open(link, options, events) : chunk.Sync.open(db, options, events)), hold, release);
}

class SyncHandle {
  #events = new SyncEvents();
  #sync = null; // the Sync (or TabSync) once loaded
  #failure = null; // why it could not be loaded or set up
  #started = false;
  #loaded;
  #release;

  /** Resolves once sync has loaded and caught up with the tables' streams; rejects with what stopped it (bad options, a missing table, ...). */
  ready;

  constructor(create, hold, release) {
    this.#release = release;
    this.#loaded = import('./sync/chunk.js').then(async (chunk) => {
      this.#sync = await create(chunk, this.#events);
      if (this.#started) this.#sync.start();
      this.#events.emit({ type: 'status', status: this.#sync.status });
      return this.#sync;
    }).catch((error) => {
      this.#failure = error;
      release();
      this.#events.emit({ type: 'error', error });
      this.#events.end();
      throw error;
    });
    hold(this.#loaded);
    this.#loaded.catch(() => {}); // reported through `ready`, the events and every method
    this.ready = this.#loaded.then(() => {});
  }

  /** A snapshot; until sync has loaded, nothing is counted yet (see `ready`). */
  get status() {
    if (this.#sync) return this.#sync.status;
    return {
      online: globalThis.navigator?.onLine !== false, started: this.#started, syncing: false,
      pendingWrites: 0, parkedWrites: 0, lastPush: null, lastPull: null, lastError: this.#failure,
    };
  }

  on(type, listener) { return this.#events.on(type, listener); }
  events() { return this.#events.iterator(); }
  [Symbol.asyncIterator]() { return this.events(); }

  start() {
    this.#started = true;
    this.#sync?.start();
  }

  async stop() {
    this.#started = false;
    await (await this.#settled())?.stop();
  }

  async close() {
    this.#started = false;
    await (await this.#settled())?.close();
    this.#release();
  }

  async now() { return (await this.#loaded).now(); }
  async parked() { return (await this.#loaded).parked(); }
  async retryParked() { return (await this.#loaded).retryParked(); }

  // The sync once loaded, or null if it could not be (stop and close have nothing to do then).
  #settled() {
    return this.#loaded.catch(() => null);
  }
}
