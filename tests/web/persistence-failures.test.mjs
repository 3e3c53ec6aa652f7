// The ways Emscripten's IDBFS was seen to lose data or hang (docs/ARCHITECTURE.md, "why not IDBFS"), as tests against our
// backends: a file rewritten twice within a millisecond, write-then-remove/replace within a
// millisecond, overlapping flushes, a startup load racing a write, VersionError at open,
// QuotaExceededError during a flush, and a flush that would hang.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StorageError, StorageQuotaExceededError } from 'pocketdynamo';
import { openIdbBackend } from '../../web/src/storage/idb-backend.js';
import { openFsBackend } from '../../web/src/storage/fs-backend.js';
import { MemoryBackend } from '../support/memory-backend.mjs';
import { TABLE, contents, createTable, open, probe, put, uniqueName } from './persistence-support.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pd-fail-'));
const text = (files) => Object.fromEntries(files.map(([name, bytes]) => [name, decoder.decode(bytes)]));
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

const BACKENDS = {
  idb: async () => {
    const name = uniqueName('backend');
    return { backend: await openIdbBackend(name), reopen: () => openIdbBackend(name) };
  },
  fs: async () => {
    const dir = tempDir();
    return { backend: await openFsBackend(dir), reopen: () => openFsBackend(dir) };
  },
};

for (const [kind, make] of Object.entries(BACKENDS)) {
  // IDBFS lost such rewrites when they fell within one millisecond; these backends keep no
  // timestamps, so what matters is that the last bytes win however close together they come.
  test(`${kind}: a file rewritten many times back to back, awaited and not, keeps the last bytes`, async () => {
    const { backend, reopen } = await make();
    for (let i = 0; i <= 300; i++) await backend.apply([{ op: 'write', name: 'catalog', bytes: encoder.encode(`v${i}`) }]);
    // Unawaited, back to back: applied in order all the same.
    await Promise.all(Array.from({ length: 50 }, (_, i) => backend.apply([{ op: 'write', name: 'fast', bytes: encoder.encode(`f${i}`) }])));
    assert.deepEqual(text(await backend.load()), { catalog: 'v300', fast: 'f49' });
    await backend.close();
    const fresh = await reopen();
    assert.deepEqual(text(await fresh.load()), { catalog: 'v300', fast: 'f49' });
    await fresh.close();
  });

  test(`${kind}: write-then-remove and write-then-replace within one millisecond, in one flush and across flushes`, async () => {
    const { backend, reopen } = await make();
    await backend.apply([{ op: 'write', name: 'temp', bytes: encoder.encode('new') }]);
    await backend.apply([{ op: 'write', name: 'final', bytes: encoder.encode('new') }, { op: 'remove', name: 'temp' }]);
    await backend.apply([{ op: 'write', name: 'gone', bytes: encoder.encode('x') }, { op: 'remove', name: 'gone' }]);
    await backend.apply([{ op: 'remove', name: 'back' }, { op: 'write', name: 'back', bytes: encoder.encode('y') }]);
    await backend.apply([{ op: 'write', name: 'log', bytes: encoder.encode('a') }, { op: 'append', name: 'log', bytes: encoder.encode('b') }]);
    await backend.apply([{ op: 'append', name: 'log', bytes: encoder.encode('c') }, { op: 'write', name: 'log2', bytes: encoder.encode('z') },
      { op: 'append', name: 'log2', bytes: encoder.encode('z') }]);
    await backend.apply([{ op: 'remove', name: 'missing' }]);
    const expected = { back: 'y', final: 'new', log: 'abc', log2: 'zz' };
    assert.deepEqual(text(await backend.load()), expected);
    await backend.close();
    const fresh = await reopen();
    assert.deepEqual(text(await fresh.load()), expected);
    await fresh.close();
  });

  test(`${kind}: random flushes of writes, appends and removes match a model, also after reopening`, async () => {
    const { backend, reopen } = await make();
    const model = new MemoryBackend();
    let seed = 12345;
    const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    let store = backend;
    for (let flush = 0; flush < 150; flush++) {
      const ops = Array.from({ length: 1 + random(6) }, () => {
        const name = `f${random(5)}`;
        const op = ['write', 'append', 'append', 'remove'][random(4)];
        return op === 'remove' ? { op, name } : { op, name, bytes: encoder.encode(`${flush}.${random(1000)};`) };
      });
      await Promise.all([store.apply(ops), model.apply(ops)]);
      if (flush % 50 === 49) { // a reopen learns the chunk numbers from what is stored
        await store.close();
        store = await reopen();
      }
      assert.deepEqual(text(await store.load()), text(await model.load()), `after flush ${flush}`);
    }
    await store.close();
  });
}

