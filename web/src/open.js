// PocketDynamo.open: checks the options, loads the shared engine module, makes a database.
import { Database } from './database.js';
import { closingKey, closingNow } from './closing.js';
import { applyDeclaredTables, checkDeclaredTables } from './declared-tables.js';
import { loadEngineModule } from './engine-module.js';
import { partiqlWasmUrl } from './partiql-module.js';
import { StorageError } from './errors.js';
import { openStoredEngine } from './storage/open-stored.js';
import { canShareTabs, joinTabs } from './tabs/tab-link.js';

const DURABILITIES = ['strict', 'relaxed'];
const LOCK_MODES = ['shared', 'fail', 'wait'];

/**
 * Opens a database, ready to use.
 * - `storage: 'memory'`: the data lives until close().
 * - `storage: 'idb'`: browser IndexedDB (one IndexedDB database named `pocketdynamo:<name>`).
 * - `storage: 'fs'` with `path` (or `'node:<dir>'`): files in a directory, in Node.
 * With 'idb' and 'fs' an awaited write resolves once it is on disk (`durability: 'strict'`, the
 * default); `durability: 'relaxed'` resolves after the change is applied in memory and stores it
 * a few milliseconds later.
 * With 'idb' in a browser, every tab of the origin may open the same database (`lock: 'shared'`,
 * the default there): one tab owns the storage and serves the others, and another takes over
 * when it goes away. `lock: 'fail'` (the default elsewhere) makes this open the one exclusive
 * user, rejecting with DatabaseLockedError when another holds it; `lock: 'wait'` waits for it.
 * `worker: true` runs the engine and its storage in a dedicated module Worker.
 * With 'idb' and 'fs', open reads the catalog and the log, not the items: a partition of a table
 * is read from storage when a request first touches it, so memory holds what is used.
 * `loadInBackground: true` also loads the untouched partitions after open, one file at a time
 * between the page's tasks (memory then grows to the whole database; requests never wait for it).
 * `memoryBudget` (bytes of items, by DynamoDB's item size) bounds what stays in memory: beyond it
 * the partitions touched least recently are dropped between requests and read again when next
 * touched; a table read across partitions (a Scan, an index read) stays loaded.
 * `tables` (CreateTable inputs) declares the tables the database should have: those missing are
 * created, global secondary indexes are added or removed to match, and a table whose key schema
 * differs rejects the open with ValidationException (declared-tables.js).
 * `region` names the region in table and stream ARNs and in stream records' awsRegion. It
 * defaults to 'local': a page signs nothing, and ARNs that say 'local' cannot be mistaken for a
 * cloud table's (as DynamoDB Local says 'ddblocal'). Over HTTP each request is answered for the
 * region it was signed for.
 * @param {{ name: string, tables?: object[], storage: 'memory' | 'idb' | 'fs' | `node:${string}`,
 *   path?: string, durability?: 'strict' | 'relaxed', lock?: 'shared' | 'fail' | 'wait',
 *   worker?: boolean, wasmUrl?: string | URL, loadInBackground?: boolean, memoryBudget?: number,
 *   partiqlWasmUrl?: string | URL, region?: string }} options
 * `partiqlWasmUrl`: where the PartiQL module's wasm is, fetched by the first PartiQL statement
 * (default: beside `wasmUrl` when that is given, else next to the package's module).
 * @returns {Promise<Database>}
 */
