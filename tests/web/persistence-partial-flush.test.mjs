// A flush whose first operations reached the disk before a later one failed (the log append
// synced, then the checkpoint hit a full disk): the reload finds the commit, so its writes are
// acknowledged, not reported as undone (a retried ADD would count twice). And subscribers only
// ever see records that are stored: a write a failed flush undid is never delivered, and what
// the reloaded engine holds is delivered in order, once.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import { open, probe } from './persistence-support.mjs';

const TABLE = 'Counters';
let counter = 0;
const name = () => `partial-${process.pid}-${(counter += 1)}`;

async function createTable(db, stream = false) {
  await db.createTable({
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    ...(stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }),
  });
}

const add = (db) => db.updateItem({
  TableName: TABLE, Key: { id: { S: 'c' } }, UpdateExpression: 'ADD n :one',
  ExpressionAttributeValues: { ':one': { N: '1' } },
});

const count = async (db) => Number((await db.getItem({ TableName: TABLE, Key: { id: { S: 'c' } } })).Item?.n.N ?? 0);

// Applies the operations up to the first 'write' (the log append), then fails: what a disk that
// fills up during a checkpoint leaves.
function failAfterAppend(state) {
  return {
    wrapBackend(backend) {
      state.backend = backend;
      return {
        load: () => backend.load(),
        close: () => backend.close(),
        async apply(ops) {
          if (!state.failing || !ops.some((op) => op.op === 'write')) return backend.apply(ops);
          const appended = ops.filter((op) => op.op === 'append');
          await backend.apply(appended);
          state.failures = (state.failures ?? 0) + 1;
          const error = new Error('no space left on device');
          error.name = 'QuotaExceededError';
          throw error;
        },
      };
    },
  };
}

test('a flush that failed after its log append reached the disk acknowledges its writes', async () => {
  const state = { failing: false };
  const db = await open({ name: name(), storage: 'idb' }, failAfterAppend(state));
  await createTable(db);
  state.failing = true;
  // A long log makes the next flushes checkpoint (and so fail after their append).
  let acknowledged = 0;
  let rejected = 0;
  for (let i = 0; i < 30; i++) {
    try {
      await db.updateItem({
        TableName: TABLE, Key: { id: { S: 'c' } }, UpdateExpression: 'ADD n :one SET filler = :p',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':p': { S: 'x'.repeat(300_000) } },
      });
      acknowledged += 1;
    } catch {
      rejected += 1;
    }
  }
  assert.ok(state.failures > 0, 'checkpoints failed after their log append');
  assert.equal(rejected, 0, 'every write reached the log, so none is reported as undone');
  assert.equal(await count(db), acknowledged);
  state.failing = false;
  await add(db);
  assert.equal(await count(db), acknowledged + 1);
  await db.close();
});

test('subscribers see only stored records: a write a failed flush undid is never delivered', async () => {
  const state = probe();
  const db = await open({ name: name(), storage: 'idb' }, { wrapBackend: state.wrapBackend });
  await createTable(db, true);
  const seen = [];
  db.subscribe(TABLE, (record) => { seen.push(record.dynamodb.Keys.id.S); });
  const put = (id) => db.putItem({ TableName: TABLE, Item: { id: { S: id } } });
  await put('a');
  state.failWith(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
  await assert.rejects(put('b'));
  state.failWith(null);
  await put('c');
  await put('d');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(seen, ['a', 'c', 'd']);
  const items = (await db.scan({ TableName: TABLE })).Items.map((item) => item.id.S).sort();
  assert.deepEqual(items, ['a', 'c', 'd']);
  await db.close();
});