test('idb: a file name that is not the engine\'s is refused and nothing of that flush is applied', async () => {
  const { backend } = await BACKENDS.idb();
  await assert.rejects(backend.apply([{ op: 'write', name: 'ok', bytes: encoder.encode('1') }, { op: 'write', name: '../x', bytes: new Uint8Array(1) }]),
    StorageError);
  assert.deepEqual(await backend.load(), []);
  await backend.close();
});

test('overlapping flushes: thousands of concurrent writes while flushes are in flight, never two at once, none lost', async () => {
  const where = { name: uniqueName(), storage: 'idb' };
  const flushes = probe();
  const db = await open(where, flushes);
  await createTable(db);
  const writes = [];
  for (let wave = 0; wave < 20; wave++) {
    for (let i = 0; i < 100; i++) writes.push(put(db, `w${wave}-${i}`, `v${wave}`));
    await new Promise((resolve) => setTimeout(resolve, wave % 3)); // some waves land mid-flush
  }
  await Promise.all(writes);
  assert.equal(flushes.maxInFlight, 1);
  await db.close();
  const again = await open(where);
  assert.equal(Object.keys(await contents(again)).length, 2000);
  await again.close();
});

test('a startup load racing a write: an open waiting on the lock sees every write of the closing database', async () => {
  for (const options of [{ storage: 'idb' }, { storage: 'fs', path: tempDir() }]) {
    const where = { name: uniqueName(), ...options };
    const db = await open(where);
    await createTable(db);
    const writes = Array.from({ length: 300 }, (_, i) => put(db, `k${i}`, 'x', { durability: i % 2 ? 'relaxed' : 'strict' }));
    const closing = db.close(); // not awaited: its final flush races the next open's load
    const next = await open({ ...where, lock: 'wait' });
    await Promise.all([...writes, closing]);
    assert.equal(Object.keys(await contents(next)).length, 300);
    await next.close();
  }
});

// Hanging would show as this test timing out (cancelled: a failure of the test command).
test('VersionError at open: a newer IndexedDB version rejects open() with a clear StorageError, without hanging', { timeout: 30_000 }, async () => {
  const name = uniqueName();
  await new Promise((resolve, reject) => {
    const request = indexedDB.open(`pocketdynamo:${name}`, 7);
    request.onupgradeneeded = () => request.result.createObjectStore('chunks');
    request.onsuccess = () => { request.result.close(); resolve(); };
    request.onerror = () => reject(request.error);
  });
  await assert.rejects(open({ name, storage: 'idb' }), (error) => error instanceof StorageError
    && error.cause?.name === 'VersionError' && /newer version/.test(error.message));
  // The lock was released: after the newer database is gone, open works.
  await new Promise((resolve) => { indexedDB.deleteDatabase(`pocketdynamo:${name}`).onsuccess = resolve; });
  await (await open({ name, storage: 'idb' })).close();
});

