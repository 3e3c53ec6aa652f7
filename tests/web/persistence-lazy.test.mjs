// Partition files are read on first touch, on both backends: open reports nothing about a damaged
// partition file it has not read; the first read of its partition salvages what is intact and
// reports the file by name in db.recoveryReport, where it stays (kept with the database) until
// acknowledged.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idbDatabaseName } from '../../web/src/storage/idb-backend.js';
import { contents, createTable, open, put, uniqueName } from './persistence-support.mjs';

// Big enough that the log outgrows its 4 MB budget: a checkpoint writes them to partition files.
const BIG = 'x'.repeat(350_000);
const BIG_ITEMS = 13;

const backends = {
  fs: {
    options: (name) => ({ name, storage: 'fs', path: fs.mkdtempSync(path.join(os.tmpdir(), 'pd-lazy-')) }),
    // Flips a byte a little way into the file: the first item record there is lost.
    damage(options, file) {
      const where = path.join(options.path, file);
      const bytes = fs.readFileSync(where);
      bytes[40] ^= 0x08;
      fs.writeFileSync(where, bytes);
    },
  },
  idb: {
    options: (name) => ({ name, storage: 'idb' }),
    damage(options, file) {
      return new Promise((resolve, reject) => {
        const request = indexedDB.open(idbDatabaseName(options.name));
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('chunks', 'readwrite');
          const store = tx.objectStore('chunks');
          store.get([file, 0]).onsuccess = (event) => {
            const bytes = new Uint8Array(event.target.result);
            bytes[40] ^= 0x08;
            store.put(bytes, [file, 0]);
          };
          tx.oncomplete = () => { db.close(); resolve(); };
          tx.onabort = () => { db.close(); reject(tx.error); };
        };
      });
    },
  },
};

for (const kind of Object.keys(backends)) {
  test(`${kind}: a partition file damaged on disk is reported by name when first read, and kept`, async () => {
    const options = backends[kind].options(uniqueName(`lazy-${kind}`));
    let db = await open(options);
    await createTable(db);
    for (let i = 0; i < BIG_ITEMS; i++) await put(db, `big-${i}`, BIG);
    await db.close();
    const victim = (await partitionNames(kind, options))[0];
    assert.ok(victim, 'a checkpoint wrote partition files');
    await backends[kind].damage(options, victim);

    db = await open(options);
    assert.deepEqual(db.recoveryReport.problems, [], 'open reads no partition file');
    // Only items still in the log are in memory (checkpoint steps rewrite some partitions at a time).
    assert.ok(db.recoveryReport.items < BIG_ITEMS, `${db.recoveryReport.items} items in memory after open`);
    const found = await contents(db); // a Scan reads every partition
    assert.equal(Object.keys(found).length, BIG_ITEMS - 1, 'only the damaged record is lost');
    const { problems, unacknowledged } = db.recoveryReport;
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0], new RegExp(`^${victim} is damaged .*1 of its items are lost`));
    assert.deepEqual(unacknowledged.map((p) => p.problem), problems);
    await put(db, 'after', 'the damage');
    await db.close();

    db = await open(options);
    assert.deepEqual(db.recoveryReport.unacknowledged.map((p) => p.problem), problems);
    await db.acknowledgeRecoveryProblems();
    assert.deepEqual(db.recoveryReport.unacknowledged, []);
    assert.equal((await contents(db)).after, 'the damage');
    await db.close();
  });
}

async function partitionNames(kind, options) {
  if (kind === 'fs') return fs.readdirSync(options.path).filter((file) => file.startsWith('part-')).sort();
  const names = new Set();
  await new Promise((resolve, reject) => {
    const request = indexedDB.open(idbDatabaseName(options.name));
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('chunks', 'readonly');
      tx.objectStore('chunks').getAllKeys().onsuccess = (event) => {
        for (const [file] of event.target.result) if (file.startsWith('part-')) names.add(file);
      };
      tx.oncomplete = () => { db.close(); resolve(); };
    };
  });
  return [...names].sort();
}
