// A page killed in the middle of a round: the database is closed under a round in flight and
// opened again from its folder (storage 'fs'), as a reload would. Nothing is lost, nothing is
// applied twice: the outbox entry the remote took but the page never saw acknowledged is found
// already applied, and a pull cut short starts over, skipping what it had applied.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contents, note, notesSync, openLocal, startServe } from './support.mjs';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pd-sync-crash-'));
const never = () => new Promise(() => {});

test('killed mid-push: on reopen the rest goes up, the acknowledged-but-unseen write is not applied twice', async (t) => {
  const dir = tempDir();
  const serve = await startServe();
  t.after(async () => { await serve.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  let db = await openLocal({ path: dir });
  let puts = 0;
  let killed;
  const crashed = new Promise((resolve) => { killed = resolve; });
  const dying = {
    ...Object.fromEntries(['getItem', 'query', 'scan', 'transactWriteItems', 'deleteItem'].map((m) => [m, (input) => serve.remote[m](input)])),
    putItem: async (input) => {
      puts += 1;
      const output = await serve.remote.putItem(input);
      if (puts === 3) { // the remote took the third change; the page dies before it hears so
        killed();
        return never();
      }
      return output;
    },
  };
  const first = db.sync({ remote: dying, tables: notesSync, pushBatch: 1 });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'b') });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a', { version: 2, text: 'a2' }) });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'c') });
  first.now().catch(() => {});
  await crashed;
  await db.close();

  db = await openLocal({ path: dir });
  t.after(() => db.close());
  const sync = db.sync({ remote: serve.remote, tables: notesSync, pushBatch: 1 });
  await sync.ready;
  assert.equal(sync.status.pendingWrites, 2, 'the unacknowledged third change and the fourth are still in the outbox');
  const conflicts = [];
  sync.on('conflict', (event) => conflicts.push(event));
  const round = await sync.now();
  assert.equal(round.pushed, 2);
  assert.deepEqual(conflicts, [], 'the replayed change was recognised as applied, not as a conflict');
  assert.deepEqual(await contents(serve.remote), [
    { owner: 'u1', id: 'a', version: 2, text: 'a2' },
    { owner: 'u1', id: 'b', version: 1, text: 'u1/b' },
    { owner: 'u1', id: 'c', version: 1, text: 'u1/c' },
  ]);
  assert.equal(sync.status.pendingWrites, 0);
  await sync.close();
});

test('killed mid-pull: on reopen the pull starts over, applies each item once and pushes none back', async (t) => {
  const dir = tempDir();
  const serve = await startServe();
  t.after(async () => { await serve.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  for (let i = 0; i < 120; i += 1) await serve.remote.putItem({ TableName: 'Notes', Item: note('u2', `r${String(i).padStart(3, '0')}`, { updatedAt: 1000 + i }) });
  let db = await openLocal({ path: dir });
  let scans = 0;
  let killed;
  const crashed = new Promise((resolve) => { killed = resolve; });
  const paged = (dies) => ({
    ...Object.fromEntries(['getItem', 'query', 'transactWriteItems', 'deleteItem', 'putItem'].map((m) => [m, (input) => serve.remote[m](input)])),
    scan: async (input) => {
      scans += 1;
      if (dies && scans === 2) { // the first page is applied; the page dies while the second loads
        killed();
        return never();
      }
      return serve.remote.scan({ ...input, Limit: 50 });
    },
  });
  const first = db.sync({ remote: paged(true), tables: notesSync });
  first.now().catch(() => {});
  await crashed;
  await db.close();

  db = await openLocal({ path: dir });
  t.after(() => db.close());
  assert.equal((await contents(db)).length, 50, 'the first page was applied and stored');
  const sync = db.sync({ remote: paged(false), tables: notesSync });
  await sync.ready;
  assert.equal(sync.status.pendingWrites, 0, 'pulled items are not in the outbox');
  const round = await sync.now();
  assert.equal(round.pulled, 70, 'only the items not applied before the crash are written');
  assert.equal(round.pushed, 0);
  assert.equal((await contents(db)).length, 120);
  // Each item changed the local table once: one INSERT record each in its stream.
  const records = [];
  const unsubscribe = db.subscribe('Notes', (record) => records.push(record), { startingPosition: 'TRIM_HORIZON' });
  await db.flush();
  await new Promise((resolve) => setTimeout(resolve, 50));
  unsubscribe();
  assert.equal(records.length, 120);
  assert.equal(new Set(records.map((record) => JSON.stringify(record.dynamodb.Keys))).size, 120);
  assert.ok(records.every((record) => record.eventName === 'INSERT'));
  await sync.close();
});
