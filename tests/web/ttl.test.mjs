// Time to Live through the JS package: updateTimeToLive/describeTimeToLive, and
// db.sweepExpiredItems() with an injected `now` deleting the expired items.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openWithTable } from './helpers.mjs';

const NOW = 1_700_000_000;

async function ttlTable() {
  const db = await openWithTable({ table: 'Sessions' });
  await db.updateTimeToLive({ TableName: 'Sessions', TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
  for (const [id, exp] of [['old', NOW - 60], ['edge', NOW], ['later', NOW + 60]]) {
    await db.putItem({ TableName: 'Sessions', Item: { id: { S: id }, exp: { N: String(exp) } } });
  }
  await db.putItem({ TableName: 'Sessions', Item: { id: { S: 'forever' } } });
  return db;
}

async function ids(db) {
  const { Items } = await db.scan({ TableName: 'Sessions' });
  return Items.map((item) => item.id.S).sort();
}

test('describeTimeToLive reports the enabled attribute', async () => {
  const db = await ttlTable();
  const { TimeToLiveDescription } = await db.describeTimeToLive({ TableName: 'Sessions' });
  assert.deepEqual(TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' });
  await db.close();
});

test('sweepExpiredItems deletes what expired at the injected time, and nothing else', async () => {
  const db = await ttlTable();
  assert.deepEqual(await ids(db), ['edge', 'forever', 'later', 'old']);  // expired items still read
  assert.deepEqual(await db.sweepExpiredItems({ now: NOW - 61 }), { deleted: 0 });
  assert.deepEqual(await db.sweepExpiredItems({ now: NOW, limit: 1 }), { deleted: 1 });
  assert.deepEqual(await db.sweepExpiredItems({ tableName: 'Sessions', now: new Date(NOW * 1000) }), { deleted: 1 });
  assert.deepEqual(await ids(db), ['forever', 'later']);
  assert.deepEqual(await db.sweepExpiredItems({ now: NOW + 60 }), { deleted: 1 });
  assert.deepEqual(await ids(db), ['forever']);
  await db.close();
});

test('sweepExpiredItems defaults to the current time', async () => {
  const db = await openWithTable({ table: 'Sessions' });
  await db.updateTimeToLive({ TableName: 'Sessions', TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
  const now = Math.floor(Date.now() / 1000);
  await db.putItem({ TableName: 'Sessions', Item: { id: { S: 'past' }, exp: { N: String(now - 60) } } });
  await db.putItem({ TableName: 'Sessions', Item: { id: { S: 'future' }, exp: { N: String(now + 3600) } } });
  assert.deepEqual(await db.sweepExpiredItems(), { deleted: 1 });
  assert.deepEqual(await ids(db), ['future']);
  await db.close();
});

test('sweepExpiredItems errors are DynamoDB-style exceptions', async () => {
  const db = await ttlTable();
  await assert.rejects(db.sweepExpiredItems({ tableName: 'Nope', now: NOW }), { name: 'ResourceNotFoundException' });
  await assert.rejects(db.sweepExpiredItems({ limit: 0, now: NOW }), { name: 'ValidationException' });
  await db.close();
  await assert.rejects(db.sweepExpiredItems({ now: NOW }), { name: 'DatabaseClosedError' });
});
