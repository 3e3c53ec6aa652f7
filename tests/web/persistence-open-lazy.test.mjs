// Open in constant time, on both backends: open reads the catalog and the log but no partition
// file; a request first has the partition files it will read fetched (one GetItem: exactly one
// file); a partition file found damaged on that first touch is reported by name; the log's
// changes to partitions still in storage survive the checkpoint that rewrites them; and with
// loadInBackground the rest load one file at a time, stop at close, and a kill meanwhile loses
// nothing. Reads are counted through a spy on the backend ('fs') and on IndexedDB itself ('idb').
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idbDatabaseName } from '../../web/src/storage/idb-backend.js';
import { TABLE, contents, createTable, open, put, uniqueName } from './persistence-support.mjs';

// Items big enough that the log outgrows its 4 MB budget: a checkpoint writes partition files.
const BIG = 'x'.repeat(350_000);

// Every partition-file read: through the backend for 'fs', through IndexedDB for 'idb' (a getAll
// of the range of a file's chunks, which starts at [name], or the get of its first chunk: the
// backend gets a file's chunks one by one), so that a backend that read more than it says would
// still be caught.
const reads = [];
const { IDBObjectStore } = globalThis;
const getAll = IDBObjectStore.prototype.getAll;
IDBObjectStore.prototype.getAll = function spiedGetAll(range, ...rest) {
  const name = range?.lower?.[0];
  if (typeof name === 'string' && /^(part|delta)-/.test(name)) reads.push(name);
  return getAll.call(this, range, ...rest);
};
const get = IDBObjectStore.prototype.get;
IDBObjectStore.prototype.get = function spiedGet(key, ...rest) {
  if (typeof key?.[0] === 'string' && /^(part|delta)-/.test(key[0]) && key[1] === 0) reads.push(key[0]);
  return get.call(this, key, ...rest);
};
// The backend's reads: counted for 'fs' (IndexedDB's are seen below the backend), and held while
// `gate.held` is a promise.
function hooksFor(kind, gate = {}) {
  return {
    wrapBackend(backend) {
      return {
        load: (options) => backend.load(options),
        async readFiles(names) {
          if (kind === 'fs') reads.push(...names);
          await gate.held;
          return backend.readFiles(names);
        },
        apply: (ops) => backend.apply(ops),
        close: () => backend.close(),
      };
    },
  };
}
// The partition files read since the last call; deltaReads() the same for delta files (format 4:
// a partition's changes moved out of the logs, read with its file).
const partitionReads = () => takeReads('part-');
const deltaReads = () => takeReads('delta-');
const takeReads = (prefix) => {
  const taken = reads.filter((name) => name.startsWith(prefix));
  reads.splice(0, reads.length, ...reads.filter((name) => !name.startsWith(prefix)));
  return taken;
};
// "part-<table>-<pp>-<generation>" or "delta-…": the partition, "<table>-<pp>".
const partitionOfFile = (name) => name.replace(/^(part|delta)-/, '').replace(/-\d{10}$/, '');

const backends = {
  fs: {
    options: (name) => ({ name, storage: 'fs', path: fs.mkdtempSync(path.join(os.tmpdir(), 'pd-open-lazy-')) }),
    damage(options, file) {
      const where = path.join(options.path, file);
      const bytes = fs.readFileSync(where);
      bytes[40] ^= 0x08; // inside the first item record: that item is lost
      fs.writeFileSync(where, bytes);
    },
    async partitionFiles(options) {
      return fs.readdirSync(options.path).filter((file) => file.startsWith('part-')).sort();
    },
  },
  idb: {
    options: (name) => ({ name, storage: 'idb' }),
    damage(options, file) {
      return onChunks(options, 'readwrite', (store) => {
        store.get([file, 0]).onsuccess = (event) => {
          const bytes = new Uint8Array(event.target.result);
          bytes[40] ^= 0x08;
          store.put(bytes, [file, 0]);
        };
      });
    },
    async partitionFiles(options) {
      const names = new Set();
      await onChunks(options, 'readonly', (store) => {
        store.getAllKeys().onsuccess = (event) => {
          for (const [file] of event.target.result) if (file.startsWith('part-')) names.add(file);
        };
      });
      return [...names].sort();
    },
  },
};

function onChunks(options, mode, work) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(idbDatabaseName(options.name));
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('chunks', mode);
      work(tx.objectStore('chunks'));
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => { db.close(); reject(tx.error); };
    };
  });
}

