// Shared by the persistence tests: the engine module (the real one once it has the storage API,
// else a stand-in that keeps a replay log of write requests in the same file operations), and
// backend wrappers that count, hold or fail flushes.
import { loadEngineModule } from '../../web/src/engine-module.js';
import { openDatabase } from '../../web/src/open.js';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'CreateTable',
  'UpdateTable', 'DeleteTable', 'UpdateTimeToLive', 'PocketDynamo_SweepExpiredItems']);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** True when web/dist has the engine's storage API (loadFile/openStorage/flush). */
export async function realEngineHasStorage() {
  const real = await loadEngineModule();
  return typeof real.Engine.prototype.flush === 'function';
}

let modulePromise;
/** The engine module the tests open databases with. */
export function engineModule() {
  modulePromise ??= (async () => {
    const real = await loadEngineModule();
    return typeof real.Engine.prototype.flush === 'function' ? real : standInModule(real);
  })();
  return modulePromise;
}

/** PocketDynamo.open with the test engine module and optional hooks (wrapBackend, timeoutMs). */
export async function open(options, hooks = {}) {
  return openDatabase(options, { module: await engineModule(), ...hooks });
}

// A stand-in with the storage contract: a log of successful write requests appended to
// `wal-<gen>` per flush; every fifth flush a checkpoint writes `wal-<gen+1>` whole, then the
// `catalog`, then removes the old log (any prefix of which is recoverable). A torn last line is
// dropped and reported.
function standInModule(real) {
  class Engine {
    #engine = new real.Engine();
    #staged = new Map();
    #open = false;
    #gen = 0;
    #log = [];
    #pending = [];
    #removals = [];
    #flushes = 0;
    #rewrite = false;

    loadFile(name, bytes) { this.#staged.set(name, bytes.slice()); }

    openStorage() {
      const problems = [];
      const catalog = this.#staged.get('catalog');
      if (catalog) {
        try { this.#gen = JSON.parse(decoder.decode(catalog)).gen; } catch { problems.push('catalog: corrupt'); }
      }
      const text = decoder.decode(this.#staged.get(`wal-${this.#gen}`) ?? new Uint8Array());
      const lines = text.split('\n');
      const tail = lines.pop();
      if (tail) problems.push(`wal-${this.#gen}: torn tail of ${tail.length} bytes dropped`);
      for (const line of lines) {
        let request;
        try { request = JSON.parse(line); } catch { problems.push(`wal-${this.#gen}: corrupt record dropped`); break; }
        this.#engine.execute(request[0], request[1]);
        this.#log.push(line);
      }
      if (tail) this.#rewrite = true;
      for (const name of this.#staged.keys()) {
        if (name !== 'catalog' && name !== `wal-${this.#gen}`) this.#removals.push(name);
      }
      this.#staged.clear();
      this.#open = true;
      return JSON.stringify({ tables: 0, items: 0, problems });
    }

    execute(operation, body) {
      const response = this.#engine.execute(operation, body);
      if (this.#open && WRITES.has(operation) && !response.startsWith('{"__type"')) {
        this.#pending.push(JSON.stringify([operation, body]));
      }
      return response;
    }

    flush() {
      const ops = [];
      if (this.#rewrite) { // drop the torn tail on disk too, before appending after it
        ops.push({ op: 'write', name: `wal-${this.#gen}`, bytes: encoder.encode(this.#log.map((l) => `${l}\n`).join('')) });
        this.#rewrite = false;
      }
      if (this.#pending.length) {
        ops.push({ op: 'append', name: `wal-${this.#gen}`, bytes: encoder.encode(this.#pending.map((l) => `${l}\n`).join('')) });
        this.#log.push(...this.#pending);
        this.#pending = [];
        this.#flushes += 1;
      }
      if (this.#flushes >= 5) {
        const gen = this.#gen + 1;
        ops.push({ op: 'write', name: `wal-${gen}`, bytes: encoder.encode(this.#log.map((l) => `${l}\n`).join('')) });
        ops.push({ op: 'write', name: 'catalog', bytes: encoder.encode(JSON.stringify({ gen })) });
        ops.push({ op: 'remove', name: `wal-${this.#gen}` });
        this.#gen = gen;
        this.#flushes = 0;
      }
      ops.push(...this.#removals.map((name) => ({ op: 'remove', name })));
      this.#removals = [];
      return ops;
    }

    delete() { this.#engine.delete(); }
  }
  return { Engine, standIn: true };
}

/**
 * Wraps a backend: counts applies and the most in flight at once, remembers the last file
 * appended to, and can hold flushes (until release()) or fail them (with `failWith()`'s error).
 */
export function probe() {
  const state = {
    applies: 0,
    completed: 0,
    inFlight: 0,
    maxInFlight: 0,
    lastAppended: null,
    failure: null,
    held: null,
    backend: null,
    hold() {
      let release;
      const promise = new Promise((resolve) => { release = resolve; });
      state.held = { promise, release };
    },
    release() {
      state.held?.release();
      state.held = null;
    },
    failWith(error) { state.failure = error; },
    wrapBackend(backend) {
      state.backend = backend;
      return {
        load: () => backend.load(),
        close: () => backend.close(),
        async apply(ops) {
          state.applies += 1;
          state.inFlight += 1;
          state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
          try {
            if (state.held) await state.held.promise;
            if (state.failure) throw state.failure;
            await backend.apply(ops);
            for (const op of ops) if (op.op === 'append') state.lastAppended = op.name;
            state.completed += 1;
          } finally {
            state.inFlight -= 1;
          }
        },
      };
    },
  };
  return state;
}

export const TABLE = 'Things';

/** Creates the test table (hash key `id`, a string). */
export async function createTable(db, TableName = TABLE) {
  await db.createTable({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

export const put = (db, id, value = id, options) =>
  db.putItem({ TableName: TABLE, Item: { id: { S: id }, v: { S: value } } }, options);

/** id -> value of every item of the test table. */
export async function contents(db, TableName = TABLE) {
  const out = {};
  let ExclusiveStartKey;
  do {
    const page = await db.scan({ TableName, ExclusiveStartKey });
    for (const item of page.Items) out[item.id.S] = item.v?.S;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

let counter = 0;
/** A database name no other test uses. */
export const uniqueName = (prefix = 'db') => `${prefix}-${globalThis.process?.pid ?? 0}-${++counter}-${Date.now()}`;
