// Stored files in IndexedDB: one database per PocketDynamo database, one object store of chunks
// keyed [fileName, chunkNo], none over 60 KB, and a small store of the files: name -> number of
// chunks. An append puts new chunks instead of rewriting the file; a write deletes the file's
// chunks and puts it from chunk 0; a remove deletes the range. All operations of one flush, and
// the files' counts, go in ONE readwrite transaction, so a flush is on disk entirely or not at all.
// Open reads the files store, not the chunks' keys: Chromium keeps an IndexedDB record's key and
// value together, so listing the chunks walks every stored byte (140-225 ms for 773 keys at
// 100,000 items, where the files store is a few KB).
// Unlike Emscripten's IDBFS, every request path here ends: errors and aborts reject, and a
// timeout aborts a transaction that neither completes nor aborts.
import { StorageError } from '../errors.js';
import { FILE_NAME, checkFileName, concat, ownBuffer, toStorageError } from './files.js';

const STORE = 'chunks';
const FILES = 'files';
// Version 2 added the files store; an upgrade from 1 fills it from the chunks' keys.
const VERSION = 2;
const DEFAULT_TIMEOUT_MS = 30_000;
// A flush may take its timeout plus 1 s per MB written (a big checkpoint on a slow device); a
// read's timeout counts from the last request it made.
const MS_PER_KB = 1;
// Chromium stores an IndexedDB value over 64 KB as a separate blob file beside its LevelDB, and
// after a SIGKILL it was seen to find those inconsistent and delete the whole database (about
// once in 150 kills in tests/browser/persistence-kill.test.mjs). Values are kept below that size.
const MAX_CHUNK_BYTES = 60 * 1024;

/** The IndexedDB database that holds PocketDynamo database `name`. */
export const idbDatabaseName = (name) => `pocketdynamo:${name}`;

// All of one file's chunks: [name] sorts before [name, n], and [name, []] after every [name, n].
const fileRange = (name) => IDBKeyRange.bound([name], [name, []]);

/**
 * @param {string} name the PocketDynamo database name
 * @param {{ indexedDB?: IDBFactory, timeoutMs?: number }} [options]
 */
