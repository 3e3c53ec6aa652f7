// db.persist() and the origin's usage and quota in db.storageInfo(), in Node: without
// navigator.storage (Node's case: false and null), and with a stand-in for the browser's
// navigator.storage (a page's, a worker's without persist(), one whose estimate() fails).
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseClosedError, PocketDynamo } from 'pocketdynamo';
import { uniqueName } from './persistence-support.mjs';

// Runs `body` with globalThis.navigator set to `navigator` (Node 20 has none), then removes it.
async function withNavigator(navigator, body) {
  assert.equal(globalThis.navigator, undefined, 'no navigator before the stand-in');
  Object.defineProperty(globalThis, 'navigator', { value: navigator, configurable: true, writable: true });
  try {
    return await body();
  } finally {
    delete globalThis.navigator;
  }
}

// A stand-in for navigator.storage that answers as told and counts the questions.
function storageManager({ granted = true, estimate = { usage: 12_345, quota: 1_000_000 }, page = true } = {}) {
  const asked = { persist: 0, persisted: 0, estimate: 0 };
  const storage = {
    persisted: async () => { asked.persisted += 1; return granted; },
    estimate: async () => {
      asked.estimate += 1;
      if (estimate instanceof Error) throw estimate;
      return estimate;
    },
  };
  if (page) storage.persist = async () => { asked.persist += 1; return granted; };
  return { storage, asked };
}

test('without navigator.storage (Node): persist() is false for idb and memory, true for a folder; usage and quota are null', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-persist-api-'));
  try {
    for (const [options, expected] of [
      [{ storage: 'idb' }, false],
      [{ storage: 'memory' }, false],
      [{ storage: 'fs', path: dir }, true],
    ]) {
      const db = await PocketDynamo.open({ name: uniqueName('persist'), ...options });
      assert.equal(await db.persist(), expected, options.storage);
      const info = await db.storageInfo();
      assert.equal(info.storage, options.storage);
      assert.equal(info.usage, null);
      assert.equal(info.quota, null);
      await db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('persist() on idb answers what navigator.storage.persist() answers, and asks each time', async () => {
  for (const granted of [true, false]) {
    const { storage, asked } = storageManager({ granted });
    await withNavigator({ storage }, async () => {
      const db = await PocketDynamo.open({ name: uniqueName('persist'), storage: 'idb' });
      assert.equal(await db.persist(), granted);
      assert.equal(await db.persist(), granted);
      assert.deepEqual(asked, { persist: 2, persisted: 0, estimate: 0 });
      await db.close();
    });
  }
});

test('persist() in a worker (navigator.storage without persist()) answers whether the origin was granted before', async () => {
  const { storage, asked } = storageManager({ granted: true, page: false });
  await withNavigator({ storage }, async () => {
    const db = await PocketDynamo.open({ name: uniqueName('persist'), storage: 'idb' });
    assert.equal(await db.persist(), true);
    assert.deepEqual(asked, { persist: 0, persisted: 1, estimate: 0 });
    await db.close();
  });
});

test('persist() in memory does not ask the browser: nothing is stored', async () => {
  const { storage, asked } = storageManager();
  await withNavigator({ storage }, async () => {
    const db = await PocketDynamo.open({ name: uniqueName('persist'), storage: 'memory' });
    assert.equal(await db.persist(), false);
    assert.deepEqual(asked, { persist: 0, persisted: 0, estimate: 0 });
    await db.close();
  });
});

test('storageInfo() adds the origin usage and quota from navigator.storage.estimate(), in every storage mode', async () => {
  const { storage } = storageManager({ estimate: { usage: 4096, quota: 2 ** 30 } });
  await withNavigator({ storage }, async () => {
    for (const mode of ['idb', 'memory']) {
      const db = await PocketDynamo.open({ name: uniqueName('estimate'), storage: mode });
      const info = await db.storageInfo();
      assert.equal(info.usage, 4096);
      assert.equal(info.quota, 2 ** 30);
      assert.equal(info.persisted, mode === 'idb');
      await db.close();
    }
  });
});

test('storageInfo() still answers when estimate() fails or leaves a field out: null for what is not known', async () => {
  for (const [estimate, expected] of [
    [Object.assign(new Error('not allowed for an opaque origin'), { name: 'SecurityError' }), { usage: null, quota: null }],
    [{ quota: 500 }, { usage: null, quota: 500 }],
  ]) {
    const { storage } = storageManager({ estimate });
    await withNavigator({ storage }, async () => {
      const db = await PocketDynamo.open({ name: uniqueName('estimate'), storage: 'idb' });
      const { usage, quota, storage: mode } = await db.storageInfo();
      assert.deepEqual({ usage, quota, mode }, { ...expected, mode: 'idb' });
      await db.close();
    });
  }
});

test('persist() and storageInfo() reject with DatabaseClosedError after close()', async () => {
  const db = await PocketDynamo.open({ name: uniqueName('closed'), storage: 'idb' });
  await db.close();
  await assert.rejects(db.persist(), DatabaseClosedError);
  await assert.rejects(db.storageInfo(), DatabaseClosedError);
});
