// open({ memoryBudget }), on both backends: beyond the budget the partitions touched least
// recently are dropped between requests and read back on their next touch, so that a page that
// reads a large database holds about the budget; reads, writes, checkpoint steps and reopens with
// many requests in flight keep every item; a table read across partitions stays; and a budget
// that is not a number of bytes is refused.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBDocument } from '../../web/src/index.js';
import { TABLE, contents, createTable, open, uniqueName } from './persistence-support.mjs';

const ITEMS = 2000;
const PAD = 'p'.repeat(1000);
const BUDGET = 100_000; // item bytes: about a tenth of the table

const KINDS = [
  { kind: 'idb', options: (name) => ({ name, storage: 'idb' }) },
  { kind: 'fs', options: (name) => ({ name, storage: 'fs', path: fs.mkdtempSync(path.join(os.tmpdir(), 'pd-budget-')) }) },
];

const id = (n) => `item-${n}`;
const itemOf = (n, version) => ({ id: id(n), v: `v${version}-${n}`, pad: PAD });
// The trim runs in a task of its own after requests.
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
// A fixed order that visits every item, scattered over the partitions.
const scattered = (i) => (i * 7919) % ITEMS;

async function stored(kind, options) {
  const db = await open(options);
  await createTable(db);
  const doc = DynamoDBDocument.from(db);
  for (let n = 0; n < ITEMS; n += 25) {
    const batch = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: itemOf(n + j, 1) } }));
    await doc.batchWrite({ RequestItems: { [TABLE]: batch } });
  }
  await db.close();
}

async function itemBytesInMemory(db) {
  await settle();
  return (await db.storageInfo()).itemBytesInMemory;
}

for (const { kind, options: optionsFor } of KINDS) {
  test(`${kind}: reading every item under a memory budget holds about the budget, and every read is right`, async () => {
    const options = optionsFor(uniqueName(`budget-reads-${kind}`));
    await stored(kind, options);
    const db = await open({ ...options, memoryBudget: BUDGET });
    const doc = DynamoDBDocument.from(db);
    let most = 0;
    for (let i = 0; i < ITEMS; i++) {
      const n = scattered(i);
      const { Item } = await doc.get({ TableName: TABLE, Key: { id: id(n) } });
      assert.deepEqual(Item, itemOf(n, 1));
      if (i % 200 === 199) most = Math.max(most, await itemBytesInMemory(db));
    }
    // Within the budget, or over it by the partitions read since the last trim.
    assert.ok(most > 0 && most < 2 * BUDGET, `held ${most} bytes`);
    const low = await db.getItem({ TableName: TABLE, Key: { id: { S: id(7) } } });
    assert.equal(low.Item.v.S, 'v1-7');
    await db.close();

    // Without a budget the same reads hold the whole table.
    const whole = await open(options);
    const wholeDoc = DynamoDBDocument.from(whole);
    for (let i = 0; i < ITEMS; i++) await wholeDoc.get({ TableName: TABLE, Key: { id: id(scattered(i)) } });
    assert.ok(await itemBytesInMemory(whole) > 5 * BUDGET);
    await whole.close();
  });

  test(`${kind}: writes, reads and checkpoint steps in flight under a memory budget keep every item`, async () => {
    const options = optionsFor(uniqueName(`budget-writes-${kind}`));
    await stored(kind, options);
    const expected = new Map(Array.from({ length: ITEMS }, (_, n) => [id(n), itemOf(n, 1)]));
    for (let round = 2; round <= 5; round++) {
      const db = await open({ ...options, memoryBudget: BUDGET });
      const doc = DynamoDBDocument.from(db);
      // A request on every key at once (gets, awaited puts and deletes, in a scattered order
      // that changes each round), so that trims run between fetches and flushes; one per key, as
      // a request that waits for its partition may be overtaken by a later one. Each round
      // rewrites about 2 MB: the logs outgrow their budget and checkpoint steps move changes of
      // dropped partitions into deltas.
      const requests = [];
      const checks = [];
      for (let i = 0; i < ITEMS; i++) {
        const n = (scattered(i) + round * 13) % ITEMS;
        if (i % 3 === 0) {
          const want = expected.get(id(n));
          checks.push(doc.get({ TableName: TABLE, Key: { id: id(n) } }).then(({ Item }) => [n, Item, want]));
        } else if (i % 7 === 1) {
          expected.delete(id(n));
          requests.push(doc.delete({ TableName: TABLE, Key: { id: id(n) } }));
        } else {
          const item = itemOf(n, round * 10_000 + i);
          expected.set(id(n), item);
          requests.push(doc.put({ TableName: TABLE, Item: item }));
        }
      }
      await Promise.all(requests);
      for (const [n, Item, want] of await Promise.all(checks)) assert.deepEqual(Item, want, `item ${n}`);
      await settle();
      for (let n = 0; n < ITEMS; n += 97) {
        const { Item } = await doc.get({ TableName: TABLE, Key: { id: id(n) } });
        assert.deepEqual(Item, expected.get(id(n)), `item ${n} after the round`);
      }
      assert.ok(await itemBytesInMemory(db) < 3 * BUDGET);
      await db.close();
    }
    const db = await open(options);
    const all = await contents(db);
    assert.equal(Object.keys(all).length, expected.size);
    for (const [key, item] of expected) assert.equal(all[key], item.v, key);
    await db.close();
  });

  test(`${kind}: a table read across partitions stays in memory under a budget`, async () => {
    const options = optionsFor(uniqueName(`budget-scan-${kind}`));
    await stored(kind, options);
    const db = await open({ ...options, memoryBudget: BUDGET });
    assert.equal(Object.keys(await contents(db)).length, ITEMS);
    const held = await itemBytesInMemory(db);
    assert.ok(held > 5 * BUDGET, `held ${held} bytes`);
    await db.getItem({ TableName: TABLE, Key: { id: { S: id(1) } } });
    assert.equal(await itemBytesInMemory(db), held);
    await db.close();
  });
}

