// IndexedDB version 2: beside the chunks, a small store names each file with its chunk count, so
// that open reads that store and never lists the chunks' keys (Chromium walks every stored value
// to list them). A database stored at version 1 (chunks only) is upgraded on its first open and
// keeps every item; the entries follow every write, append and remove in the flush's transaction.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import { idbDatabaseName, openIdbBackend } from '../../web/src/storage/idb-backend.js';
import { contents, createTable, open, put, uniqueName } from './persistence-support.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (files) => Object.fromEntries(files.map(([name, data]) => [name, decoder.decode(data)]));

// Runs `body(db)` on a raw connection to PocketDynamo database `name` (at `version`, creating the
// chunks store when the database is new); resolves with what it returns once its work is done.
function rawDatabase(name, version, body) {
  return new Promise((resolve, reject) => {
    const request = version ? indexedDB.open(idbDatabaseName(name), version) : indexedDB.open(idbDatabaseName(name));
    request.onupgradeneeded = () => request.result.createObjectStore('chunks');
    request.onerror = () => reject(request.error);
    request.onsuccess = async () => {
      const db = request.result;
      try {
        resolve(await body(db));
      } catch (error) {
        reject(error);
      } finally {
        db.close();
      }
    };
  });
}

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

// Every chunk of a database: [[key, value]], in key order.
const allChunks = (name) => rawDatabase(name, undefined, async (db) => {
  const store = db.transaction('chunks').objectStore('chunks');
  const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
  return keys.map((key, i) => [key, values[i]]);
});

// The files store of a database: name -> entry.
const filesStore = (name) => rawDatabase(name, undefined, async (db) => {
  const store = db.transaction('files').objectStore('files');
  const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
  return Object.fromEntries(keys.map((key, i) => [key, values[i]]));
});

// A version 1 database (as PocketDynamo stored before the files store) holding `chunks`.
const writeVersion1 = (name, chunks) => rawDatabase(name, 1, async (db) => {
  const tx = db.transaction('chunks', 'readwrite');
  for (const [key, value] of chunks) tx.objectStore('chunks').put(value, key);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
});

test('idb: a version 1 store is upgraded: every file is named with its chunk count, appends go after its last chunk, deferred files read whole', async () => {
  const name = uniqueName('upgrade');
  await writeVersion1(name, [
    [['catalog-1', 0], encoder.encode('cat')],
    [['log-1', 0], encoder.encode('a,')], [['log-1', 1], encoder.encode('b,')], [['log-1', 2], encoder.encode('c,')],
    [['part-1-00-1', 0], encoder.encode('first half ')], [['part-1-00-1', 1], encoder.encode('second half')],
    [['Not ours', 0], encoder.encode('left alone')], ['not a chunk key', encoder.encode('left alone too')],
  ]);
  const backend = await openIdbBackend(name);
  const files = await backend.load({ defer: (file) => file.startsWith('part-') });
  assert.deepEqual(text(files), { 'catalog-1': 'cat', 'log-1': 'a,b,c,' });
  assert.deepEqual([...files.deferred], [['part-1-00-1', null]]);
  assert.deepEqual(await filesStore(name), { 'Not ours': 1, 'catalog-1': 1, 'log-1': 3, 'part-1-00-1': 2 });
  await backend.apply([{ op: 'append', name: 'log-1', bytes: encoder.encode('d,') }]);
  const part = await backend.readFiles(['part-1-00-1']);
  assert.equal(decoder.decode(part.get('part-1-00-1')), 'first half second half');
  await backend.close();

  const again = await openIdbBackend(name);
  assert.deepEqual(text(await again.load()), { 'catalog-1': 'cat', 'log-1': 'a,b,c,d,', 'part-1-00-1': 'first half second half' });
  assert.equal((await filesStore(name))['log-1'], 4, 'the append went after the last chunk');
  assert.deepEqual((await allChunks(name)).find(([key]) => key[0] === 'Not ours')?.[1], encoder.encode('left alone'));
  await again.close();
});

test('idb: the upgrade leaves keys that are not [name, chunk] alone, and a file whose chunks have a gap is read by listing its keys', async () => {
  const name = uniqueName('odd-keys');
  await writeVersion1(name, [
    [[], encoder.encode('empty key')], [['log-1'], encoder.encode('one member')], [['log-1', -1], encoder.encode('negative')],
    [['log-1', 0], encoder.encode('data,')], [['log-1', 1], encoder.encode('more,')],
    [['log-2', 0], encoder.encode('x')], [['log-2', 5], encoder.encode('y')], [['log-3', 2 ** 40], encoder.encode('far')],
    [['log-3', 7], encoder.encode('far')], [['log-3', []], encoder.encode('not ours')], [['log-3', 'x'], encoder.encode('not ours')],
  ]);
  const backend = await openIdbBackend(name);
  assert.deepEqual(text(await backend.load()), { 'log-1': 'data,more,', 'log-2': 'xy', 'log-3': 'far' });
  assert.deepEqual(await filesStore(name), { 'log-1': 2, 'log-2': null, 'log-3': null });
  // A file without a count is read at load even when deferred (its listed keys place appends).
  assert.deepEqual(text(await backend.load({ defer: () => true })), { 'log-2': 'xy', 'log-3': 'far' });
  // Appends go after the last chunk found.
  await backend.apply([{ op: 'append', name: 'log-2', bytes: encoder.encode('z') }, { op: 'append', name: 'log-3', bytes: encoder.encode('!') }]);
  assert.deepEqual(text(await backend.load()), { 'log-1': 'data,more,', 'log-2': 'xyz', 'log-3': 'far!' });
  await backend.close();
});

