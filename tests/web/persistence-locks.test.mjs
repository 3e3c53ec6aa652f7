// The one-writer locks: the fs LOCK file (a second open in the same process through a symlink,
// from a worker thread or from a second copy of the package; a LOCK of another host; a stale LOCK
// taken over by one of many racing processes; release() deleting only its own LOCK), and Web Locks
// missing in a browser (refused) and in Node (an in-process lock).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatabaseLockedError, StorageError } from 'pocketdynamo';
import { acquireDirectoryLock } from '../../web/src/storage/fs-lock.js';
import { acquireDatabaseLock } from '../../web/src/storage/web-lock.js';
import { createTable, open, put, uniqueName } from './persistence-support.mjs';

const FS_LOCK = new URL('../../web/src/storage/fs-lock.js', import.meta.url).href;
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pd-locks-'));
const readLock = (dir) => fs.readFileSync(path.join(dir, 'LOCK'), 'utf8');
const DEAD_PID = 2147483646; // above any pid_max: no such process
const processStart = () => Number(process.hrtime.bigint()) / 1e6 - process.uptime() * 1000;
const lockJson = (fields) => `${JSON.stringify({ token: 'other', hostname: os.hostname(), startedAt: new Date().toISOString(), ...fields })}\n`;

test('fs: LOCK holds JSON with a random token, the pid, the hostname and the start time', async () => {
  const dir = tempDir();
  const before = new Date(Math.floor(Date.now() / 1000) * 1000); // in case the time is written in whole seconds
  const lock = await acquireDirectoryLock(dir, 'x', 'fail');
  const after = new Date();
  const holder = JSON.parse(readLock(dir));
  assert.equal(holder.pid, process.pid);
  assert.equal(holder.hostname, os.hostname());
  assert.match(holder.token, /^[0-9a-f-]{36}$/);
  const startedAt = new Date(holder.startedAt);
  assert.ok(startedAt >= before && startedAt <= after, `startedAt ${holder.startedAt} is when the lock was taken`);
  await lock.release();
  assert.equal(fs.existsSync(path.join(dir, 'LOCK')), false);
});

test('fs: a second open through a symlinked path is refused, and does not remove the first one\'s LOCK', async () => {
  const dir = tempDir();
  const link = `${dir}-link`;
  fs.symlinkSync(dir, link);
  const where = { name: uniqueName(), storage: 'fs', path: dir };
  const db = await open(where);
  await createTable(db);
  const before = readLock(dir);
  await assert.rejects(open({ ...where, path: link }), DatabaseLockedError);
  assert.equal(readLock(dir), before, 'the first LOCK is untouched');
  // lock: 'wait' through the link waits for the first to close.
  let opened = false;
  const waiting = open({ ...where, path: link, lock: 'wait' }).then((second) => { opened = true; return second; });
  await put(db, 'a');
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(opened, false);
  await db.close();
  await (await waiting).close();
  assert.equal(fs.existsSync(path.join(dir, 'LOCK')), false);
  fs.rmSync(link);
});

test('fs: a second copy of the module in this thread sees the first one\'s lock', async () => {
  const dir = tempDir();
  const { acquireDirectoryLock: acquireFromCopy } = await import(`${FS_LOCK}?copy=${Date.now()}`);
  assert.notEqual(acquireFromCopy, acquireDirectoryLock, 'a distinct module instance');
  const lock = await acquireDirectoryLock(dir, 'x', 'fail');
  await assert.rejects(acquireFromCopy(dir, 'x', 'fail'), DatabaseLockedError);
  await lock.release();
  await (await acquireFromCopy(dir, 'x', 'fail')).release();
});

