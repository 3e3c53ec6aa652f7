// The storage backends below the engine: fs fsyncs the directory between a new catalog and the
// removal of the files it replaced, and clears temporary files a crash left; idb takes a remove
// and an append of one file in one flush, reports the real error when a transaction cannot start,
// gives a big flush more time, and loads in batches.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { openFsBackend } from '../../web/src/storage/fs-backend.js';
import { openIdbBackend } from '../../web/src/storage/idb-backend.js';
import { MemoryBackend } from '../support/memory-backend.mjs';
import { uniqueName } from './persistence-support.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text) => encoder.encode(text);
const text = (files) => Object.fromEntries(files.map(([name, data]) => [name, decoder.decode(data)]));
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pd-backends-'));

// Traces renames, unlinks and directory fsyncs of fs/promises (the backend imports it lazily,
// so patching the module's exports reaches it).
const trace = { dir: null, calls: [] };
{
  const fsp = createRequire(import.meta.url)('fs/promises');
  const { open, rename, rm } = fsp;
  const short = (file) => path.basename(String(file));
  fsp.open = async (file, ...rest) => {
    const handle = await open(file, ...rest);
    if (trace.dir && file === trace.dir) {
      const sync = handle.sync.bind(handle);
      handle.sync = () => { trace.calls.push('fsync dir'); return sync(); };
    }
    return handle;
  };
  fsp.rename = (from, to) => {
    if (trace.dir) trace.calls.push(`rename ${short(from)} ${short(to)}`);
    return rename(from, to);
  };
  fsp.rm = (file, options) => {
    if (trace.dir) trace.calls.push(`unlink ${short(file)}`);
    return rm(file, options);
  };
  syncBuiltinESMExports();
}

async function traced(backend, ops) {
  trace.dir = backend.directory;
  trace.calls = [];
  try {
    await backend.apply(ops);
    return trace.calls;
  } finally {
    trace.dir = null;
  }
}

test('fs: the directory is fsynced after a rename or a new file and before a removal, and once after removals', async () => {
  const backend = await openFsBackend(tempDir());
  await backend.load();
  await backend.apply([{ op: 'write', name: 'catalog-1', bytes: bytes('c1') }, { op: 'append', name: 'log-1', bytes: bytes('l1') }]);
  // A checkpoint: the new catalog must be durable before the old catalog and log go.
  assert.deepEqual(await traced(backend, [
    { op: 'write', name: 'catalog-2', bytes: bytes('c2') },
    { op: 'remove', name: 'catalog-1' },
    { op: 'remove', name: 'log-1' },
  ]), ['rename catalog-2.tmp catalog-2', 'fsync dir', 'unlink catalog-1', 'unlink log-1', 'fsync dir']);
  // An append that creates its file is a directory change too; one to an existing file is not.
  assert.deepEqual(await traced(backend, [{ op: 'append', name: 'log-2', bytes: bytes('a') }, { op: 'remove', name: 'catalog-2' }]),
    ['fsync dir', 'unlink catalog-2', 'fsync dir']);
  assert.deepEqual(await traced(backend, [{ op: 'append', name: 'log-2', bytes: bytes('b') }]), []);
  assert.deepEqual(await traced(backend, [{ op: 'remove', name: 'log-2' }, { op: 'write', name: 'catalog-3', bytes: bytes('c3') }]),
    ['unlink log-2', 'fsync dir', 'rename catalog-3.tmp catalog-3', 'fsync dir']);
  assert.deepEqual(text(await backend.load()), { 'catalog-3': 'c3' });
});

test('fs: load removes temporary files a crash left behind and keeps files that are not the engine\'s', async () => {
  const dir = tempDir();
  for (const [name, content] of [['catalog-1', 'c1'], ['catalog-2.tmp', 'torn'], ['log-1.tmp', ''], ['notes.txt', 'mine'], ['LOCK', '{}']]) {
    fs.writeFileSync(path.join(dir, name), content);
  }
  const backend = await openFsBackend(dir);
  assert.deepEqual(text(await backend.load()), { 'catalog-1': 'c1' });
  assert.deepEqual(fs.readdirSync(dir).sort(), ['LOCK', 'catalog-1', 'notes.txt']);
});

// The same flushes on the IndexedDB backend and the memory model, then a reload from a new connection.
async function sameAsModel(flushes) {
  const name = uniqueName('backend');
  const backend = await openIdbBackend(name);
  const model = new MemoryBackend();
  await backend.load();
  for (const ops of flushes) {
    await backend.apply(ops);
    await model.apply(ops);
    assert.deepEqual(text(await backend.load()), text(await model.load()));
  }
  await backend.close();
  const again = await openIdbBackend(name);
  assert.deepEqual(text(await again.load()), text(await model.load()));
  await again.close();
}

test('idb: a remove then an append (or write) of the same file in one flush, as the memory model does', async () => {
  await sameAsModel([
    [{ op: 'write', name: 'log-1', bytes: bytes('a') }, { op: 'append', name: 'log-1', bytes: bytes('b') }],
    [{ op: 'remove', name: 'log-1' }, { op: 'append', name: 'log-1', bytes: bytes('c') }, { op: 'append', name: 'log-1', bytes: bytes('d') }],
    [{ op: 'append', name: 'log-1', bytes: bytes('e') }],
    [{ op: 'remove', name: 'log-1' }, { op: 'write', name: 'log-1', bytes: bytes('f') }, { op: 'remove', name: 'log-1' },
      { op: 'append', name: 'log-2', bytes: bytes('g') }],
    [{ op: 'remove', name: 'log-9' }, { op: 'append', name: 'log-9', bytes: bytes('h') }],
  ]);
});

