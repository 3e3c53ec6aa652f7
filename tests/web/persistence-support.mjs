// Shared by the persistence tests: open() with test hooks, backend wrappers that count, hold or
// fail flushes, and small helpers for one test table.
import { openDatabase } from '../../web/src/open.js';
import { loadEngineModule } from '../../web/src/engine-module.js';

/** PocketDynamo.open with optional test hooks (wrapBackend, timeoutMs, indexedDB). */
export function open(options, hooks = {}) {
  return openDatabase(options, hooks);
}

/**
 * Wraps a backend: counts applies and the most in flight at once, remembers the last file
 * appended to, and can hold flushes (until release()) or fail them (with `failWith()`'s error).
 * Tests wait on its events (an apply started, a later apply completed) instead of sleeping.
 */
export function probe() {
  const startWaiters = [];
  const completeWaiters = [];
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
    /** Resolves once an apply is in flight (at once if one is). */
    applying() {
      if (state.inFlight > 0) return Promise.resolve();
      return new Promise((resolve) => startWaiters.push(resolve));
    },
    /** Resolves once an apply that starts after this call has completed (so it holds every change made before it). */
    laterApplyCompleted() {
      const after = state.applies;
      return new Promise((resolve) => completeWaiters.push({ after, resolve }));
    },
    wrapBackend(backend) {
      state.backend = backend;
      return {
        load: () => backend.load(),
        close: () => backend.close(),
        async apply(ops) {
          state.applies += 1;
          const number = state.applies;
          state.inFlight += 1;
          state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
          for (const resolve of startWaiters.splice(0)) resolve();
          try {
            if (state.held) await state.held.promise;
            if (state.failure) throw state.failure;
            await backend.apply(ops);
            for (const op of ops) if (op.op === 'append') state.lastAppended = op.name;
            state.completed += 1;
            for (const waiter of [...completeWaiters]) {
              if (number > waiter.after) {
                completeWaiters.splice(completeWaiters.indexOf(waiter), 1);
                waiter.resolve();
              }
            }
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

/**
 * id -> value of the test table as stored for `where` ({ name, storage: 'idb' } or { storage: 'fs',
 * path }): what a recovery would load from the stored files right now, read through a connection
 * of its own into a fresh engine (not the open database's memory). Tells what is durable.
 */
export async function storedContents(where, TableName = TABLE) {
  const backend = where.storage === 'fs'
    ? await (await import('../../web/src/storage/fs-backend.js')).openFsBackend(where.path)
    : await (await import('../../web/src/storage/idb-backend.js')).openIdbBackend(where.name);
  let files;
  try {
    files = await backend.load();
  } finally {
    await backend.close();
  }
  const { Engine } = await loadEngineModule();
  const engine = new Engine();
  try {
    for (const [name, bytes] of files) engine.loadFile(name, bytes);
    engine.openStorage();
    const out = {};
    const body = JSON.parse(engine.execute('Scan', JSON.stringify({ TableName })).body);
    if (body.__type?.endsWith('#ResourceNotFoundException')) return out;
    assert(!body.__type && !body.LastEvaluatedKey, `stored scan: ${JSON.stringify(body).slice(0, 200)}`);
    for (const item of body.Items) out[item.id.S] = item.v?.S;
    return out;
  } finally {
    engine.delete();
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Lets queued callbacks run (a zero-delay timer: a turn of the event loop, not a wait on the clock). */
export const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

let counter = 0;
/** A database name no other test uses. */
export const uniqueName = (prefix = 'db') => `${prefix}-${globalThis.process?.pid ?? 0}-${++counter}-${Date.now()}`;