test('fs: a LOCK of this process that this thread does not hold (a worker thread) is never stale', async () => {
  const dir = tempDir();
  const lock = await acquireDirectoryLock(dir, 'x', 'fail');
  const worker = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.url).then(async ({ acquireDirectoryLock }) => {
      try {
        await acquireDirectoryLock(workerData.dir, 'x', 'fail');
        parentPort.postMessage('acquired');
      } catch (error) {
        parentPort.postMessage(error.name + ': ' + error.message);
      }
      const waited = await acquireDirectoryLock(workerData.dir, 'x', 'wait');
      parentPort.postMessage('waited');
      await waited.release();
      parentPort.postMessage('released');
    });`, { eval: true, workerData: { url: FS_LOCK, dir } });
  const messages = [];
  const next = () => new Promise((resolve) => worker.once('message', (message) => { messages.push(message); resolve(message); }));
  assert.match(await next(), /^DatabaseLockedError: .*in use by process \d+, this one/);
  const waited = next();
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(messages.length, 1, 'the worker waits while the main thread holds it');
  await lock.release();
  assert.equal(await waited, 'waited');
  assert.equal(await next(), 'released');
  await worker.terminate();
  assert.equal(fs.existsSync(path.join(dir, 'LOCK')), false);
});

test('fs: our pid with another token, written by this process, is held; written by an earlier process with our pid, stale', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'LOCK');
  fs.writeFileSync(file, lockJson({ pid: process.pid, processStart: processStart() }));
  await assert.rejects(acquireDirectoryLock(dir, 'x', 'fail'), DatabaseLockedError);
  // A restarted container is pid 1 again: same pid, another process start.
  fs.writeFileSync(file, lockJson({ pid: process.pid, processStart: processStart() - 60_000 }));
  const lock = await acquireDirectoryLock(dir, 'x', 'fail');
  assert.notEqual(JSON.parse(readLock(dir)).token, 'other');
  await lock.release();
});

test('fs: release() deletes LOCK only while it holds our token', async () => {
  const dir = tempDir();
  const lock = await acquireDirectoryLock(dir, 'x', 'fail');
  const someoneElse = lockJson({ pid: process.ppid });
  fs.writeFileSync(path.join(dir, 'LOCK'), someoneElse);
  await lock.release();
  assert.equal(readLock(dir), someoneElse);
});

test('fs: a LOCK of another host is never taken over, even with a pid that is dead here; the error says who and what to do', async () => {
  const dir = tempDir();
  const theirs = lockJson({ pid: DEAD_PID, hostname: 'other-host-1' });
  fs.writeFileSync(path.join(dir, 'LOCK'), theirs);
  await assert.rejects(open({ name: uniqueName(), storage: 'fs', path: dir }), (error) => error instanceof DatabaseLockedError
    && error.message.includes(`held by process ${DEAD_PID} on host "other-host-1"`) && /delete the LOCK file by hand/.test(error.message));
  assert.equal(readLock(dir), theirs);
});

test('fs: a LOCK of a dead process on this host is taken over (JSON and the older pid-only format)', async () => {
  for (const content of [lockJson({ pid: DEAD_PID }), `${DEAD_PID}\n`]) {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'LOCK'), content);
    const lock = await acquireDirectoryLock(dir, 'x', 'fail');
    assert.equal(JSON.parse(readLock(dir)).pid, process.pid);
    await lock.release();
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing left behind');
  }
});

test('fs: an empty LOCK is respected while fresh (its creator is writing it) and taken over once old', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'LOCK');
  fs.writeFileSync(file, '');
  await assert.rejects(acquireDirectoryLock(dir, 'x', 'fail'), DatabaseLockedError);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(file, old, old);
  await (await acquireDirectoryLock(dir, 'x', 'fail')).release();
});

test('fs: if writing the LOCK content fails, the empty LOCK is removed', async () => {
  const dir = tempDir();
  const probeHandle = await fs.promises.open(path.join(dir, 'probe'), 'w');
  const FileHandle = Object.getPrototypeOf(probeHandle);
  await probeHandle.close();
  const { writeFile } = FileHandle;
  FileHandle.writeFile = async () => { throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }); };
  try {
    await assert.rejects(acquireDirectoryLock(dir, 'x', 'fail'), { name: 'StorageQuotaExceededError' });
  } finally {
    FileHandle.writeFile = writeFile;
  }
  assert.equal(fs.existsSync(path.join(dir, 'LOCK')), false);
  await (await acquireDirectoryLock(dir, 'x', 'fail')).release();
});

// Each child says "ready", waits for "go" on its stdin, tries to take the stale LOCK and says what
// it got; the one that got it holds it until "release", so no child can take it after it is freed.
const RACER = `
  const { createInterface } = await import('node:readline');
  const { acquireDirectoryLock } = await import(process.argv[1]);
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  console.log('ready');
  await lines.next();
  let lock = null;
  try {
    lock = await acquireDirectoryLock(process.argv[2], 'x', 'fail');
    console.log('acquired');
  } catch (error) {
    console.log(error.name);
  }
  await lines.next();
  await lock?.release();
  process.exit(0);`;

function startRacer(dir) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', RACER, FS_LOCK, dir]);
  let out = '';
  let errors = '';
  const waiters = [];
  child.stderr.on('data', (data) => { errors += data; });
  child.stdout.on('data', (data) => {
    out += data;
    for (const waiter of waiters.splice(0)) waiter();
  });
  const closed = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`racer exited ${code}: ${errors}`))));
  });
  // The n-th line the child printed (1-based), once it has.
  const line = async (n) => {
    while (out.split('\n').length <= n) {
      await Promise.race([new Promise((resolve) => waiters.push(resolve)), closed.then(() => { throw new Error(`racer ended: ${out}${errors}`); })]);
    }
    return out.split('\n')[n - 1];
  };
  return { child, line, closed };
}

test('fs: of many processes racing to take over one stale LOCK, exactly one gets it', { timeout: 120_000 }, async () => {
  for (let round = 0; round < 3; round++) {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'LOCK'), lockJson({ pid: DEAD_PID }));
    const racers = Array.from({ length: 8 }, () => startRacer(dir));
    for (const racer of racers) assert.equal(await racer.line(1), 'ready');
    for (const racer of racers) racer.child.stdin.write('go\n');
    const outputs = await Promise.all(racers.map((racer) => racer.line(2)));
    assert.equal(outputs.filter((out) => out === 'acquired').length, 1, outputs.join(' | '));
    assert.ok(outputs.every((out) => out === 'acquired' || out === 'DatabaseLockedError'), outputs.join(' | '));
    for (const racer of racers) racer.child.stdin.end('release\n');
    await Promise.all(racers.map((racer) => racer.closed));
    assert.deepEqual(fs.readdirSync(dir), [], 'released, and no file left aside');
  }
});

// Runs acquireDatabaseLock as a browser without navigator.locks would: no process.versions.node.
// The check runs before the first await, so the globals are restored before anything else runs.
function acquireAsBrowser(name, { isSecureContext }) {
  const saved = ['process', 'navigator', 'isSecureContext'].map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)]);
  Object.defineProperty(globalThis, 'process', { value: { versions: {} }, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'isSecureContext', { value: isSecureContext, configurable: true, writable: true });
  try {
    return acquireDatabaseLock(name, 'fail');
  } finally {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, key, descriptor);
      else delete globalThis[key];
    }
  }
}

test('idb: a browser without Web Locks is refused with a StorageError that says why; Node keeps its in-process lock', async () => {
  await assert.rejects(acquireAsBrowser(uniqueName(), { isSecureContext: false }), (error) => error instanceof StorageError
    && /Web Locks/.test(error.message) && /not a secure context/.test(error.message));
  await assert.rejects(acquireAsBrowser(uniqueName(), { isSecureContext: true }), (error) => error instanceof StorageError
    && /does not have the Web Locks API/.test(error.message));
  assert.equal(typeof process.versions.node, 'string', 'globals restored');
  if (globalThis.navigator?.locks) return; // a Node with Web Locks uses them
  const name = uniqueName();
  const lock = await acquireDatabaseLock(name, 'fail');
  await assert.rejects(acquireDatabaseLock(name, 'fail'), DatabaseLockedError);
  lock.release();
  (await acquireDatabaseLock(name, 'fail')).release();
});