export async function openIdbBackend(name, { indexedDB = globalThis.indexedDB, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  if (!indexedDB) {
    throw new StorageError("PocketDynamo: storage 'idb' needs IndexedDB, which this environment does not have (in Node use storage: 'fs')");
  }
  const backend = new IdbBackend(indexedDB, idbDatabaseName(name), timeoutMs);
  await backend.connect();
  return backend;
}

class IdbBackend {
  #factory;
  #dbName;
  #timeoutMs;
  #db = null;
  #gone = null; // set when another connection deleted or upgraded the database: never reconnect
  #nextChunk = new Map(); // file name -> number of its next chunk (its count in the files store)
  // Files whose chunks are not known to be exactly 0..n-1 (the files store has no count for them,
  // so reads list their keys): an append keeps them so, until a write starts them again at 0.
  #uncounted = new Set();

  constructor(factory, dbName, timeoutMs) {
    this.#factory = factory;
    this.#dbName = dbName;
    this.#timeoutMs = timeoutMs;
  }

  async connect() {
    if (this.#gone) throw this.#gone;
    if (this.#db) return this.#db;
    const db = await openDatabase(this.#factory, this.#dbName, this.#timeoutMs);
    // Another connection wants to delete or upgrade the database: let it, and stop writing.
    db.onversionchange = () => {
      db.close();
      this.#db = null;
      this.#gone = new StorageError(`PocketDynamo storage: IndexedDB database "${this.#dbName}" was deleted or upgraded by another connection`);
    };
    // The browser closed it (storage cleared, disk error): the next load reconnects.
    db.onclose = () => { this.#db = null; };
    this.#db = db;
    return db;
  }

  /**
   * Every stored file, chunks joined, in one read transaction; the files `defer(name)` picks are
   * only named (their bytes stay in IndexedDB until readFiles), in `files.deferred`: name -> size,
   * null as IndexedDB tells a value's size only by reading it.
   * @param {{ defer?: (name: string) => boolean }} [options]
   * @returns {Promise<Array<[string, Uint8Array]>>}
   */
  async load({ defer = () => false } = {}) {
    const db = await this.connect();
    const { listed, found } = await this.#read(db, ({ chunks, files }, read, done) => {
      // The files store's names and chunk counts (two requests, answered in order), then the
      // chunks of the files read now.
      let names;
      read(() => files.getAllKeys(), (result) => { names = result; });
      read(() => files.getAll(), (counts) => {
        const listed = names.map((name, i) => [name, counts[i]]).filter(([name]) => typeof name === 'string' && FILE_NAME.test(name));
        // A file without a count is read now: its keys, listed, say where an append goes.
        readListed(chunks, read, listed.filter(([name, count]) => !defer(name) || !isCount(count)), (found) => done({ listed, found }));
      });
    });
    const files = [];
    // What could not be handed to the engine at all (the engine then finds the file damaged too),
    // and the deferred files, carried beside the list without changing what it holds.
    const problems = [];
    const deferred = new Map();
    Object.defineProperty(files, 'problems', { value: problems });
    Object.defineProperty(files, 'deferred', { value: deferred });
    const nextChunk = new Map();
    this.#uncounted = new Set(listed.filter(([, count]) => !isCount(count)).map(([name]) => name));
    for (const [name, count] of listed) {
      const got = found.get(name);
      if (!got) {
        deferred.set(name, null);
        nextChunk.set(name, count); // an append goes after its last chunk
        continue;
      }
      const bytes = joinChunks(name, got, problems);
      if (!bytes) continue; // no chunk stored: no file
      files.push([name, bytes]);
      nextChunk.set(name, got.keys.at(-1)[1] + 1);
    }
    this.#nextChunk = nextChunk;
    return files;
  }

  /**
   * The bytes of files load() deferred, in one read transaction: name -> bytes, without the names
   * that have no chunk stored; `problems` (a property) as in load().
   * @param {string[]} names
   * @returns {Promise<Map<string, Uint8Array>>}
   */
  async readFiles(names) {
    const db = await this.connect();
    const found = await this.#read(db, ({ chunks, files }, read, done) => {
      const listed = [];
      let pending = names.length + 1;
      const listedOne = () => { if (--pending === 0) readListed(chunks, read, listed, done); };
      for (const name of names) {
        read(() => files.get(name), (count) => {
          if (count !== undefined) listed.push([name, count]);
          listedOne();
        });
      }
      listedOne();
    });
    const files = new Map();
    const problems = [];
    Object.defineProperty(files, 'problems', { value: problems });
    for (const [name, got] of found) {
      const bytes = joinChunks(name, got, problems);
      if (bytes) files.set(name, bytes);
    }
    return files;
  }

  // Runs `work({ chunks, files }, read, done)` in one readonly transaction. `read(request, then)`
  // makes a request and hands its result to `then`; the timeout counts from the last request
  // made or answered.
  // Resolves with what `done` was given, once the transaction completes.
  #read(db, work) {
    return new Promise((resolve, reject) => {
      const tx = transaction(db, 'readonly');
      const stores = { chunks: tx.objectStore(STORE), files: tx.objectStore(FILES) };
      let timer;
      let result;
      const waitForProgress = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          abortQuietly(tx);
          reject(new StorageError(`PocketDynamo storage: reading IndexedDB "${this.#dbName}" timed out after ${this.#timeoutMs} ms without progress`));
        }, this.#timeoutMs);
      };
      const read = (makeRequest, then) => {
        waitForProgress();
        const request = makeRequest();
        request.onsuccess = () => {
          waitForProgress(); // many requests may be out at once: each answer is progress
          then(request.result);
        };
      };
      tx.oncomplete = () => {
        clearTimeout(timer);
        resolve(result);
      };
      tx.onabort = () => {
        clearTimeout(timer);
        reject(toStorageError(tx.error ?? new Error('transaction aborted'), `reading IndexedDB "${this.#dbName}"`));
      };
      try {
        work(stores, read, (value) => { result = value; });
      } catch (error) {
        abortQuietly(tx);
        clearTimeout(timer);
        reject(toStorageError(error, `reading IndexedDB "${this.#dbName}"`));
      }
    });
  }

  /** Applies one flush's operations in one readwrite transaction; resolves when it has completed. */
  async apply(ops) {
    const db = await this.connect();
    const what = `writing IndexedDB "${this.#dbName}"`;
    let bytes = 0;
    for (const op of ops) bytes += op.bytes?.byteLength ?? 0;
    const timeoutMs = Math.ceil(this.#timeoutMs + (bytes / 1024) * MS_PER_KB);
    return new Promise((resolve, reject) => {
      let settled = false;
      let timer; // declared before settle() can run: db.transaction() may throw at once
      const settle = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      let tx;
      try {
        tx = transaction(db, 'readwrite');
      } catch (error) {
        settle(toStorageError(error, what));
        return;
      }
      // Chunk counts change only if the transaction commits.
      const changed = new Map();
      const rewritten = new Set(); // written from chunk 0 or removed in this flush
      // A file removed earlier in this flush (undefined) starts again at chunk 0.
      const next = (name) => (changed.has(name) ? changed.get(name) ?? 0 : this.#nextChunk.get(name) ?? 0);
      let requestError = null;
      tx.onerror = (event) => { requestError ??= event.target?.error ?? null; };
      tx.oncomplete = () => {
        for (const [name, chunk] of changed) {
          if (chunk === undefined) this.#nextChunk.delete(name);
          else this.#nextChunk.set(name, chunk);
        }
        for (const name of rewritten) this.#uncounted.delete(name);
        settle();
      };
      tx.onabort = () => settle(toStorageError(tx.error ?? requestError ?? new Error('transaction aborted'), what));
      timer = setTimeout(() => {
        abortQuietly(tx);
        settle(new StorageError(`PocketDynamo storage: ${what} timed out after ${timeoutMs} ms; the transaction was aborted`));
      }, timeoutMs);
      try {
        const chunks = tx.objectStore(STORE);
        const files = tx.objectStore(FILES);
        for (const { op, name, bytes } of ops) {
          checkFileName(name);
          if (op === 'write') {
            chunks.delete(fileRange(name));
            changed.set(name, putChunks(chunks, name, 0, bytes));
            rewritten.add(name);
          } else if (op === 'append') {
            changed.set(name, putChunks(chunks, name, next(name), bytes));
          } else if (op === 'remove') {
            chunks.delete(fileRange(name));
            changed.set(name, undefined);
            rewritten.add(name);
          } else {
            throw new StorageError(`PocketDynamo storage: unknown operation ${JSON.stringify(op)}`);
          }
        }
        for (const [name, count] of changed) {
          if (count === undefined) files.delete(name);
          else files.put(this.#uncounted.has(name) && !rewritten.has(name) ? null : count, name);
        }
      } catch (error) {
        // Thrown synchronously (DataCloneError, a bad name): nothing of this flush may commit.
        abortQuietly(tx);
        settle(toStorageError(error, what));
      }
    });
  }

  async close() {
    this.#db?.close();
    this.#db = null;
  }
}

function openDatabase(factory, dbName, timeoutMs) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => fail(new StorageError(
      `PocketDynamo storage: opening IndexedDB "${dbName}" timed out after ${timeoutMs} ms (is another tab upgrading it?)`)), timeoutMs);
    let request;
    try {
      request = factory.open(dbName, VERSION);
    } catch (error) {
      fail(toStorageError(error, `opening IndexedDB "${dbName}"`));
      return;
    }
    let foreign = false;
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (event.oldVersion > 0 && !db.objectStoreNames.contains(STORE)) {
        foreign = true; // not ours: leave it as it is
        request.transaction.abort();
        return;
      }
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      if (!db.objectStoreNames.contains(FILES)) listStoredFiles(request.transaction.objectStore(STORE), db.createObjectStore(FILES));
    };
    request.onsuccess = () => {
      const db = request.result;
      if (settled) { // timed out meanwhile: nobody will use this connection
        db.close();
        return;
      }
      if (!db.objectStoreNames.contains(STORE) || !db.objectStoreNames.contains(FILES)) {
        db.close();
        fail(notOurs(dbName));
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(db);
    };
    request.onerror = (event) => {
      event.preventDefault?.();
      const error = request.error;
      if (foreign) {
        fail(notOurs(dbName));
      } else if (error?.name === 'VersionError') {
        fail(new StorageError(`PocketDynamo storage: IndexedDB database "${dbName}" has a newer version than this PocketDynamo can read (VersionError: ${error.message})`, { cause: error }));
      } else {
        fail(toStorageError(error ?? new Error('open failed'), `opening IndexedDB "${dbName}"`));
      }
    };
  });
}

