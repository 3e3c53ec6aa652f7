// Persistence in Node: storage 'idb' (fake-indexeddb, imported before the package) and 'fs'
// (a temporary directory): data survives close and reopen, group commit, relaxed durability,
// flush and close, and the one-writer lock.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseClosedError, DatabaseLockedError, DynamoDBDocument, PocketDynamo } from 'pocketdynamo';
import { TABLE, contents, createTable, open, probe, put, storedContents, turn, uniqueName } from './persistence-support.mjs';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pd-persist-'));

// Every kind of write request, then the table as it should be after them.
async function writeEverything(db) {
  await createTable(db);
  await put(db, 'a', 'one');
  await put(db, 'b', 'two');
  await db.updateItem({ TableName: TABLE, Key: { id: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'uno' } } });
  await db.deleteItem({ TableName: TABLE, Key: { id: { S: 'b' } } });
  await db.batchWriteItem({ RequestItems: { [TABLE]: [
    { PutRequest: { Item: { id: { S: 'c' }, v: { S: 'three' } } } },
    { PutRequest: { Item: { id: { S: 'd' }, v: { S: 'four' } } } },
  ] } });
  await db.transactWriteItems({ TransactItems: [
    { Put: { TableName: TABLE, Item: { id: { S: 'e' }, v: { S: 'five' } } } },
    { Delete: { TableName: TABLE, Key: { id: { S: 'd' } } } },
  ] });
  await DynamoDBDocument.from(db).put({ TableName: TABLE, Item: { id: 'f', v: 'six' } });
  return { a: 'uno', c: 'three', e: 'five', f: 'six' };
}

for (const [label, options] of [
  ['idb', () => ({ storage: 'idb' })],
  ['fs', () => ({ storage: 'fs', path: tempDir() })],
  ['node:<dir>', () => ({ storage: `node:${tempDir()}` })],
]) {
  test(`${label}: every kind of write survives close and reopen`, async () => {
    const where = { name: uniqueName(), ...options() };
    const db = await open(where);
    assert.equal(db.storage, label === 'idb' ? 'idb' : 'fs');
    const expected = await writeEverything(db);
    await db.close();
    assert.equal(db.closed, true);

    const again = await open(where);
    assert.deepEqual(await contents(again), expected);
    assert.deepEqual((await again.listTables({})).TableNames, [TABLE]);
    assert.deepEqual(again.recoveryReport.problems, []);
    // And it keeps going: more writes, a third open.
    await put(again, 'g', 'seven');
    await again.close();
    const third = await open(where);
    assert.deepEqual(await contents(third), { ...expected, g: 'seven' });
    await third.close();
  });
}

test('open checks its storage options', async () => {
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'fs' }), { name: 'TypeError', message: /needs `path`/ });
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'node:' }), { name: 'TypeError', message: /not supported/ });
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'disk' }), { name: 'TypeError', message: /use 'memory', 'idb' or 'fs'/ });
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'idb', durability: 'eventual' }), { name: 'TypeError', message: /durability/ });
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'idb', lock: 'steal' }), { name: 'TypeError', message: /lock/ });
  const db = await open({ name: uniqueName(), storage: 'idb' });
  await createTable(db);
  await assert.rejects(put(db, 'a', 'a', { durability: 'sometimes' }), { name: 'TypeError', message: /durability/ });
  await db.close();
});