test('an IndexedDB database of the same name that PocketDynamo did not make is refused', async () => {
  const name = uniqueName();
  await new Promise((resolve) => {
    const request = indexedDB.open(`pocketdynamo:${name}`, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('something-else');
    request.onsuccess = () => { request.result.close(); resolve(); };
  });
  await assert.rejects(open({ name, storage: 'idb' }), { name: 'StorageError', message: /not made by PocketDynamo/ });
});

test('QuotaExceededError during a flush: the waiting writes get StorageQuotaExceededError and are undone; the database stays usable and loses nothing acknowledged', async () => {
  const where = { name: uniqueName(), storage: 'idb' };
  const flushes = probe();
  const db = await open(where, flushes);
  await createTable(db);
  for (let i = 0; i < 20; i++) await put(db, `ok${i}`);

  flushes.failWith(quotaError());
  const failed = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => put(db, `full${i}`)));
  for (const result of failed) {
    assert.equal(result.status, 'rejected');
    assert.ok(result.reason instanceof StorageQuotaExceededError);
    assert.ok(result.reason instanceof StorageError);
    assert.equal(result.reason.name, 'StorageQuotaExceededError');
    assert.equal(result.reason.cause.name, 'QuotaExceededError');
  }
  // Usable: reads see exactly what is on disk.
  assert.deepEqual(Object.keys(await contents(db)).length, 20);
  assert.equal((await db.getItem({ TableName: TABLE, Key: { id: { S: 'full0' } } })).Item, undefined);
  // A relaxed write lost to the full disk is reported by the next flush().
  await put(db, 'relaxed', 'x', { durability: 'relaxed' });
  await assert.rejects(db.flush(), StorageQuotaExceededError);

  flushes.failWith(null); // space freed
  await put(db, 'later');
  await db.flush();
  await db.close();
  const again = await open(where);
  const ids = Object.keys(await contents(again));
  assert.equal(ids.length, 21);
  assert.ok(ids.includes('later') && !ids.includes('relaxed') && !ids.some((id) => id.startsWith('full')));
  await again.close();
});

test('QuotaExceededError raised inside the IndexedDB transaction is mapped to StorageQuotaExceededError', async () => {
  const where = { name: uniqueName(), storage: 'idb' };
  const db = await open(where);
  await createTable(db);
  await put(db, 'before');
  const realPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () { throw quotaError(); };
  try {
    await assert.rejects(put(db, 'during'), StorageQuotaExceededError);
  } finally {
    IDBObjectStore.prototype.put = realPut;
  }
  await put(db, 'after');
  assert.deepEqual(Object.keys(await contents(db)).sort(), ['after', 'before']);
  await db.close();
  const again = await open(where);
  assert.deepEqual(Object.keys(await contents(again)).sort(), ['after', 'before']);
  await again.close();
});

test('no flush hangs forever: a transaction that cannot start is aborted after the timeout, and the database recovers', { timeout: 30_000 }, async () => {
  const name = uniqueName();
  const where = { name, storage: 'idb' };
  const db = await open(where, { timeoutMs: 300 });
  await createTable(db);
  await put(db, 'before');
  // Another connection keeps a readwrite transaction on the store busy.
  const other = await new Promise((resolve) => { indexedDB.open(`pocketdynamo:${name}`).onsuccess = (event) => resolve(event.target.result); });
  let busy = true;
  const tx = other.transaction('chunks', 'readwrite');
  const store = tx.objectStore('chunks');
  const spin = () => { if (busy) store.get(['nothing', 0]).onsuccess = spin; };
  spin();
  const blocked = new Promise((resolve) => { tx.oncomplete = resolve; });
  // The flush's own timeout (300 ms plus its bytes' allowance) aborted it, not something else.
  await assert.rejects(put(db, 'stuck'), { name: 'StorageError', message: /timed out after 3\d\d ms; the transaction was aborted/ });
  busy = false;
  await blocked;
  other.close();
  await put(db, 'after');
  assert.deepEqual(Object.keys(await contents(db)).sort(), ['after', 'before']);
  await db.close();
});

test('a failed flush also undoes the writes applied while it was in flight, and tells their callers', { timeout: 30_000 }, async () => {
  const flushes = probe();
  const db = await open({ name: uniqueName(), storage: 'idb' }, flushes);
  await createTable(db);
  flushes.hold();
  const first = put(db, 'first');
  await flushes.applying();
  const second = put(db, 'second'); // applied in memory while the first flush is in flight
  flushes.failWith(new Error('I/O error'));
  flushes.release();
  await assert.rejects(first, StorageError);
  await assert.rejects(second, StorageError);
  flushes.failWith(null);
  assert.deepEqual(await contents(db), {});
  await db.close();
});