const notOurs = (dbName) => new StorageError(`PocketDynamo storage: IndexedDB database "${dbName}" exists but was not made by PocketDynamo (no "${STORE}" store)`);

// The upgrade from version 1: each stored file's chunk count, from the chunks' keys (one walk).
// A file whose chunks are not exactly 0..n-1 gets null, so that reads list its keys instead; a
// key that is not [name, chunk] is left alone. Nothing here may throw: that would abort the
// upgrade, and the database would never open.
function listStoredFiles(chunks, files) {
  let name = null;
  let count = 0;
  let contiguous = true;
  const flush = () => { if (name !== null) files.put(contiguous ? count : null, name); };
  chunks.openKeyCursor().onsuccess = (event) => {
    const cursor = event.target.result;
    if (!cursor) return flush();
    const [file, chunk] = isChunkKey(cursor.key) ? cursor.key : [];
    if (typeof file === 'string') {
      if (file !== name) {
        flush();
        name = file;
        count = 0;
        contiguous = true;
      }
      contiguous &&= chunk === count;
      count += 1;
    }
    cursor.continue();
  };
}

// Puts `bytes` as chunks first, first + 1, ... of at most MAX_CHUNK_BYTES; returns the next number.
function putChunks(store, name, first, bytes) {
  let chunk = first;
  for (let at = 0; at < bytes.byteLength || chunk === first; at += MAX_CHUNK_BYTES, chunk++) {
    store.put(ownBuffer(bytes.subarray(at, Math.min(at + MAX_CHUNK_BYTES, bytes.byteLength))), [name, chunk]);
  }
  return chunk;
}