test('group commit: concurrent writes share flushes, and each resolves only once its flush has completed', { timeout: 30_000 }, async () => {
  const flushes = probe();
  const db = await open({ name: uniqueName(), storage: 'idb' }, flushes);
  await createTable(db);
  const before = flushes.applies;
  const acknowledged = [];
  const writes = Array.from({ length: 500 }, (_, i) => put(db, `k${i}`).then(() => {
    acknowledged.push(i);
    // Acknowledged means the flush that holds it has completed.
    assert.ok(flushes.completed > before);
  }));
  await Promise.all(writes);
  assert.equal(acknowledged.length, 500);
  assert.equal(flushes.applies - before, 1, 'writes issued together go in one flush');

  // Writes arriving while a flush is in flight wait, then go together in the next one.
  flushes.hold();
  const first = put(db, 'first');
  await flushes.applying();
  let lateDone = 0;
  const late = Array.from({ length: 200 }, (_, i) => put(db, `late${i}`).then(() => { lateDone += 1; }));
  let firstDone = false;
  first.then(() => { firstDone = true; });
  await turn();
  assert.equal(firstDone, false, 'not acknowledged while its flush is held');
  assert.equal(lateDone, 0);
  const appliesBefore = flushes.applies;
  flushes.release();
  await Promise.all([first, ...late]);
  assert.equal(flushes.applies - appliesBefore, 1, 'the 200 late writes are one flush');
  assert.equal(flushes.maxInFlight, 1, 'never two flushes at once');
  await db.close();
});

test('reads and failed writes do not wait for a flush', async () => {
  const flushes = probe();
  const db = await open({ name: uniqueName(), storage: 'idb' }, flushes);
  await createTable(db);
  await put(db, 'a');
  const before = flushes.applies;
  flushes.hold();
  assert.deepEqual((await db.getItem({ TableName: TABLE, Key: { id: { S: 'a' } } })).Item.v, { S: 'a' });
  await assert.rejects(db.putItem({ TableName: TABLE, Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)' }),
    { name: 'ConditionalCheckFailedException' });
  assert.equal(flushes.applies, before);
  flushes.release();
  await db.close();
});

test("durability 'relaxed' resolves before its write is durable; a background flush, flush() and close() make it durable", { timeout: 30_000 }, async () => {
  const flushes = probe();
  const where = { name: uniqueName(), storage: 'idb', durability: 'relaxed' };
  const db = await open(where, flushes);
  await createTable(db);
  await db.flush();
  const completed = flushes.completed;
  flushes.hold();
  // Both resolve while the flush they need is held: acknowledged, in memory, not on disk.
  await put(db, 'r1');
  await DynamoDBDocument.from(db).put({ TableName: TABLE, Item: { id: 'r2', v: 'r2' } });
  assert.equal(flushes.completed, completed, 'no flush completed before they resolved');
  assert.deepEqual(Object.keys(await contents(db)).sort(), ['r1', 'r2']);
  assert.deepEqual(await storedContents(where), {}, 'not durable yet');
  // Per call, strict on a relaxed database waits for the flush.
  let strictDone = false;
  const strict = put(db, 's1', 's1', { durability: 'strict' }).then(() => { strictDone = true; });
  await flushes.applying();
  await turn();
  assert.equal(strictDone, false, 'a strict write does not resolve while its flush is held');
  flushes.release();
  await strict;
  assert.deepEqual(Object.keys(await storedContents(where)).sort(), ['r1', 'r2', 's1']);
  // A relaxed write is flushed in the background without anyone asking.
  const background = flushes.laterApplyCompleted();
  await put(db, 'r3');
  await background;
  assert.equal((await storedContents(where)).r3, 'r3', 'durable after the background flush');
  await put(db, 'r4');
  await db.flush();
  assert.equal((await storedContents(where)).r4, 'r4', 'durable once flush() resolved');
  await put(db, 'r5'); // close() flushes this one
  await db.close();
  await assert.rejects(put(db, 'after'), DatabaseClosedError);
  await assert.rejects(db.flush(), DatabaseClosedError);
  await db.close(); // harmless

  const again = await open(where);
  assert.deepEqual(Object.keys(await contents(again)).sort(), ['r1', 'r2', 'r3', 'r4', 'r5', 's1']);
  await again.close();
});

test("per-call durability 'relaxed' on a strict database, on the methods, send() and the DocumentClient", { timeout: 30_000 }, async () => {
  const flushes = probe();
  const where = { name: uniqueName(), storage: 'idb' };
  const db = await open(where, flushes);
  await createTable(db);
  const completed = flushes.completed;
  flushes.hold();
  const doc = DynamoDBDocument.from(db);
  // Each resolves while every flush is held: the per-call option made it relaxed.
  await put(db, 'm', 'm', { durability: 'relaxed' });
  await doc.put({ TableName: TABLE, Item: { id: 'd', v: 'd' } }, { durability: 'relaxed' });
  const { PutItemCommand } = await import('pocketdynamo');
  await db.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 's' }, v: { S: 's' } } }), { durability: 'relaxed' });
  await new Promise((resolve, reject) => doc.put({ TableName: TABLE, Item: { id: 'cb', v: 'cb' } }, { durability: 'relaxed' },
    (error) => (error ? reject(error) : resolve())));
  assert.equal(flushes.completed, completed, 'no flush completed before they resolved');
  assert.deepEqual(await storedContents(where), {}, 'not durable yet');
  // The same write without the option waits for its flush, as the database is strict.
  let strictDone = false;
  const strict = put(db, 'strict').then(() => { strictDone = true; });
  await flushes.applying();
  await turn();
  assert.equal(strictDone, false, 'a strict write does not resolve while its flush is held');
  flushes.release();
  await strict;
  await db.flush();
  assert.deepEqual(await storedContents(where), { m: 'm', d: 'd', s: 's', cb: 'cb', strict: 'strict' });
  await db.close();
});

