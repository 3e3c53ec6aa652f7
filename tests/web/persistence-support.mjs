// Shared by the persistence tests: open() with test hooks, backend wrappers that count, hold or
// fail flushes, and small helpers for one test table.
import { openDatabase } from '../../web/src/open.js';

/** PocketDynamo.open with optional test hooks (wrapBackend, timeoutMs, indexedDB). */
export function open(options, hooks = {}) {
  return openDatabase(options, hooks);
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
