// db.sync against `pocketdynamo serve` on loopback through the AWS SDK v3: local writes go up in
// commit order, a local transaction as one TransactWriteItems, the remote's changes come down
// and are not pushed back, deletes travel as tombstones, and offline writes wait for the network.
import test from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { commands, contents, nextEvent, note, notesSync, openLocal, startServe, wrapRemote } from './support.mjs';

test('local writes reach the remote in commit order, each guarded by its version', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: notesSync, pushBatch: 1 });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a', { text: 'one' }) });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a', { version: 2, text: 'two' }) });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'b') });
  assert.equal(sync.status.pendingWrites, 3);
  const round = await sync.now();
  assert.equal(round.pushed, 3);
  assert.equal(counts.putItem, 3);
  assert.deepEqual(await contents(serve.remote), [
    { owner: 'u1', id: 'a', version: 2, text: 'two' },
    { owner: 'u1', id: 'b', version: 1, text: 'u1/b' },
  ]);
  assert.equal(sync.status.pendingWrites, 0);
  assert.ok(sync.status.lastPush instanceof Date);
  await sync.close();
});

test('a local transaction is pushed as one TransactWriteItems', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: notesSync, pushBatch: 1 });
  await db.transactWriteItems({ TransactItems: [
    { Put: { TableName: 'Notes', Item: note('u1', 'x') } },
    { Put: { TableName: 'Notes', Item: note('u1', 'y') } },
  ] });
  await sync.now();
  assert.deepEqual(counts, { transactWriteItems: 1, scan: 1 });
  assert.equal((await contents(serve.remote)).length, 2);
  await sync.close();
});

test('changes pushed in batches: 1,000 changed items cost 10 TransactWriteItems with pushBatch 100', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: { Notes: { ...notesSync.Notes, pull: false } }, pushBatch: 100 });
  for (let i = 0; i < 1000; i += 25) {
    await db.batchWriteItem({ RequestItems: { Notes: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: note('u1', `n${i + j}`) } })) } });
  }
  const round = await sync.now();
  assert.equal(round.pushed, 1000);
  assert.deepEqual(counts, { transactWriteItems: 10 });
  assert.equal(round.requests, 10);
  assert.equal((await contents(serve.remote)).length, 1000);
  await sync.close();
});

test('remote changes come down, are not pushed back, and tombstones delete', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: notesSync });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u2', 'p', { updatedAt: 1000 }) });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u2', 'q', { updatedAt: 1000 }) });
  const first = await sync.now();
  assert.equal(first.pulled, 2);
  assert.equal(sync.status.pendingWrites, 0);
  assert.deepEqual((await contents(db)).map((item) => item.id), ['p', 'q']);
  // Another device deleted q: a tombstone with a newer marker.
  await serve.remote.putItem({ TableName: 'Notes', Item: { ...note('u2', 'q', { version: 2, updatedAt: 2000 }), deleted: { BOOL: true } } });
  const second = await sync.now();
  assert.equal(second.deleted, 1);
  assert.deepEqual((await contents(db)).map((item) => item.id), ['p']);
  assert.equal(counts.putItem ?? 0, 0, 'nothing pulled was pushed back');
  // Incremental: the second scan asked only for items changed since the first pull's marker.
  await sync.now();
  assert.equal(sync.status.pendingWrites, 0);
  await sync.close();
});

test('a local delete goes up as a tombstone; a local re-create replaces it', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const sync = db.sync({ remote: serve.remote, tables: notesSync });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'd') });
  await sync.now();
  await db.deleteItem({ TableName: 'Notes', Key: { owner: { S: 'u1' }, id: { S: 'd' } } });
  await sync.now();
  assert.deepEqual(await contents(serve.remote), [{ owner: 'u1', id: 'd', version: 2, text: undefined, deleted: true }]);
  assert.deepEqual(await contents(db), []);
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'd', { text: 'again' }) });
  await sync.now();
  assert.deepEqual(await contents(serve.remote), [{ owner: 'u1', id: 'd', version: 1, text: 'again' }]);
  await sync.close();
});

test('pull by partition key reads only those partitions (DynamoDBClient with the SDK commands)', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  for (const owner of ['me', 'other']) await serve.remote.putItem({ TableName: 'Notes', Item: note(owner, '1') });
  const sync = db.sync({ remote: serve.bare, commands, tables: { Notes: { ...notesSync.Notes, pull: { partitions: ['me'] } } } });
  await sync.now();
  assert.deepEqual((await contents(db)).map((item) => item.owner), ['me']);
  await sync.close();
});

test('offline: writes wait in the outbox, rounds pause, and go up when the network is back', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  let offline = false;
  const { remote } = wrapRemote(serve.remote, {
    before: () => { if (offline) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' }); },
  });
  const connectivity = new EventTarget();
  const sync = db.sync({ remote, tables: notesSync, connectivity, intervalMs: 60_000 });
  sync.start();
  await nextEvent(sync, 'round');
  offline = true;
  connectivity.dispatchEvent(new Event('offline'));
  assert.equal(sync.status.online, false);
  for (let i = 0; i < 3; i += 1) await db.putItem({ TableName: 'Notes', Item: note('u1', `off${i}`) });
  assert.equal(sync.status.pendingWrites, 3, 'the writes resolved while offline and wait in the outbox');
  await assert.rejects(sync.now(), /ECONNREFUSED/);
  assert.equal(sync.status.pendingWrites, 3);
  assert.match(sync.status.lastError.message, /ECONNREFUSED/);
  offline = false;
  const round = nextEvent(sync, 'round');
  connectivity.dispatchEvent(new Event('online'));
  assert.equal((await round).pushed, 3);
  assert.equal(sync.status.pendingWrites, 0);
  assert.equal(sync.status.lastError, null);
  assert.equal((await contents(serve.remote)).length, 3);
  await sync.close();
});