test('a batch or a transaction is one request, stored all or nothing', async () => {
  const where = { name: uniqueName(), storage: 'fs', path: tempDir() };
  const flushes = probe();
  const db = await open(where, flushes);
  await createTable(db);
  await put(db, 'x', 'old');
  flushes.failWith(new Error('disk on fire'));
  await assert.rejects(db.transactWriteItems({ TransactItems: [
    { Put: { TableName: TABLE, Item: { id: { S: 'p' }, v: { S: 'new' } } } },
    { Put: { TableName: TABLE, Item: { id: { S: 'x' }, v: { S: 'new' } } } },
  ] }), { name: 'StorageError', message: /disk on fire/ });
  flushes.failWith(null);
  assert.deepEqual(await contents(db), { x: 'old' });
  await db.close();
  const again = await open(where);
  assert.deepEqual(await contents(again), { x: 'old' });
  await again.close();
});

test('one writer: a second open is refused with DatabaseLockedError, or waits with lock: wait', async () => {
  for (const options of [{ storage: 'idb' }, { storage: 'fs', path: tempDir() }]) {
    const where = { name: uniqueName(), ...options };
    const db = await open(where);
    await createTable(db);
    await assert.rejects(open(where), (error) => error instanceof DatabaseLockedError && error.name === 'DatabaseLockedError'
      && /open elsewhere|is in use/.test(error.message));
    let opened = false;
    const waiting = open({ ...where, lock: 'wait' }).then((second) => { opened = true; return second; });
    await put(db, 'before-close');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(opened, false, 'waits while the first is open');
    await db.close();
    const second = await waiting;
    assert.deepEqual(await contents(second), { 'before-close': 'before-close' });
    await second.close();
    // Released on close: a plain open works again.
    await (await open(where)).close();
  }
});

test('fs: a lock file left by a dead process is taken over; one held by a live process is respected', async () => {
  const dir = tempDir();
  const where = { name: uniqueName(), storage: 'fs', path: dir };
  fs.writeFileSync(path.join(dir, 'LOCK'), '2147483646\n'); // no such process
  const db = await open(where);
  await createTable(db);
  await db.close();
  assert.equal(fs.existsSync(path.join(dir, 'LOCK')), false, 'removed on close');
  fs.writeFileSync(path.join(dir, 'LOCK'), `${process.ppid}\n`); // our parent: alive
  await assert.rejects(open(where), DatabaseLockedError);
  fs.rmSync(path.join(dir, 'LOCK'));
  await (await open(where)).close();
});