// A database whose items are all in partition files: big items are put until the flush of one
// checkpoints, so that the log holds no item.
async function stocked(kind) {
  const options = backends[kind].options(uniqueName(`open-lazy-${kind}`));
  const db = await open(options);
  await createTable(db);
  let count = 0;
  do await put(db, `big-${count++}`, BIG);
  while ((await db.storageInfo()).partitions === 0);
  await db.close();
  const files = await backends[kind].partitionFiles(options);
  assert.ok(files.length > 2, 'a checkpoint wrote several partition files');
  reads.length = 0;
  return { options, files, count };
}

const getValue = async (db, id) => (await db.getItem({ TableName: TABLE, Key: { id: { S: id } } })).Item?.v?.S;

// Checkpoint steps rewrite some partitions at a time and older logs stay (format 3), so an item
// may still be in a log: the first stocked key whose GetItem reads a partition file, after gets
// that read none. Returns the key and the files read.
async function firstKeyInAFile(db, count) {
  for (let i = 0; i < count; i++) {
    assert.equal((await getValue(db, `big-${i}`))?.length, BIG.length);
    const read = partitionReads();
    if (read.length) return { key: `big-${i}`, read };
  }
  assert.fail('no stocked item is in a partition file');
}

for (const kind of Object.keys(backends)) {
  test(`${kind}: open reads no partition file; a GetItem reads exactly its one, a Scan the rest`, async () => {
    const { options, files, count } = await stocked(kind);
    const db = await open(options, hooksFor(kind));
    assert.deepEqual(partitionReads(), [], 'open read no partition file');
    assert.deepEqual(deltaReads(), [], 'nor a delta file');
    assert.ok(db.recoveryReport.items < count, 'items in partition files stay there at open');

    const { key, read: first } = await firstKeyInAFile(db, count);
    assert.equal(first.length, 1, `one file for one GetItem: ${first}`);
    assert.equal(await getValue(db, key), BIG, 'a second read of the partition reads no file');
    assert.equal(await getValue(db, 'missing-key-in-the-same-or-another-partition'), undefined);
    const scanned = Object.keys(await contents(db)).length;
    assert.equal(scanned, count);
    const rest = [...partitionReads()];
    assert.deepEqual([...new Set([...first, ...rest])].sort(), files, 'a Scan read every other file, each once');
    assert.equal(rest.length + first.length, files.length, 'no file read twice');
    await db.close();
  });

  test(`${kind}: a Query on the base table reads only its key's partition; writes by key read only theirs`, async () => {
    const { options, count } = await stocked(kind);
    const probe = await open(options, hooksFor(kind));
    const { key } = await firstKeyInAFile(probe, count);
    await probe.close();
    partitionReads();
    const db = await open(options, hooksFor(kind));
    const queried = await db.query({
      TableName: TABLE, KeyConditionExpression: '#id = :id',
      ExpressionAttributeNames: { '#id': 'id' }, ExpressionAttributeValues: { ':id': { S: key } },
    });
    assert.equal(queried.Items.length, 1);
    assert.equal(partitionReads().length, 1);
    const [updated, untouched] = ['big-0', 'big-1', 'big-2'].filter((id) => id !== key); // stocked() writes 3 at least
    await db.batchWriteItem({ RequestItems: { [TABLE]: [{ PutRequest: { Item: { id: { S: key }, v: { S: 'small' } } } }] } });
    assert.deepEqual(partitionReads(), [], 'the partition is loaded already');
    await db.transactWriteItems({ TransactItems: [{ Update: {
      TableName: TABLE, Key: { id: { S: updated } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'updated' } },
    } }] });
    assert.ok(partitionReads().length <= 1, `at most the one partition of ${updated}`);
    assert.equal(await getValue(db, updated), 'updated');
    await db.close();
    const again = await open(options);
    const found = await contents(again);
    assert.equal(found[key], 'small');
    assert.equal(found[updated], 'updated');
    assert.equal(found[untouched], BIG);
    await again.close();
  });

  test(`${kind}: a partition file damaged in storage is reported by name when a GetItem first reads it`, async () => {
    const { options, count } = await stocked(kind);
    let db = await open(options, hooksFor(kind));
    const { key, read: [victim] } = await firstKeyInAFile(db, count);
    await db.close();
    assert.ok(victim);
    await backends[kind].damage(options, victim);

    db = await open(options, hooksFor(kind));
    assert.deepEqual(db.recoveryReport.problems, [], 'open reads no partition file');
    await getValue(db, key); // its partition, damaged: what is intact loads
    const { problems, unacknowledged } = db.recoveryReport;
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0], new RegExp(`^${victim} is damaged .*1 of its items are lost`));
    assert.deepEqual(unacknowledged.map((p) => p.problem), problems);
    await db.close();
  });

  test(`${kind}: the log's changes to partitions still in storage survive the checkpoint that rewrites them`, async () => {
    const { options, count } = await stocked(kind);
    let db = await open(options);
    // Small changes to every big item: they stay in the log (no checkpoint).
    for (let i = 0; i < count; i++) await put(db, `big-${i}`, `small-${i}`);
    await db.close();
    partitionReads(); // what the writes read
    db = await open(options, hooksFor(kind)); // replays the log: every partition changed, none loaded
    assert.deepEqual(partitionReads(), []);
    // New big items in the partitions of other keys push the log over budget: a checkpoint.
    for (let i = 0; i < count; i++) await put(db, `other-${i}`, BIG);
    await db.close();
    db = await open(options);
    const found = await contents(db);
    for (let i = 0; i < count; i++) {
      assert.equal(found[`big-${i}`], `small-${i}`);
      assert.equal(found[`other-${i}`], BIG);
    }
    assert.deepEqual(db.recoveryReport.problems, []);
    await db.close();
  });

  test(`${kind}: loadInBackground loads every partition file once, after open, and requests then read none`, async () => {
    const { options, files, count } = await stocked(kind);
    const db = await open({ ...options, loadInBackground: true }, hooksFor(kind));
    assert.deepEqual(partitionReads(), [], 'open itself reads none');
    const seen = [];
    for (let round = 0; seen.length < files.length; round++) {
      assert.ok(round < 10_000, `background loading stopped after ${seen}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(...partitionReads());
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    seen.push(...partitionReads());
    assert.deepEqual(seen.sort(), files, 'each file read once');
    assert.equal(Object.keys(await contents(db)).length, count);
    assert.deepEqual(partitionReads(), [], 'the Scan read nothing more');
    await db.close();
  });

  test(`${kind}: close stops background loading`, async () => {
    const { options, files, count } = await stocked(kind);
    let release;
    const gate = { held: new Promise((resolve) => { release = resolve; }) };
    const db = await open({ ...options, loadInBackground: true }, hooksFor(kind, gate));
    // The first background read starts and is held; close waits for it and starts no other.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = db.close();
    release();
    await closing;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const read = [...partitionReads(), ...deltaReads()];
    assert.ok(files.length > 2);
    assert.ok(read.length >= 1, 'a first partition was read');
    const partitions = new Set(read.map(partitionOfFile));
    assert.equal(partitions.size, 1, `one partition's files read, then close stopped it: ${read}`);
  });
}

test('fs: a process killed while loading in the background loses nothing', async () => {
  const { options, count } = await stocked('fs');
  const child = new URL('./persistence-background-child.mjs', import.meta.url).pathname;
  await new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, options.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    proc.stderr.on('data', (data) => { errors += data; });
    // It says "loading" once background loading has read a first file and before it is done.
    proc.stdout.on('data', (data) => { if (String(data).includes('loading')) proc.kill('SIGKILL'); });
    proc.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${errors}`))));
  });
  const db = await open(options);
  const found = await contents(db);
  assert.equal(Object.keys(found).length, count + 1);
  assert.equal(found['written-before-kill'], 'yes');
  assert.deepEqual(db.recoveryReport.problems, []);
  await db.close();
});

// The newest log's bytes, changed by `change(bytes)` (its last chunk for 'idb': the last commit).
async function changeNewestLog(kind, options, change) {
  if (kind === 'fs') {
    const [log] = fs.readdirSync(options.path).filter((file) => file.startsWith('log-')).sort().reverse();
    const where = path.join(options.path, log);
    fs.writeFileSync(where, change(new Uint8Array(fs.readFileSync(where))));
    return log;
  }
  let keys = [];
  await onChunks(options, 'readonly', (store) => {
    store.getAllKeys().onsuccess = (event) => { keys = event.target.result.filter(([file]) => file.startsWith('log-')); };
  });
  const last = keys.sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1)).at(-1);
  await onChunks(options, 'readwrite', (store) => {
    store.get(last).onsuccess = (event) => store.put(change(new Uint8Array(event.target.result)), last);
  });
  return last[0];
}

// A stocked database whose current log holds `updates` small values of one key stored in a
// partition file: { options, key, count, logEntries } with the entries open applied before them.
async function withUpdatesInLog(kind, updates) {
  const { options, count } = await stocked(kind);
  let db = await open(options, hooksFor(kind));
  const { key } = await firstKeyInAFile(db, count);
  await db.close();
  db = await open(options);
  // The logs may still be over budget after stocking: small puts elsewhere until one takes no
  // checkpoint step (the logs' names stay), so that the updates below stay in the current log.
  let steps = 0;
  for (let names = await logNames(kind, options); ; steps++) {
    assert.ok(steps < 200, 'the checkpoint steps after stocking end');
    await put(db, `filler-${steps}`, 'x');
    const now = await logNames(kind, options);
    if (now === names) break;
    names = now;
  }
  const logs = await logNames(kind, options);
  for (let i = 0; i < updates; i++) await put(db, key, `small-${i}`);
  assert.equal(await logNames(kind, options), logs, 'no checkpoint step ran during the updates');
  await db.close();
  partitionReads();
  return { options, key, count };
}

// The names of the stored logs, joined.
async function logNames(kind, options) {
  if (kind === 'fs') return fs.readdirSync(options.path).filter((file) => file.startsWith('log-')).sort().join();
  const names = new Set();
  await onChunks(options, 'readonly', (store) => {
    store.getAllKeys().onsuccess = (event) => {
      for (const [file] of event.target.result) if (file.startsWith('log-')) names.add(file);
    };
  });
  return [...names].sort().join();
}

for (const kind of Object.keys(backends)) {
  test(`${kind}: open applies none of the log's changes to a partition not loaded; its first touch applies them`, async () => {
    const { options, key } = await withUpdatesInLog(kind, 5);
    const db = await open(options, hooksFor(kind));
    const opened = (await db.storageInfo()).logEntriesApplied;
    assert.equal(await getValue(db, 'filler-0'), 'x', 'the partition of another key loads');
    partitionReads();
    const other = (await db.storageInfo()).logEntriesApplied;
    assert.equal(await getValue(db, key), 'small-4');
    assert.equal(partitionReads().length, 1, 'the GetItem read its one partition file');
    const applied = (await db.storageInfo()).logEntriesApplied;
    assert.ok(applied >= other + 5, `its first touch applied its 5 entries (${opened}, ${other}, ${applied})`);
    assert.deepEqual(db.recoveryReport.problems, []);
    await db.close();
  });

  test(`${kind}: a torn log tail is dropped and reported; the commits before it still apply when the partition loads`, async () => {
    const { options, key } = await withUpdatesInLog(kind, 3);
    const log = await changeNewestLog(kind, options, (bytes) => bytes.slice(0, bytes.length - 3));
    const db = await open(options, hooksFor(kind));
    const { problems } = db.recoveryReport;
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0], new RegExp(`^${log}: torn record at offset \\d+; the torn tail`));
    assert.equal(await getValue(db, key), 'small-1', 'the last commit is lost, the one before it is there');
    await db.close();
  });

  test(`${kind}: a corrupt log record is reported by the log's name`, async () => {
    const { options, key } = await withUpdatesInLog(kind, 3);
    const log = await changeNewestLog(kind, options, (bytes) => {
      const copy = bytes.slice();
      copy[copy.length - 5] ^= 0x20; // inside the last commit
      return copy;
    });
    const db = await open(options, hooksFor(kind));
    const { problems } = db.recoveryReport;
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0], new RegExp(`^${log}: checksum mismatch at offset \\d+`));
    assert.equal(await getValue(db, key), 'small-1');
    await db.close();
  });

  test(`${kind}: DescribeTable and storageInfo read no partition file; counts are the catalog's until partitions load`, async () => {
    const { options, files, count } = await stocked(kind);
    const db = await open(options, hooksFor(kind));
    const { Table } = await db.describeTable({ TableName: TABLE });
    assert.equal(Table.ItemCount, count);
    assert.ok(Table.TableSizeBytes >= count * BIG.length);
    const info = await db.storageInfo();
    assert.deepEqual(partitionReads(), [], 'neither read a partition file');
    assert.equal(info.partitions, files.length);
    const scanned = Object.keys(await contents(db)).length;
    assert.equal(scanned, count);
    assert.equal(partitionReads().length, files.length, 'the Scan read each file');
    const loaded = (await db.describeTable({ TableName: TABLE })).Table;
    assert.equal(loaded.ItemCount, count);
    assert.equal(loaded.TableSizeBytes, Table.TableSizeBytes);
    assert.equal((await db.storageInfo()).bytes, info.bytes, 'the sizes the catalog gave are the files\' sizes');
    await db.close();
  });
}