// 300 items of 1 KB in the log (no partition file yet), then reopened under a budget of a byte:
// everything that can be dropped is, after each request; reads take `delayMs` each.
async function droppingEverything(prefix, delayMs = 0) {
  const options = { name: uniqueName(prefix), storage: 'idb' };
  const seed = await open({ ...options, durability: 'relaxed' });
  await createTable(seed);
  for (let n = 0; n < 300; n++) await seed.putItem({ TableName: TABLE, Item: { id: { S: `i${n}` }, n: { N: '0' }, pad: { S: PAD } } });
  await seed.close();
  let reads = 0;
  const slowReads = {
    wrapBackend: (backend) => ({
      load: (loadOptions) => backend.load(loadOptions),
      apply: (ops) => backend.apply(ops),
      close: () => backend.close(),
      async readFiles(names) {
        reads += 1;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return backend.readFiles(names);
      },
    }),
  };
  const db = await open({ ...options, memoryBudget: 1 }, slowReads);
  return { db, reads: () => reads };
}
const add = (id) => ({ Update: { TableName: TABLE, Key: { id: { S: id } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } });
const numberOf = async (db, id) => Number((await db.getItem({ TableName: TABLE, Key: { id: { S: id } } })).Item.n.N);

test('idb: a write that waits for one partition keeps the others it needs, however small the budget', async () => {
  const { db, reads } = await droppingEverything('budget-fence', 3);
  await db.getItem({ TableName: TABLE, Key: { id: { S: 'i2' } } }); // i2's partition loaded; i3's not
  await db.transactWriteItems({ TransactItems: [add('i2'), add('i3')] });
  await db.batchWriteItem({ RequestItems: { [TABLE]: ['i2', 'i4', 'i5'].map((id) => ({ PutRequest: { Item: { id: { S: id }, n: { N: '7' } } } })) } });
  assert.ok(reads() < 20, `${reads()} reads`);
  await settle();
  assert.equal(await numberOf(db, 'i3'), 1);
  assert.equal(await numberOf(db, 'i2'), 7);
  assert.equal(await numberOf(db, 'i5'), 7);
  await db.close();
});

test('idb: PartiQL under a budget: its statements find their partitions, and the next write runs once', async () => {
  const { db } = await droppingEverything('budget-partiql');
  await db.executeStatement({ Statement: "SELECT n FROM Things WHERE id = 'i1'" }); // loads the module
  await settle();
  await db.getItem({ TableName: TABLE, Key: { id: { S: 'i2' } } });
  await db.executeStatement({ Statement: "UPDATE Things SET n = 5 WHERE id = 'i2'" });
  await db.updateItem({ TableName: TABLE, Key: { id: { S: 'i3' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } });
  assert.equal(await numberOf(db, 'i2'), 5);
  assert.equal(await numberOf(db, 'i3'), 1);
  await db.close();
});

test('idb: sync under a budget: the tables it works on stay loaded, and every write is captured', async () => {
  const notes = {
    TableName: 'Notes',
    AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }, { AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'id', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
  const syncOptions = { remote: { putItem() {} }, tables: { Notes: { version: 'version', pull: false } } };
  const note = (owner) => ({ owner: { S: owner }, id: { S: 'a' }, version: { N: '1' }, pad: { S: PAD } });
  const options = { name: uniqueName('budget-sync'), storage: 'idb' };
  let db = await open({ ...options, durability: 'relaxed' });
  await db.createTable(notes);
  let sync = db.sync(syncOptions);
  await sync.ready;
  for (let n = 0; n < 1500; n++) {
    await db.putItem({ TableName: 'Notes', Item: note(`u${n}`) });
    if (n % 200 === 199) await db.flush();
  }
  await sync.close();
  await db.close();

  db = await open({ ...options, memoryBudget: 1 });
  sync = db.sync(syncOptions);
  const errors = [];
  sync.on('error', ({ error }) => errors.push(error.message));
  await sync.ready;
  const pending = sync.status.pendingWrites;
  await settle();
  await db.putItem({ TableName: 'Notes', Item: note('new1') });
  await settle();
  await db.putItem({ TableName: 'Notes', Item: note('new2') });
  assert.deepEqual(errors, []);
  assert.equal(sync.status.pendingWrites, pending + 2);
  await sync.close();
  await db.close();
});

test('memoryBudget must be a number of bytes above 0', async () => {
  for (const memoryBudget of [0, -1, '100000', null, Number.NaN]) {
    await assert.rejects(open({ name: uniqueName('budget-bad'), storage: 'idb', memoryBudget }), {
      name: 'TypeError',
      message: /memoryBudget must be a number of bytes above 0/,
    });
  }
});

test('memory: storageInfo says null for the items in memory (all of them are)', async () => {
  const db = await open({ name: uniqueName('budget-memory'), storage: 'memory', memoryBudget: 10 });
  await createTable(db);
  assert.equal((await db.storageInfo()).itemBytesInMemory, null);
  await db.close();
});