test('fs: files are written whole (no temporary left behind) and files that are not the engine\'s are ignored', async () => {
  const dir = tempDir();
  const where = { name: uniqueName(), storage: 'fs', path: dir };
  fs.writeFileSync(path.join(dir, 'README.txt'), 'not ours');
  const db = await open(where);
  await createTable(db);
  for (let i = 0; i < 30; i++) await put(db, `k${i}`);
  await db.close();
  const names = fs.readdirSync(dir);
  assert.ok(names.every((name) => /^[a-z0-9-]+$/.test(name) || name === 'README.txt'), names.join(', '));
  const again = await open(where);
  assert.equal(Object.keys(await contents(again)).length, 30);
  await again.close();
});

test('a torn tail in the last file appended to is reported and dropped; acknowledged writes are kept', async () => {
  const dir = tempDir();
  const where = { name: uniqueName(), storage: 'fs', path: dir };
  const flushes = probe();
  const db = await open(where, flushes);
  await createTable(db);
  for (let i = 0; i < 3; i++) await put(db, `k${i}`);
  await db.close();
  assert.ok(flushes.lastAppended, 'a log was appended to');
  fs.appendFileSync(path.join(dir, flushes.lastAppended), Buffer.from([0x17, 0x00, 0x00, 0x00, 0xde, 0xad]));
  const again = await open(where);
  assert.ok(again.recoveryReport.problems.length >= 1, JSON.stringify(again.recoveryReport));
  assert.deepEqual(Object.keys(await contents(again)).sort(), ['k0', 'k1', 'k2']);
  await put(again, 'after');
  await again.close();
  const third = await open(where);
  assert.deepEqual(Object.keys(await contents(third)).sort(), ['after', 'k0', 'k1', 'k2']);
  await third.close();
});

test('the HTTP request path (requestHandler) waits for durability too', { timeout: 30_000 }, async () => {
  const { executeRawBody } = await import('../../web/src/internal.js');
  const flushes = probe();
  const where = { name: uniqueName(), storage: 'idb' };
  const db = await open(where, flushes);
  await createTable(db);
  flushes.hold();
  let done = false;
  const write = executeRawBody(db, 'PutItem', JSON.stringify({ TableName: TABLE, Item: { id: { S: 'raw' }, v: { S: 'raw' } } }))
    .then(() => { done = true; });
  await flushes.applying();
  await turn();
  assert.equal(done, false);
  flushes.release();
  await write;
  await db.close();
  const again = await open(where);
  assert.deepEqual(await contents(again), { raw: 'raw' });
  await again.close();
});

test('storageInfo: the stored files and bytes, partitions after a checkpoint, the last flush; nothing in memory', async () => {
  const memory = await PocketDynamo.open({ name: 'info-memory', storage: 'memory' });
  assert.deepEqual({ ...(await memory.storageInfo()), lastFlush: undefined }, {
    storage: 'memory', persisted: false, bytes: 0, files: 0, partitions: 0, logBytes: 0, lastFlush: undefined, flushes: 0, logEntriesApplied: 0, itemBytesInMemory: null, recovery: null,
    usage: null, quota: null,
  });
  await memory.close();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-info-'));
  let db = await PocketDynamo.open({ name: 'info', storage: 'fs', path: dir });
  await createTable(db);
  const before = await db.storageInfo();
  assert.equal(before.persisted, true);
  assert.ok(before.lastFlush instanceof Date);
  for (let i = 0; i < 40; i++) await put(db, `k${i}`, 'v'.repeat(150_000));  // past the log budget: a checkpoint
  const after = await db.storageInfo();
  assert.ok(after.partitions > 0, 'a checkpoint wrote partition files');
  assert.ok(after.flushes > before.flushes);
  const onDisk = fs.readdirSync(dir).filter((name) => /^(catalog|log|part|delta|streams|counts)-/.test(name));
  assert.equal(after.files, onDisk.length);
  assert.equal(after.bytes, onDisk.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0));
  await db.close();
  db = await PocketDynamo.open({ name: 'info', storage: 'fs', path: dir });
  const reopened = await db.storageInfo();
  assert.equal(reopened.bytes, after.bytes);
  assert.equal(reopened.lastFlush, null);
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
