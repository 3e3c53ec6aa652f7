// 10,000 items each way through `pocketdynamo serve` on loopback: every local write reaches the
// remote exactly once, every remote item arrives locally, none goes back up.
import test from 'node:test';
import assert from 'node:assert/strict';
import { contents, note, notesSync, openLocal, startServe, wrapRemote } from './support.mjs';

const COUNT = 10_000;

async function writeMany(db, owner) {
  for (let i = 0; i < COUNT; i += 25) {
    const RequestItems = { Notes: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: note(owner, `n${String(i + j).padStart(5, '0')}`, { updatedAt: 5 }) } })) };
    await db.batchWriteItem({ RequestItems });
  }
}

test('10,000 items pushed', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: { Notes: { ...notesSync.Notes, pull: false } }, pushBatch: 100 });
  await writeMany(db, 'local');
  assert.equal(sync.status.pendingWrites, COUNT);
  const round = await sync.now();
  assert.equal(round.pushed, COUNT);
  assert.deepEqual(counts, { transactWriteItems: COUNT / 100 });
  const remoteItems = await contents(serve.db);
  assert.equal(remoteItems.length, COUNT);
  assert.ok(remoteItems.every((item) => item.owner === 'local' && item.version === 1));
  assert.equal(sync.status.pendingWrites, 0);
  await sync.close();
});

test('10,000 items pulled', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  await writeMany(serve.db, 'remote');
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: notesSync });
  const round = await sync.now();
  assert.equal(round.pulled, COUNT);
  assert.equal(counts.putItem ?? 0, 0);
  assert.equal(counts.transactWriteItems ?? 0, 0);
  assert.equal((await contents(db)).length, COUNT);
  assert.equal(sync.status.pendingWrites, 0, 'pulled items are not pushed back');
  await sync.close();
});
