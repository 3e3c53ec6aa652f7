// The DocumentClient reads made in one turn run on the engine in one call
// (web/src/document/read-batch.js). Held here: each read gets its own answer in order, one read's
// error fails only that read, requests still run in the order they were made (a write between
// reads is seen by the reads after it and not by those before), and the reads are one engine
// call (counted on the engine object, not timed).
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBDocument, PocketDynamo, ResourceNotFoundException, ValidationException } from 'pocketdynamo';
import { requestObserver } from '../../web/src/database.js';
import { countDocumentCalls, fillPartitionFiles, openWithTable } from './helpers.mjs';

async function stocked(count = 50) {
  const db = await openWithTable({ sortKey: { name: 'n', type: 'N' } });
  const doc = DynamoDBDocument.from(db);
  for (let i = 0; i < count; i++) await doc.put({ TableName: 'Things', Item: { id: `p${i % 5}`, n: i, v: `value ${i}` } });
  return { db, doc };
}

const key = (i) => ({ id: `p${i % 5}`, n: i });

test('reads made in one turn each get their own answer, in order', async () => {
  const { db, doc } = await stocked();
  const gets = Array.from({ length: 50 }, (_, i) => doc.get({ TableName: 'Things', Key: key(49 - i) }));
  const query = doc.query({ TableName: 'Things', KeyConditionExpression: 'id = :p', ExpressionAttributeValues: { ':p': 'p3' } });
  const missing = doc.get({ TableName: 'Things', Key: { id: 'p1', n: 1000 } });
  const answers = await Promise.all(gets);
  answers.forEach((answer, i) => assert.deepEqual(answer.Item, { id: `p${(49 - i) % 5}`, n: 49 - i, v: `value ${49 - i}` }));
  assert.deepEqual((await query).Items.map((item) => item.n), [3, 8, 13, 18, 23, 28, 33, 38, 43, 48]);
  assert.equal((await missing).Item, undefined);
  const ids = new Set(answers.map((answer) => answer.$metadata.requestId));
  assert.equal(ids.size, answers.length, 'each read has its own request id');
  await db.close();
});

test('the reads of one turn are one engine call', async () => {
  const { db, doc } = await stocked(10);
  const observed = [];
  db[requestObserver] = (operation) => observed.push(operation);
  const calls = await countDocumentCalls(() => Promise.all(Array.from({ length: 10 }, (_, i) => doc.get({ TableName: 'Things', Key: key(i) }))));
  assert.equal(calls, 1);
  assert.deepEqual(observed, Array(10).fill('GetItem'), 'the observer still sees every request');
  await db.close();
});

test("one read's error fails only that read, as a DynamoDB error with its metadata", async () => {
  const { db, doc } = await stocked(10);
  const [first, noTable, badKey, last] = await Promise.allSettled([
    doc.get({ TableName: 'Things', Key: key(1) }),
    doc.get({ TableName: 'Nope', Key: key(2) }),
    doc.get({ TableName: 'Things', Key: { id: 'p1' } }),
    doc.query({ TableName: 'Things', KeyConditionExpression: 'id = :p', ExpressionAttributeValues: { ':p': 'p4' } }),
  ]);
  assert.equal(first.status, 'fulfilled');
  assert.equal(first.value.Item.v, 'value 1');
  assert.equal(noTable.status, 'rejected');
  assert.ok(noTable.reason instanceof ResourceNotFoundException);
  assert.equal(noTable.reason.$metadata.httpStatusCode, 400);
  assert.equal(badKey.status, 'rejected');
  assert.ok(badKey.reason instanceof ValidationException);
  assert.match(badKey.reason.message, /key/i);
  assert.equal(last.status, 'fulfilled');
  assert.deepEqual(last.value.Items.map((item) => item.n), [4, 9]);
  assert.notEqual(noTable.reason.$metadata.requestId, badKey.reason.$metadata.requestId);
  await db.close();
});