test('idb: an append to a file that load() only named goes after its last chunk', async () => {
  const name = uniqueName('deferred-append');
  const first = await openIdbBackend(name);
  await first.load();
  await first.apply([{ op: 'write', name: 'part-a', bytes: new Uint8Array(70_000).fill(7) }]); // 2 chunks
  await first.close();
  const backend = await openIdbBackend(name);
  const files = await backend.load({ defer: (file) => file.startsWith('part-') });
  assert.deepEqual([...files.deferred.keys()], ['part-a']);
  await backend.apply([{ op: 'append', name: 'part-a', bytes: encoder.encode('tail') }]);
  const read = (await backend.readFiles(['part-a'])).get('part-a');
  assert.equal(read.byteLength, 70_004);
  assert.equal(decoder.decode(read.subarray(70_000)), 'tail');
  await backend.close();
});

test('idb: the files store follows writes, appends and removes, and only a committed flush changes it; a count it did not write is not trusted', async () => {
  const name = uniqueName('entries');
  const backend = await openIdbBackend(name);
  await backend.load();
  await backend.apply([{ op: 'write', name: 'part-a', bytes: new Uint8Array(130_000) }, { op: 'append', name: 'log-1', bytes: encoder.encode('x') }]);
  await backend.apply([{ op: 'append', name: 'log-1', bytes: encoder.encode('yz') }]);
  assert.deepEqual(await filesStore(name), { 'log-1': 2, 'part-a': 3 });
  await backend.apply([{ op: 'write', name: 'part-a', bytes: encoder.encode('small') }, { op: 'remove', name: 'log-1' }]);
  assert.deepEqual(await filesStore(name), { 'part-a': 1 });
  // A flush that fails before it commits (a bad name) leaves the entries as they were.
  await assert.rejects(backend.apply([{ op: 'write', name: 'part-b', bytes: encoder.encode('b') }, { op: 'write', name: 'Bad Name', bytes: encoder.encode('c') }]));
  assert.deepEqual(await filesStore(name), { 'part-a': 1 });
  await backend.apply([{ op: 'append', name: 'part-a', bytes: encoder.encode('+') }]);
  assert.deepEqual(text(await backend.load()), { 'part-a': 'small+' });
  // A count that is not one (damaged, or written by something else): the file's chunks are listed.
  for (const junk of ['junk', 2 ** 32]) {
    await rawDatabase(name, undefined, async (db) => {
      const tx = db.transaction('files', 'readwrite');
      tx.objectStore('files').put(junk, 'part-a');
      await new Promise((resolve) => { tx.oncomplete = resolve; });
    });
    assert.deepEqual(text(await backend.load()), { 'part-a': 'small+' });
    assert.equal(decoder.decode((await backend.readFiles(['part-a'])).get('part-a')), 'small+');
  }
  await backend.close();
});

test('idb: a file whose chunks are all gone is no file; one with a chunk gone is read without it and the gap reported', async () => {
  const name = uniqueName('gone');
  const backend = await openIdbBackend(name);
  await backend.load();
  await backend.apply([{ op: 'write', name: 'part-a', bytes: new Uint8Array(70_000).fill(1) }, { op: 'write', name: 'part-b', bytes: encoder.encode('b') }]);
  await rawDatabase(name, undefined, async (db) => {
    const tx = db.transaction('chunks', 'readwrite');
    tx.objectStore('chunks').delete(['part-a', 0]);
    tx.objectStore('chunks').delete(['part-b', 0]);
    await new Promise((resolve) => { tx.oncomplete = resolve; });
  });
  const read = await backend.readFiles(['part-a', 'part-b']);
  assert.deepEqual([...read.keys()], ['part-a']);
  assert.equal(read.get('part-a').byteLength, 70_000 - 60 * 1024);
  assert.deepEqual(read.problems, ['part-a: stored chunk 0 is missing; it is left out']);
  await backend.close();
});

test('a whole database stored at IndexedDB version 1 opens with every item after the upgrade, and keeps working', async () => {
  const made = uniqueName('made');
  const db = await open({ name: made, storage: 'idb' });
  await createTable(db);
  for (let i = 0; i < 50; i++) await put(db, `item-${i}`, `value-${i}`);
  const expected = await contents(db);
  await db.close();
  // The same chunks in a version 1 database, as an older PocketDynamo left them.
  const old = uniqueName('old');
  await writeVersion1(old, await allChunks(made));
  const reopened = await open({ name: old, storage: 'idb' });
  assert.deepEqual(await contents(reopened), expected);
  await put(reopened, 'item-50', 'value-50');
  await reopened.close();
  const last = await open({ name: old, storage: 'idb' });
  assert.deepEqual(await contents(last), { ...expected, 'item-50': 'value-50' });
  await last.close();
});

test('open lists the files from the files store: it never lists the keys of the chunks store', async () => {
  const name = uniqueName('listing');
  const db = await open({ name, storage: 'idb' });
  await createTable(db);
  for (let i = 0; i < 20; i++) await put(db, `item-${i}`, `value-${i}`);
  await db.close();
  const listings = [];
  const { getAllKeys } = IDBObjectStore.prototype;
  IDBObjectStore.prototype.getAllKeys = function spied(...args) {
    if (this.name === 'chunks') listings.push(args[0]);
    return getAllKeys.apply(this, args);
  };
  try {
    const reopened = await open({ name, storage: 'idb' });
    assert.equal(Object.keys(await contents(reopened)).length, 20);
    await reopened.close();
  } finally {
    IDBObjectStore.prototype.getAllKeys = getAllKeys;
  }
  assert.deepEqual(listings, []);
});