test('idb: a load of many more chunks than one batch reads them all, in order', async () => {
  const flushes = [[{ op: 'write', name: 'catalog-1', bytes: bytes('c') }]];
  for (let i = 0; i < 300; i++) flushes.push([{ op: 'append', name: `log-${i % 3}`, bytes: bytes(`${i},`) }]);
  await sameAsModel(flushes);
});

test('idb: when a transaction cannot even start, the flush rejects with that error', async () => {
  let request;
  const factory = { open: (...args) => (request = indexedDB.open(...args)) };
  const backend = await openIdbBackend(uniqueName('backend'), { indexedDB: factory });
  request.result.close(); // db.transaction() now throws InvalidStateError at once
  await assert.rejects(backend.apply([{ op: 'write', name: 'log-1', bytes: bytes('a') }]),
    (error) => error.name === 'StorageError' && error.cause?.name === 'InvalidStateError');
});

// Another connection keeps a readwrite transaction on the store busy until stop() is called.
async function blockStore(name) {
  const other = await new Promise((resolve) => { indexedDB.open(`pocketdynamo:${name}`).onsuccess = (event) => resolve(event.target.result); });
  let busy = true;
  const tx = other.transaction('chunks', 'readwrite');
  const store = tx.objectStore('chunks');
  const spin = () => { if (busy) store.get(['nothing', 0]).onsuccess = spin; };
  spin();
  const done = new Promise((resolve) => { tx.oncomplete = resolve; });
  return async () => {
    busy = false;
    await done;
    other.close();
  };
}

// Records the delay of every timer armed while `run` runs, and whether it fired (the 100 ms and
// longer ones are the backend's timeouts; fake-indexeddb may arm short ones of its own).
async function timersDuring(run) {
  const realSetTimeout = globalThis.setTimeout;
  const timers = [];
  globalThis.setTimeout = (callback, delay, ...args) => {
    const timer = { delay, fired: false };
    timers.push(timer);
    return realSetTimeout(() => { timer.fired = true; callback(...args); }, delay);
  };
  try {
    await run();
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
  return timers;
}

test('idb: the flush timeout grows with the bytes written (1 s per MB), and a load that makes no progress times out', { timeout: 30_000 }, async () => {
  const name = uniqueName('backend');
  const backend = await openIdbBackend(name, { timeoutMs: 100 });
  await backend.load();
  const stop = await blockStore(name);
  // Which timer aborted each flush is told by the timers armed and fired, not by the clock.
  const small = await timersDuring(() => assert.rejects(backend.apply([{ op: 'write', name: 'log-1', bytes: bytes('small') }]),
    { name: 'StorageError', message: /timed out after 101 ms/ }));
  assert.deepEqual(small.filter((timer) => timer.fired && timer.delay >= 100).map((timer) => timer.delay), [101]);
  const big = await timersDuring(() => assert.rejects(backend.apply([{ op: 'write', name: 'part-1', bytes: new Uint8Array(1024 * 1024) }]),
    { name: 'StorageError', message: /timed out after 1124 ms/ }));
  assert.deepEqual(big.filter((timer) => timer.fired && timer.delay >= 100).map((timer) => timer.delay), [1124], 'a 1 MB flush gets its extra second');
  await assert.rejects(backend.load(), { name: 'StorageError', message: /timed out after 100 ms without progress/ });
  await stop();
  await backend.apply([{ op: 'write', name: 'log-1', bytes: bytes('after') }]);
  assert.deepEqual(text(await backend.load()), { 'log-1': 'after' });
  await backend.close();
});

test('idb: a read makes its requests at once, and each answer restarts its timeout (it counts from the last progress)', async () => {
  const name = uniqueName('backend');
  const backend = await openIdbBackend(name, { timeoutMs: 100 });
  await backend.load();
  await backend.apply([{ op: 'write', name: 'part-1', bytes: new Uint8Array(5 * 60 * 1024 - 1) }]); // 5 chunks
  let loaded;
  const timers = await timersDuring(async () => { loaded = await backend.load(); });
  assert.equal(loaded.find(([file]) => file === 'part-1')[1].byteLength, 5 * 60 * 1024 - 1);
  // The files store's keys and entries, then one get per chunk: 7 requests made and 7 answered,
  // each arming the timeout.
  assert.equal(timers.filter((timer) => timer.delay === 100).length, 14);
  assert.ok(timers.every((timer) => !timer.fired || timer.delay !== 100), 'no read timed out');
  await backend.close();
});

test('idb: no stored value is over 60 KB (Chromium keeps larger ones as blob files), and big files load back whole', async () => {
  const big = (size, seed) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff);
  const flushes = [
    [{ op: 'write', name: 'part-a', bytes: big(200_000, 1) }, { op: 'write', name: 'empty-1', bytes: new Uint8Array(0) }],
    [{ op: 'append', name: 'part-a', bytes: big(130_000, 2) }, { op: 'append', name: 'log-1', bytes: big(61_440, 3) }],
    [{ op: 'write', name: 'part-a', bytes: big(70_000, 4) }],
  ];
  await sameAsModel(flushes);
  const name = uniqueName('chunks');
  const backend = await openIdbBackend(name);
  for (const ops of flushes) await backend.apply(ops);
  await backend.close();
  const sizes = await new Promise((resolve, reject) => {
    const request = indexedDB.open(`pocketdynamo:${name}`);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const all = request.result.transaction('chunks').objectStore('chunks').getAll();
      all.onsuccess = () => { request.result.close(); resolve(all.result.map((value) => value.byteLength)); };
      all.onerror = () => reject(all.error);
    };
  });
  assert.ok(sizes.length >= 4, `stored values: ${sizes.join(", ")}`);
  assert.ok(Math.max(...sizes) <= 60 * 1024, `largest stored value: ${Math.max(...sizes)} bytes`);
});
