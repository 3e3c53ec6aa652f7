// PocketDynamo.open: checks the options, loads the shared engine module, makes a database.
import { Database } from './database.js';
import { applyDeclaredTables, checkDeclaredTables } from './declared-tables.js';
import { loadEngineModule } from './engine-module.js';
import { openStoredEngine } from './storage/open-stored.js';

const DURABILITIES = ['strict', 'relaxed'];
const LOCK_MODES = ['fail', 'wait'];

/**
 * Opens a database, ready to use.
 * - `storage: 'memory'`: the data lives until close().
 * - `storage: 'idb'`: browser IndexedDB (one IndexedDB database named `pocketdynamo:<name>`).
 * - `storage: 'fs'` with `path` (or `'node:<dir>'`): files in a directory, in Node.
 * With 'idb' and 'fs' an awaited write resolves once it is on disk (`durability: 'strict'`, the
 * default); `durability: 'relaxed'` resolves after the change is applied in memory and stores it
 * a few milliseconds later. Only one open database may use a store at a time: a second open
 * rejects with DatabaseLockedError, or waits for the first to close with `lock: 'wait'`.
 * `tables` (CreateTable inputs) declares the tables the database should have: those missing are
 * created, global secondary indexes are added or removed to match, and a table whose key schema
 * differs rejects the open with ValidationException (declared-tables.js).
 * @param {{ name: string, tables?: object[], storage: 'memory' | 'idb' | 'fs' | `node:${string}`, path?: string,
 *   durability?: 'strict' | 'relaxed', lock?: 'fail' | 'wait', wasmUrl?: string | URL }} options
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
  const { name, storage, path, durability = 'strict', lock = 'fail', wasmUrl } = options ?? {};
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('PocketDynamo.open: `name` must be a non-empty string');
  }
  const where = storageOf(storage, path);
  if (!DURABILITIES.includes(durability)) {
    throw new TypeError(`PocketDynamo.open: durability must be 'strict' or 'relaxed', not ${JSON.stringify(durability)}`);
  }
  if (!LOCK_MODES.includes(lock)) {
    throw new TypeError(`PocketDynamo.open: lock must be 'fail' or 'wait', not ${JSON.stringify(lock)}`);
  }
  const module = hooks.module ?? await loadEngineModule(wasmUrl);
  if (where.kind === 'memory') return new Database(new module.Engine(), name, 'memory');
  const stored = await openStoredEngine(module, name, where, lock, hooks);
  return new Database(null, name, where.kind, { stored, durability });
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