test('a write between reads of one turn is seen by the reads after it, not by those before', async () => {
  const { db, doc } = await stocked(10);
  const before = doc.get({ TableName: 'Things', Key: key(3) });
  const write = doc.put({ TableName: 'Things', Item: { ...key(3), v: 'changed' } });
  const after = doc.get({ TableName: 'Things', Key: key(3) });
  const removal = doc.delete({ TableName: 'Things', Key: key(3) });
  const gone = doc.get({ TableName: 'Things', Key: key(3) });
  const lowLevel = db.getItem({ TableName: 'Things', Key: { id: { S: 'p3' }, n: { N: '3' } } });
  await Promise.all([write, removal]);
  assert.equal((await before).Item.v, 'value 3');
  assert.equal((await after).Item.v, 'changed');
  assert.equal((await gone).Item, undefined);
  assert.equal((await lowLevel).Item, undefined);
  await db.close();
});

test('reads made before close() are answered; reads after it fail as closed', async () => {
  const { db, doc } = await stocked(5);
  const read = doc.get({ TableName: 'Things', Key: key(2) });
  const closing = db.close();
  const late = doc.get({ TableName: 'Things', Key: key(2) });
  assert.equal((await read).Item.v, 'value 2');
  await assert.rejects(late, { name: 'DatabaseClosedError' });
  await closing;
});

test('reads in one turn on a stored database that loads partitions on first touch, and the net under prepare()', async () => {
  const name = `read-batch-${process.pid}-${Date.now()}`;
  const count = await fillPartitionFiles(name);
  const db = await PocketDynamo.open({ name, storage: 'idb' });
  const doc = DynamoDBDocument.from(db);
  const keys = Array.from({ length: count }, (_, n) => ({ id: `big-${n}`, n }));
  const half = Math.ceil(count / 2);
  const answers = await Promise.all(keys.slice(0, half).map((Key) => doc.get({ TableName: 'Things', Key })));
  answers.forEach((answer, n) => assert.equal(answer.Item?.n, n));
  // The net under prepare(): with prepare() fetching nothing, the reads ask for files that were
  // not fetched, and run again once they are.
  const { StoredEngine } = await import('../../web/src/storage/stored-engine.js');
  const prepare = StoredEngine.prototype.prepare;
  StoredEngine.prototype.prepare = () => undefined;
  let late;
  try {
    late = await Promise.all(keys.slice(half).map((Key) => doc.get({ TableName: 'Things', Key })));
  } finally {
    StoredEngine.prototype.prepare = prepare;
  }
  late.forEach((answer, i) => assert.equal(answer.Item?.n, half + i));
  await db.close();
});

test('requests made before close() that wait for partition files are answered; those after it fail as closed', async () => {
  const name = `read-batch-close-${process.pid}-${Date.now()}`;
  const count = await fillPartitionFiles(name);
  // Reopened: every partition is in a file, fetched on first touch, so each request below waits.
  let db = await PocketDynamo.open({ name, storage: 'idb' });
  const doc = DynamoDBDocument.from(db);
  const gets = Array.from({ length: count }, (_, n) => doc.get({ TableName: 'Things', Key: { id: `big-${n}`, n } }));
  const lowLevel = db.getItem({ TableName: 'Things', Key: { id: { S: 'big-0' }, n: { N: '0' } }, ProjectionExpression: 'n' });
  const put = doc.put({ TableName: 'Things', Item: { id: 'big-1', n: 1, v: 'rewritten before close' } });
  const closing = db.close();
  const failure = (promise) => promise.then(() => 'no error', (error) => error.name);
  const afterClose = failure(doc.get({ TableName: 'Things', Key: { id: 'big-0', n: 0 } }));
  const lowLevelAfterClose = failure(db.getItem({ TableName: 'Things', Key: { id: { S: 'big-0' }, n: { N: '0' } } }));
  (await Promise.all(gets)).forEach((answer, n) => assert.equal(answer.Item?.n, n));
  assert.deepEqual((await lowLevel).Item, { n: { N: '0' } });
  await put;
  assert.equal(await afterClose, 'DatabaseClosedError');
  assert.equal(await lowLevelAfterClose, 'DatabaseClosedError');
  await closing;
  db = await PocketDynamo.open({ name, storage: 'idb' });
  const { Item } = await DynamoDBDocument.from(db).get({ TableName: 'Things', Key: { id: 'big-1', n: 1 } });
  assert.equal(Item.v, 'rewritten before close', 'the write made before close() was stored');
  await db.close();
});