function transaction(db, mode) {
  // 'relaxed' lets the browser skip an fsync per transaction; the data is still handed to the OS
  // on commit, so it survives the browser being killed (see web/README.md on durability).
  return db.transaction([STORE, FILES], mode, { durability: 'relaxed' });
}

function abortQuietly(tx) {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: its own event reports which.
  }
}

// A chunk number this backend could have written (a file of at most 2^20 chunks: 60 GB), and a
// chunk count as apply() and the upgrade write it (anything else: list the file's keys).
const isChunk = (n) => Number.isSafeInteger(n) && n >= 0 && n < 2 ** 20;
const isChunkKey = (key) => Array.isArray(key) && key.length === 2 && isChunk(key[1]);
const isCount = (count) => count > 0 && isChunk(count - 1);

// The chunks of the listed files ([name, count]) to `then`: a Map name -> { keys, values }. A
// file's chunk keys come from its count, or, when the count is not one this backend wrote, from
// listing the file's range of the chunks store.
function readListed(chunks, read, listed, then) {
  const found = new Map();
  let pending = listed.length + 1;
  const readOne = () => { if (--pending === 0) then(found); };
  for (const [name, count] of listed) {
    const readKeys = (keys) => readChunks(chunks, read, keys, (got) => {
      found.set(name, got);
      readOne();
    });
    if (isCount(count)) readKeys(Array.from({ length: count }, (_, i) => [name, i]));
    else read(() => chunks.getAllKeys(fileRange(name)), (keys) => readKeys(keys.filter(isChunkKey)));
  }
  readOne();
}

// The values of one file's chunks, `keys` in order: { keys, values } to `then`. One get per
// chunk, all made at once: Chromium hands back values kept in its LevelDB about 4x faster that
// way than through getAll or a cursor over the same range (42 values of 60 KB: 31 ms against 140
// ms for getAll and 101-116 ms for a cursor, medians of 5, bench/js/idb-read-modes.mjs).
function readChunks(store, read, keys, then) {
  const values = new Array(keys.length);
  let pending = keys.length;
  if (pending === 0) then({ keys, values });
  keys.forEach((key, i) => read(() => store.get(key), (value) => {
    values[i] = value;
    if (--pending === 0) then({ keys, values });
  }));
}

// A file's chunks joined, or null when none of them is stored (then there is no file); a chunk
// that is missing or not bytes is left out and said in `problems`.
function joinChunks(name, { keys, values }, problems) {
  if (values.every((value) => value === undefined)) return null;
  const chunks = [];
  for (let i = 0; i < values.length; i++) {
    const bytes = asBytes(values[i]);
    if (bytes) chunks.push(bytes);
    else if (values[i] === undefined) problems.push(`${name}: stored chunk ${keys[i][1]} is missing; it is left out`);
    else problems.push(`${name}: stored chunk ${keys[i][1]} is not bytes (${describe(values[i])}); it is left out`);
  }
  return concat(chunks);
}

// The chunk's bytes, or null when what is stored is not bytes (damaged, or written by something else).
function asBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

function describe(value) {
  if (value === null) return 'null';
  return typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
}
