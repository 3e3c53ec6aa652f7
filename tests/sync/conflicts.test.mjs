// Two devices edit the same item offline; the second to push meets the first's version on the
// remote (`pocketdynamo serve` on loopback), and each conflict policy decides the outcome, which
// ends up the same on both devices and the remote.
import test from 'node:test';
import assert from 'node:assert/strict';
import { contents, note, notesSync, openLocal, startServe } from './support.mjs';

const key = { owner: { S: 'u1' }, id: { S: 'shared' } };

async function twoDevices(t, conflict) {
  const serve = await startServe();
  const a = await openLocal();
  const b = await openLocal();
  t.after(async () => { await a.close(); await b.close(); await serve.close(); });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u1', 'shared', { text: 'base', updatedAt: 1 }) });
  const syncA = a.sync({ remote: serve.remote, tables: notesSync, conflict });
  const syncB = b.sync({ remote: serve.remote, tables: notesSync, conflict });
  await syncA.now();
  await syncB.now();
  const conflicts = [];
  syncB.on('conflict', (event) => conflicts.push(event));
  await a.putItem({ TableName: 'Notes', Item: note('u1', 'shared', { version: 2, text: 'from A', updatedAt: 2 }) });
  await b.putItem({ TableName: 'Notes', Item: note('u1', 'shared', { version: 2, text: 'from B', updatedAt: 3 }) });
  await syncA.now();
  const round = await syncB.now();
  await syncA.now();
  return { serve, a, b, syncA, syncB, conflicts, round };
}

const textOf = async (client) => (await contents(client)).map(({ text, version }) => ({ text, version }));

test('remote-wins (the default): B takes the version A pushed first', async (t) => {
  const { serve, a, b, conflicts, round } = await twoDevices(t, undefined);
  assert.equal(round.conflicts, 1);
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].winner, 'remote');
  assert.equal(conflicts[0].local.text.S, 'from B');
  assert.equal(conflicts[0].remote.text.S, 'from A');
  for (const client of [serve.remote, a, b]) assert.deepEqual(await textOf(client), [{ text: 'from A', version: 2 }]);
  assert.equal((await b.getItem({ TableName: 'Notes', Key: key })).Item.text.S, 'from A');
});

test('local-wins: B overwrites with a version above both, and A pulls it', async (t) => {
  const { serve, a, b, conflicts, syncB } = await twoDevices(t, 'local-wins');
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].winner, 'local');
  for (const client of [serve.remote, a, b]) assert.deepEqual(await textOf(client), [{ text: 'from B', version: 3 }]);
  assert.equal(syncB.status.pendingWrites, 0, 'the resolved write is not pushed again');
});

test('a merge function: its item is written on both sides and reaches the other device', async (t) => {
  const merge = ({ local, remote }) => ({ ...remote, text: { S: `${remote.text.S} + ${local.text.S}` } });
  const { serve, a, b, conflicts } = await twoDevices(t, merge);
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].resolved.text.S, 'from A + from B');
  for (const client of [serve.remote, a, b]) assert.deepEqual(await textOf(client), [{ text: 'from A + from B', version: 3 }]);
});

test('a merge that deletes: the item goes on both sides (a tombstone remotely)', async (t) => {
  const { serve, a, b } = await twoDevices(t, () => null);
  assert.deepEqual(await contents(b), []);
  assert.deepEqual(await contents(a), []);
  assert.deepEqual((await contents(serve.remote)).map((item) => item.deleted), [true]);
});

test('a conflict inside a pushed transaction: the clashing item is resolved, the rest go through together', async (t) => {
  const serve = await startServe();
  const a = await openLocal();
  t.after(async () => { await a.close(); await serve.close(); });
  const syncA = a.sync({ remote: serve.remote, tables: notesSync, conflict: 'local-wins' });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u1', 'taken', { version: 5, text: 'remote' }) });
  const conflicts = [];
  syncA.on('conflict', (event) => conflicts.push(event));
  await a.transactWriteItems({ TransactItems: [
    { Put: { TableName: 'Notes', Item: note('u1', 'taken', { text: 'local' }) } },
    { Put: { TableName: 'Notes', Item: note('u1', 'fresh') } },
  ] });
  const round = await syncA.now();
  assert.equal(round.conflicts, 1);
  assert.equal(round.pushed, 2);
  assert.equal(conflicts[0].key.id.S, 'taken');
  assert.deepEqual(await contents(serve.remote), [
    { owner: 'u1', id: 'fresh', version: 1, text: 'u1/fresh' },
    { owner: 'u1', id: 'taken', version: 6, text: 'local' },
  ]);
  assert.deepEqual(await contents(a), await contents(serve.remote));
  assert.equal(syncA.status.pendingWrites, 0);
});
