// A remote that throttles and fails, through a fault-injecting HTTP proxy in front of
// `pocketdynamo serve` (the AWS SDK parses real error responses): throttling and 5xx are retried
// with backoff; a 4xx about an item parks it, reported and kept; other 4xx and a dead
// connection stop the round with every change still in the outbox.
import test from 'node:test';
import assert from 'node:assert/strict';
import { contents, note, notesSync, openLocal, startFaultProxy, startServe } from './support.mjs';

const retry = { attempts: 4, baseMs: 1, maxMs: 5 };

async function setup(t, fault, options = {}) {
  const serve = await startServe();
  const proxy = await startFaultProxy(serve.url, fault);
  const db = await openLocal();
  t.after(async () => { await db.close(); await proxy.close(); await serve.close(); });
  const sync = db.sync({ remote: proxy.remote, tables: notesSync, retry, pushBatch: 1, ...options });
  const events = [];
  sync.on('*', (event) => { if (event.type !== 'status') events.push(event); });
  return { serve, proxy, db, sync, events };
}

test('throttling is retried with backoff until it goes through', async (t) => {
  const { serve, db, sync, events } = await setup(t, (operation, n) => (operation === 'PutItem' && n <= 2
    ? { status: 400, type: 'ProvisionedThroughputExceededException' } : undefined));
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  const round = await sync.now();
  assert.equal(round.pushed, 1);
  assert.deepEqual(events.filter((e) => e.type === 'retry').map((e) => [e.attempt, e.error.name]),
    [[1, 'ProvisionedThroughputExceededException'], [2, 'ProvisionedThroughputExceededException']]);
  assert.equal((await contents(serve.remote)).length, 1);
});

test('5xx is retried, for pushes and for pulls', async (t) => {
  const { serve, db, sync, events } = await setup(t, (operation, n) => (n === 1 && (operation === 'TransactWriteItems' || operation === 'Scan')
    ? { status: 500, type: 'InternalServerError' } : undefined), { pushBatch: 25 });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u2', 'r') });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'b') });
  const round = await sync.now();
  assert.equal(round.pushed, 2);
  assert.equal(round.pulled, 1);
  assert.equal(events.filter((e) => e.type === 'retry').length, 2);
});

test('throttled past the attempts: the round fails, nothing leaves the outbox, the next round delivers', async (t) => {
  let throttle = true;
  const { db, sync, serve } = await setup(t, (operation) => (throttle && operation === 'PutItem' ? { status: 400, type: 'ThrottlingException' } : undefined));
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await assert.rejects(sync.now(), { name: 'ThrottlingException' });
  assert.equal(sync.status.pendingWrites, 1);
  assert.equal(sync.status.lastError.name, 'ThrottlingException');
  throttle = false;
  assert.equal((await sync.now()).pushed, 1);
  assert.equal(sync.status.lastError, null);
  assert.equal((await contents(serve.remote)).length, 1);
});

test('a ValidationException parks the item, reports it, pushes the rest, and keeps it for retryParked()', async (t) => {
  let refuse = true;
  const { db, sync, serve, events } = await setup(t, (operation, n) => (refuse && operation === 'PutItem' && n === 2
    ? { status: 400, type: 'ValidationException', message: 'Item size has exceeded the maximum allowed size' } : undefined));
  for (const id of ['a', 'b', 'c']) await db.putItem({ TableName: 'Notes', Item: note('u1', id) });
  const round = await sync.now();
  assert.equal(round.pushed, 2);
  assert.equal(round.parked, 1);
  const parked = events.find((e) => e.type === 'parked');
  assert.equal(parked.key.id.S, 'b');
  assert.equal(parked.error.name, 'ValidationException');
  assert.deepEqual((await sync.parked()).map((p) => [p.key.id.S, p.error.message]), [['b', 'Item size has exceeded the maximum allowed size']]);
  assert.equal(sync.status.parkedWrites, 1);
  assert.equal(sync.status.pendingWrites, 0);
  assert.deepEqual((await contents(serve.remote)).map((item) => item.id), ['a', 'c']);
  refuse = false;
  assert.equal(await sync.retryParked(), 1);
  assert.equal((await sync.now()).pushed, 1);
  assert.equal(sync.status.parkedWrites, 0);
  assert.deepEqual((await contents(serve.remote)).map((item) => item.id), ['a', 'b', 'c']);
});

test('bad credentials stop the round without parking anything', async (t) => {
  const { db, sync } = await setup(t, (operation) => (operation === 'PutItem' ? { status: 400, type: 'UnrecognizedClientException' } : undefined));
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await assert.rejects(sync.now(), { name: 'UnrecognizedClientException' });
  assert.equal(sync.status.parkedWrites, 0);
  assert.equal(sync.status.pendingWrites, 1);
  assert.equal(sync.status.online, true);
});

test('a cut connection marks sync offline and keeps the change', async (t) => {
  const { db, sync } = await setup(t, (operation) => (operation === 'PutItem' ? 'drop' : undefined));
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await assert.rejects(sync.now());
  assert.equal(sync.status.online, false);
  assert.equal(sync.status.pendingWrites, 1);
});

test('an update that did not raise the version is parked, not pushed over another device\'s change', async (t) => {
  const { db, sync, serve, events } = await setup(t, () => undefined);
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'v', { text: 'first' }) });
  await sync.now();
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'v', { text: 'same version' }) });
  const round = await sync.now();
  assert.equal(round.parked, 1);
  assert.match(events.find((e) => e.type === 'parked').error.message, /did not raise the version attribute version/);
  assert.deepEqual((await contents(serve.remote)).map((item) => item.text), ['first']);
});
