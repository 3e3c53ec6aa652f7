// A page killed for real (SIGKILL, no close, no flush) in the middle of a round, in a child
// process with storage 'fs': the fault proxy forwards the chosen request to `pocketdynamo serve`
// (so the remote applies it) and, instead of answering, has the child killed. Reopened here,
// nothing is lost and nothing is applied twice.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contents, note, notesSync, openLocal, startFaultProxy, startServe } from './support.mjs';

const CHILD = new URL('./kill-child.mjs', import.meta.url).pathname;

// Runs the child until the proxy meets the request `killAt` picks, then SIGKILLs it.
async function runAndKill(dir, serve, mode, killAt) {
  let child;
  let killed;
  const dead = new Promise((resolve) => { killed = resolve; });
  const proxy = await startFaultProxy(serve.url, (operation, n) => (killAt(operation, n) ? () => child.kill('SIGKILL') : undefined));
  child = spawn(process.execPath, [CHILD, dir, proxy.url, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (data) => { output += data; });
  child.stderr.on('data', (data) => { output += data; });
  child.on('exit', (code, signal) => killed({ code, signal }));
  const exit = await dead;
  await proxy.close();
  assert.equal(exit.signal, 'SIGKILL', output);
  assert.doesNotMatch(output, /synced/);
}

test('SIGKILL after the remote took a change but before the page heard: reopened, the rest goes up, nothing twice', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-sync-kill-'));
  const serve = await startServe();
  t.after(async () => { await serve.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  await runAndKill(dir, serve, 'push', (operation, n) => operation === 'PutItem' && n === 3);
  assert.equal((await contents(serve.remote)).length, 2, 'the remote took three changes (a, b, then a again)');

  const db = await openLocal({ path: dir });
  t.after(() => db.close());
  const sync = db.sync({ remote: serve.remote, tables: notesSync, pushBatch: 1 });
  const conflicts = [];
  sync.on('conflict', (event) => conflicts.push(event));
  const round = await sync.now();
  assert.equal(round.pushed, 3, 'the third (already applied), the fourth and the delete');
  assert.deepEqual(conflicts, []);
  assert.deepEqual(await contents(serve.remote), [
    { owner: 'u1', id: 'a', version: 2, text: 'a2' },
    { owner: 'u1', id: 'b', version: 2, text: undefined, deleted: true },
    { owner: 'u1', id: 'c', version: 1, text: 'u1/c' },
  ]);
  assert.deepEqual((await contents(db)).map((item) => item.id), ['a', 'c']);
  assert.equal(sync.status.pendingWrites, 0);
  await sync.close();
});

test('SIGKILL while the second page of a pull loads: reopened, the pull applies the rest once', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-sync-kill-'));
  const serve = await startServe();
  t.after(async () => { await serve.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  for (let i = 0; i < 120; i += 25) {
    const items = Array.from({ length: Math.min(25, 120 - i) }, (_, j) => ({ PutRequest: { Item: note('u2', `r${String(i + j).padStart(3, '0')}`, { updatedAt: 1000 + i + j }) } }));
    await serve.db.batchWriteItem({ RequestItems: { Notes: items } });
  }
  await runAndKill(dir, serve, 'pull', (operation, n) => operation === 'Scan' && n === 2);

  const db = await openLocal({ path: dir });
  t.after(() => db.close());
  assert.equal((await contents(db)).length, 50, 'the first page was applied and stored before the kill');
  const sync = db.sync({ remote: serve.remote, tables: notesSync });
  await sync.ready;
  assert.equal(sync.status.pendingWrites, 0, 'nothing pulled is in the outbox');
  const round = await sync.now();
  assert.equal(round.pulled, 70);
  assert.equal(round.pushed, 0);
  assert.equal((await contents(db)).length, 120);
  await sync.close();
});