async function open(options) {
  checkDeclaredTables(options?.tables);
  const db = await openDatabase(options);
  if (options.tables === undefined) return db;
  try {
    await applyDeclaredTables(db, options.tables);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** @internal open() with test hooks: `module` (an engine module) and those of openStoredEngine. */
export async function openDatabase(options, hooks = {}) {
  const { name, storage, path, durability = 'strict', lock, wasmUrl, partiqlWasmUrl: partiqlUrl, worker = false, loadInBackground = false, memoryBudget, region = 'local' } = options ?? {};
  const ttlSweep = ttlSweepOf(options?.ttlSweep, hooks.ttlSweep);
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('PocketDynamo.open: `name` must be a non-empty string');
  }
  const where = storageOf(storage, path);
  if (!DURABILITIES.includes(durability)) {
    throw new TypeError(`PocketDynamo.open: durability must be 'strict' or 'relaxed', not ${JSON.stringify(durability)}`);
  }
  if (lock !== undefined && !LOCK_MODES.includes(lock)) {
    throw new TypeError(`PocketDynamo.open: lock must be 'shared', 'fail' or 'wait', not ${JSON.stringify(lock)}`);
  }
  if (typeof region !== 'string' || !/^[a-z0-9-]{1,64}$/.test(region)) {
    throw new TypeError(`PocketDynamo.open: region must be a region name such as 'us-east-1', not ${JSON.stringify(region)}`);
  }
  if (typeof worker !== 'boolean') throw new TypeError('PocketDynamo.open: worker must be true or false');
  if (typeof loadInBackground !== 'boolean') throw new TypeError('PocketDynamo.open: loadInBackground must be true or false');
  if (memoryBudget !== undefined && !(typeof memoryBudget === 'number' && memoryBudget > 0)) {
    throw new TypeError(`PocketDynamo.open: memoryBudget must be a number of bytes above 0, not ${JSON.stringify(memoryBudget)}`);
  }
  if (lock === 'shared' && where.kind !== 'idb') {
    throw new TypeError("PocketDynamo.open: lock 'shared' (many tabs) is for storage 'idb'");
  }
  // An open right after a close of the same database (React StrictMode) waits for that close.
  const key = closingKey(where, name);
  await closingNow(key);
  if (worker) {
    const { openInWorker } = await import('./worker/open-in-worker.js');
    return openInWorker({ name, storage: where.kind, path: where.path, durability, lock, wasmUrl, partiqlWasmUrl: partiqlUrl, loadInBackground, memoryBudget, ttlSweep: options.ttlSweep, region }, key);
  }
  // The storage code is a chunk of its own in a bundled app: fetched alongside the engine, not after it.
  if (where.kind === 'idb') import('./storage/idb-backend.js').catch(() => {});
  const module = hooks.module ?? await loadEngineModule(wasmUrl);
  const partiql = partiqlWasmUrl({ wasmUrl, partiqlWasmUrl: partiqlUrl }); // loaded by the first statement
  if (where.kind === 'memory') return new Database(new module.Engine(), name, 'memory', { ttlSweep, partiqlUrl: partiql, region });
  const mode = lock ?? (where.kind === 'idb' && canShareTabs() ? 'shared' : 'fail');
  if (mode === 'shared') {
    if (!canShareTabs()) {
      throw new StorageError("PocketDynamo: lock 'shared' needs Web Locks and BroadcastChannel, which this environment does not have; use lock: 'fail'");
    }
    const remote = await joinTabs(name, async (heldLock) => {
      const stored = await openStoredEngine(module, name, where, 'fail', { ...hooks, heldLock, loadInBackground, memoryBudget });
      return new Database(null, name, where.kind, { stored, durability, ttlSweep, partiqlUrl: partiql, region });
    }, () => { import('./storage/idb-backend.js').catch(() => {}); }); // a takeover then need not fetch it
    return new Database(null, name, where.kind, { remote, durability, closingKey: key });
  }
  const stored = await openStoredEngine(module, name, where, mode, { ...hooks, loadInBackground, memoryBudget });
  return new Database(null, name, where.kind, { stored, durability, closingKey: key, ttlSweep, partiqlUrl: partiql, region });
}

// open({ ttlSweep }): false turns the background TTL deletions off; { intervalMs } sets how often
// a pass starts. Tests add a clock and a timer through the hooks.
function ttlSweepOf(option, hooked) {
  if (option === false) return false;
  if (option !== undefined && (option === null || typeof option !== 'object')) {
    throw new TypeError('PocketDynamo.open: ttlSweep must be false or { intervalMs }');
  }
  const intervalMs = option?.intervalMs;
  if (intervalMs !== undefined && !(Number.isFinite(intervalMs) && intervalMs > 0)) {
    throw new TypeError('PocketDynamo.open: ttlSweep.intervalMs must be a positive number of milliseconds');
  }
  return { ...(intervalMs === undefined ? {} : { intervalMs }), ...hooked };
}

function storageOf(storage, path) {
  if (storage === 'memory' || storage === 'idb') return { kind: storage };
  if (storage === 'fs') {
    if (typeof path !== 'string' || path === '') {
      throw new TypeError("PocketDynamo.open: storage 'fs' needs `path`, the directory to keep the database in");
    }
    return { kind: 'fs', path };
  }
  if (typeof storage === 'string' && storage.startsWith('node:') && storage.length > 'node:'.length) {
    return { kind: 'fs', path: storage.slice('node:'.length) };
  }
  throw new TypeError(`PocketDynamo.open: storage ${JSON.stringify(storage)} is not supported; use 'memory', 'idb' or 'fs' (with path)`);
}

export const PocketDynamo = Object.freeze({ open });
