// The same sync against dynalite, an independent DynamoDB implementation (no transactions:
// pushBatch 1), on loopback: its conditions, pages and errors are not ours.
import test from 'node:test';
import assert from 'node:assert/strict';
import { contents, note, notesSync, openLocal, startDynalite } from './support.mjs';

test('push, pull and tombstones against dynalite', async (t) => {
  const remote = await startDynalite();
  const db = await openLocal();
  t.after(async () => { await db.close(); await remote.close(); });
  const sync = db.sync({ remote: remote.remote, tables: notesSync, pushBatch: 1 });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'b') });
  await db.deleteItem({ TableName: 'Notes', Key: { owner: { S: 'u1' }, id: { S: 'b' } } });
  await remote.remote.putItem({ TableName: 'Notes', Item: note('u2', 'r') });
  const round = await sync.now();
  assert.equal(round.pushed, 3);
  assert.equal(round.pulled, 1);
  assert.deepEqual(await contents(remote.remote), [
    { owner: 'u1', id: 'a', version: 1, text: 'u1/a' },
    { owner: 'u1', id: 'b', version: 2, text: undefined, deleted: true },
    { owner: 'u2', id: 'r', version: 1, text: 'u2/r' },
  ]);
  assert.deepEqual((await contents(db)).map((item) => item.id), ['a', 'r']);
  assert.equal(sync.status.pendingWrites, 0);
  await sync.close();
});

test('two devices, one item, against dynalite: the version check catches the second', async (t) => {
  const remote = await startDynalite();
  const a = await openLocal();
  const b = await openLocal();
  t.after(async () => { await a.close(); await b.close(); await remote.close(); });
  await remote.remote.putItem({ TableName: 'Notes', Item: note('u1', 's', { updatedAt: 1 }) });
  const syncA = a.sync({ remote: remote.remote, tables: notesSync, pushBatch: 1 });
  const syncB = b.sync({ remote: remote.remote, tables: notesSync, pushBatch: 1, conflict: 'local-wins' });
  await syncA.now();
  await syncB.now();
  await a.putItem({ TableName: 'Notes', Item: note('u1', 's', { version: 2, text: 'A', updatedAt: 2 }) });
  await b.putItem({ TableName: 'Notes', Item: note('u1', 's', { version: 2, text: 'B', updatedAt: 3 }) });
  await syncA.now();
  assert.equal((await syncB.now()).conflicts, 1);
  await syncA.now();
  for (const client of [remote.remote, a, b]) {
    assert.deepEqual((await contents(client)).map(({ text, version }) => ({ text, version })), [{ text: 'B', version: 3 }]);
  }
});
