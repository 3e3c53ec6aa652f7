// Time to Live in the background: while a database is open, a pass every interval deletes the
// expired items in slices, with the stream records of TTL deletes. The clock and the timer are
// injected, so nothing here waits on wall time.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../web/src/open.js';

const NOW = 1_700_000_000;
const INTERVAL = 60_000;
let counter = 0;

// A timer the test drives: run() fires what is due, in order, and waits for it.
function manualTimer() {
  const pending = [];
  return {
    pending,
    schedule(fn, ms) {
      const entry = { fn, ms };
      pending.push(entry);
      return entry;
    },
    cancel(entry) {
      const at = pending.indexOf(entry);
      if (at >= 0) pending.splice(at, 1);
    },
    async run() {
      const entry = pending.shift();
      assert.ok(entry, 'a sweep is scheduled');
      await entry.fn();
      return entry.ms;
    },
  };
}

// `clock.ms` is the time the sweeper sees; `clock.step` is added at every look (slice budget).
async function openSwept(timer, clock, storageOptions = { storage: 'memory' }) {
  counter += 1;
  const now = () => (clock.ms += clock.step ?? 0);
  const db = await openDatabase({ name: `ttl-bg-${counter}`, ...storageOptions },
    { ttlSweep: { now, schedule: timer.schedule, cancel: timer.cancel } });
  await db.createTable({
    TableName: 'Sessions',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'OLD_IMAGE' },
  });
  await db.updateTimeToLive({ TableName: 'Sessions', TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
  return db;
}

const put = (db, id, exp) =>
  db.putItem({ TableName: 'Sessions', Item: { id: { S: id }, ...(exp === undefined ? {} : { exp: { N: String(exp) } }) } });

async function ids(db) {
  const { Items } = await db.scan({ TableName: 'Sessions' });
  return Items.map((item) => item.id.S).sort();
}

test('expired items stay until the first pass, one interval after open, and then go by themselves', async () => {
  const timer = manualTimer();
  const clock = { ms: NOW * 1000 };
  const db = await openSwept(timer, clock);
  await put(db, 'old', NOW - 60);
  await put(db, 'edge', NOW);
  await put(db, 'later', NOW + 60);
  await put(db, 'forever');
  assert.deepEqual(timer.pending.map((entry) => entry.ms), [INTERVAL]);
  assert.deepEqual(await ids(db), ['edge', 'forever', 'later', 'old']);  // as in DynamoDB, until deleted
  assert.equal(await timer.run(), INTERVAL);
  assert.deepEqual(await ids(db), ['forever', 'later']);
  assert.deepEqual(timer.pending.map((entry) => entry.ms), [INTERVAL], 'the next pass is an interval away');
  clock.ms = (NOW + 60) * 1000;
  await timer.run();
  assert.deepEqual(await ids(db), ['forever']);
  await db.close();
});

test('a TTL delete writes the stream record DynamoDB writes, with the service as userIdentity', async () => {
  const timer = manualTimer();
  const db = await openSwept(timer, { ms: NOW * 1000 });
  await put(db, 'old', NOW - 1);
  const records = [];
  const unsubscribe = db.subscribe('Sessions', (record) => { records.push(record); });
  await timer.run();
  await new Promise((resolve) => setImmediate(resolve));
  unsubscribe();
  const removes = records.filter((record) => record.eventName === 'REMOVE');
  assert.equal(removes.length, 1);
  assert.deepEqual(removes[0].userIdentity, { type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  assert.deepEqual(removes[0].dynamodb.Keys, { id: { S: 'old' } });
  await db.close();
});

test('a pass over many items goes in slices, giving the thread back between them', async () => {
  const timer = manualTimer();
  // Every look at the clock moves it 5 ms, past the 4 ms budget: one engine call per slice.
  const clock = { ms: NOW * 1000, step: 0 };
  const db = await openSwept(timer, clock);
  for (let i = 0; i < 600; i++) await put(db, `s${i}`, NOW - 10);
  await put(db, 'live', NOW + 3600);
  clock.step = 5;
  assert.equal(await timer.run(), INTERVAL);
  // 601 items at 256 per call: the first slice leaves the pass unfinished and yields at once.
  assert.deepEqual(timer.pending.map((entry) => entry.ms), [0]);
  const remaining = (await db.scan({ TableName: 'Sessions', Select: 'COUNT' })).Count;
  assert.ok(remaining > 1 && remaining < 601, `some but not all deleted after one slice (${remaining} left)`);
  let slices = 1;
  while (timer.pending[0].ms === 0) {
    await timer.run();
    slices += 1;
  }
  assert.equal(slices, 3);
  assert.deepEqual(await ids(db), ['live']);
  await db.close();
});

test('close stops the sweeper, and ttlSweep: false never starts it', async () => {
  const timer = manualTimer();
  const db = await openSwept(timer, { ms: NOW * 1000 });
  assert.equal(timer.pending.length, 1);
  await db.close();
  assert.equal(timer.pending.length, 0);

  const off = manualTimer();
  const quiet = await openDatabase({ name: 'ttl-bg-off', storage: 'memory', ttlSweep: false },
    { ttlSweep: { schedule: off.schedule, cancel: off.cancel } });
  assert.equal(off.pending.length, 0);
  await quiet.close();
  await assert.rejects(openDatabase({ name: 'ttl-bg-bad', storage: 'memory', ttlSweep: { intervalMs: 0 } }), TypeError);
});