test('events as an async iterator', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const sync = db.sync({ remote: serve.remote, tables: notesSync });
  const seen = [];
  const reading = (async () => {
    for await (const event of sync) {
      if (event.type !== 'status') seen.push(event.type);
      if (event.type === 'round') break;
    }
  })();
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'e') });
  await sync.now();
  await reading;
  assert.deepEqual(seen, ['change', 'push', 'round']);
  await sync.close();
});

test('db.sync checks its options once loaded: ready, the methods and an error event say what is wrong', async (t) => {
  const db = await openLocal();
  t.after(() => db.close());
  await assert.rejects(db.sync({ tables: notesSync }).ready, /remote must be/);
  await assert.rejects(db.sync({ remote: {}, tables: notesSync }).ready, /remote must be/);
  const remote = { putItem() {} };
  await assert.rejects(db.sync({ remote, tables: { Notes: {} } }).ready, /version/);
  await assert.rejects(db.sync({ remote, tables: notesSync, conflict: 'newest' }).ready, /conflict must be/);
  const missing = db.sync({ remote, tables: { Missing: { version: 'v' } } });
  const errors = [];
  missing.on('error', ({ error }) => errors.push(error.name));
  await assert.rejects(missing.ready, { name: 'ResourceNotFoundException' });
  assert.deepEqual(errors, ['ResourceNotFoundException']);
  assert.equal(missing.status.lastError.name, 'ResourceNotFoundException');
  await assert.rejects(missing.now(), { name: 'ResourceNotFoundException' });
  await assert.rejects(missing.parked(), { name: 'ResourceNotFoundException' });
  await missing.close(); // nothing to close
  // A sync that failed leaves the database free for the next one.
  const good = db.sync({ remote, tables: notesSync });
  await good.ready;
  await good.close();
});

test('one open sync per database; closing the database ends it', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(() => serve.close());
  const sync = db.sync({ remote: serve.remote, tables: notesSync });
  assert.throws(() => db.sync({ remote: serve.remote, tables: notesSync }), /already has an open sync/);
  await sync.close();
  const again = db.sync({ remote: serve.remote, tables: notesSync });
  await again.ready;
  await db.close();
  await assert.rejects(again.now(), { name: 'DatabaseClosedError' });
  await assert.rejects(again.now(), /sync is closed/);
});

test('a database closed while sync loads: ready and the methods reject with DatabaseClosedError', async () => {
  const db = await openLocal();
  const sync = db.sync({ remote: { putItem() {} }, tables: notesSync });
  await db.close();
  await assert.rejects(sync.ready, { name: 'DatabaseClosedError' });
  await assert.rejects(sync.now(), { name: 'DatabaseClosedError' });
  await sync.close();
});

test('TTL deletions stay local: the remote table expires items by its own TTL', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  await db.updateTimeToLive({ TableName: 'Notes', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } });
  const sync = db.sync({ remote: serve.remote, tables: notesSync });
  await db.putItem({ TableName: 'Notes', Item: { ...note('u1', 'ttl'), expires: { N: String(Math.floor(Date.now() / 1000) - 60) } } });
  await sync.now();
  assert.equal((await db.sweepExpiredItems({ tableName: 'Notes' })).deleted, 1);
  assert.equal(sync.status.pendingWrites, 0);
  await sync.now();
  assert.deepEqual((await contents(serve.remote)).map((item) => item.id), ['ttl']);
  await sync.close();
});

test('a lib-dynamodb DocumentClient as the remote, with the low-level commands', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const sync = db.sync({ remote: DynamoDBDocumentClient.from(serve.bare), commands, tables: notesSync });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'doc') });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u2', 'cloud') });
  const round = await sync.now();
  assert.deepEqual([round.pushed, round.pulled], [1, 1]);
  assert.deepEqual((await contents(serve.remote)).map((item) => item.id), ['doc', 'cloud']);
  await sync.close();
});

test('pull by key condition, incrementally by the change marker', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const query = { KeyConditionExpression: '#o = :o AND begins_with(id, :p)', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': { S: 'me' }, ':p': { S: 'todo-' } } };
  for (const id of ['todo-1', 'todo-2', 'note-1']) await serve.remote.putItem({ TableName: 'Notes', Item: note('me', id, { updatedAt: 100 }) });
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: { Notes: { ...notesSync.Notes, pull: { queries: [query] } } } });
  assert.equal((await sync.now()).pulled, 2);
  await serve.remote.putItem({ TableName: 'Notes', Item: note('me', 'todo-1', { version: 2, text: 'done', updatedAt: 200 }) });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('me', 'todo-3', { updatedAt: 50 }) }); // an older marker: not seen
  assert.equal((await sync.now()).pulled, 1);
  assert.deepEqual((await contents(db)).map(({ id, text }) => `${id}:${text}`), ['todo-1:done', 'todo-2:me/todo-2']);
  assert.equal(counts.query, 2);
  await sync.close();
});
