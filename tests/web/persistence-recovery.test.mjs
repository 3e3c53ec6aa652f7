// Recovery in the package, on both backends: a damaged or deleted catalog is rebuilt from its log
// and loses nothing (and no later open deletes anything); a catalog that cannot be rebuilt makes
// open refuse with a StorageError and leaves every file as it was; a stored chunk that is not
// bytes is reported, not fatal; problems stay in db.recoveryReport until acknowledged; and a full
// disk keeps reads working, fails writes with StorageQuotaExceededError, and lets writes work
// again once space is freed, without reopening.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StorageError, StorageQuotaExceededError } from 'pocketdynamo';
import { idbDatabaseName } from '../../web/src/storage/idb-backend.js';
import { TABLE, contents, createTable, open, put, uniqueName } from './persistence-support.mjs';

const ITEMS = 40;

// Raw access to the stored files, to damage them as a disk or another program would.
const stores = {
  fs: {
    options: (name) => ({ name, storage: 'fs', path: fs.mkdtempSync(path.join(os.tmpdir(), 'pd-recovery-')) }),
    async files(options) {
      const out = new Map();
      for (const file of fs.readdirSync(options.path)) {
        if (/^(catalog|log|part|streams|counts)-/.test(file)) out.set(file, new Uint8Array(fs.readFileSync(path.join(options.path, file))));
      }
      return out;
    },
    async damage(options, file, change) {
      const where = path.join(options.path, file);
      const bytes = new Uint8Array(fs.readFileSync(where));
      const changed = change(bytes);
      if (changed === null) fs.rmSync(where);
      else fs.writeFileSync(where, changed);
    },
  },
  idb: {
    options: (name) => ({ name, storage: 'idb' }),
    async files(options) {
      const out = new Map();
      await withChunks(options.name, 'readonly', (store, done) => {
        store.openCursor().onsuccess = (event) => {
          const cursor = event.target.result;
          if (!cursor) return done();
          const [file, chunk] = cursor.key;
          out.set(`${file}#${chunk}`, cursor.value instanceof Uint8Array ? cursor.value.slice() : cursor.value);
          cursor.continue();
        };
      });
      return out;
    },
    // Changes the file's first chunk (catalogs and the start of a log fit in one).
    async damage(options, file, change) {
      await withChunks(options.name, 'readwrite', (store, done) => {
        const request = store.get([file, 0]);
        request.onsuccess = () => {
          const changed = change(new Uint8Array(request.result));
          (changed === null ? store.delete([file, 0]) : store.put(changed, [file, 0])).onsuccess = done;
        };
      });
    },
  },
};

function withChunks(name, mode, body) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(idbDatabaseName(name));
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('chunks', mode);
      body(tx.objectStore('chunks'), () => {});
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => { db.close(); reject(tx.error); };
    };
  });
}

const flipBit = (at) => (bytes) => { bytes[Math.min(at, bytes.length - 1)] ^= 0x08; return bytes; };
const remove = () => null;

async function stocked(kind) {
  const options = stores[kind].options(uniqueName(`recovery-${kind}`));
  const db = await open(options);
  await createTable(db);
  for (let i = 0; i < ITEMS; i++) await put(db, `item-${i}`, `value-${i}`);
  await db.close();
  return options;
}

function expected() {
  const out = {};
  for (let i = 0; i < ITEMS; i++) out[`item-${i}`] = `value-${i}`;
  return out;
}

async function catalogOf(kind, options) {
  const names = [...(await stores[kind].files(options)).keys()].map((key) => key.split('#')[0]);
  const catalog = names.find((file) => file.startsWith('catalog-'));
  assert.ok(catalog, `a catalog among ${names}`);
  return { catalog, log: `log-${catalog.slice('catalog-'.length)}` };
}

for (const kind of ['fs', 'idb']) {
  for (const [damageName, change] of [['with one flipped bit', flipBit(30)], ['that was deleted', remove]]) {
    test(`${kind}: a catalog ${damageName} is rebuilt from its log, and nothing is lost or deleted`, async () => {
      const options = await stocked(kind);
      const { catalog } = await catalogOf(kind, options);
      await stores[kind].damage(options, catalog, change);

      const first = await open(options);
      assert.deepEqual(await contents(first), expected());
      assert.equal(first.recoveryReport.problems.length, 1, JSON.stringify(first.recoveryReport));
      assert.match(first.recoveryReport.problems[0], new RegExp(`^${catalog} .*rebuilt from the copy in log-`));
      await first.close();
      // A second open before any write: the files are all still there.
      const second = await open(options);
      assert.deepEqual(await contents(second), expected());
      await put(second, 'after', 'repair');
      await second.close();

      const third = await open(options);
      assert.deepEqual(third.recoveryReport.problems, []);
      assert.deepEqual(third.recoveryReport.unacknowledged.map((p) => p.problem), [first.recoveryReport.problems[0]]);
      assert.deepEqual(await contents(third), { ...expected(), after: 'repair' });
      await third.acknowledgeRecoveryProblems();
      await third.close();

      const fourth = await open(options);
      assert.deepEqual(fourth.recoveryReport.unacknowledged, []);
      await fourth.close();
    });
  }

  test(`${kind}: a catalog that cannot be rebuilt refuses to open and changes no file`, async () => {
    const options = await stocked(kind);
    const { catalog, log } = await catalogOf(kind, options);
    await stores[kind].damage(options, catalog, flipBit(30));
    await stores[kind].damage(options, log, flipBit(30)); // inside the catalog copy
    const before = await stores[kind].files(options);
    await assert.rejects(open(options), (error) => {
      assert.ok(error instanceof StorageError, String(error));
      assert.match(error.message, new RegExp(`${catalog}.*no file was changed`));
      return true;
    });
    assert.deepEqual(await stores[kind].files(options), before);
    // Asking again gives the same answer: the refusal did not make things worse.
    await assert.rejects(open(options), StorageError);
  });
}

test('idb: a stored chunk that is not bytes is reported and costs only the records in it', async () => {
  const options = await stocked('idb');
  // Each awaited put appended its own chunk to the log: replace one in the middle.
  const chunk = [...(await stores.idb.files(options)).keys()].find((key) => /^log-\d+#10$/.test(key));
  assert.ok(chunk, 'the log has an 11th chunk');
  await withChunks(options.name, 'readwrite', (store, done) => {
    const [file, n] = chunk.split('#');
    store.put('not bytes at all', [file, Number(n)]).onsuccess = done;
  });
  const db = await open(options);
  const { problems } = db.recoveryReport;
  assert.ok(problems.some((p) => /chunk 10 is not bytes \(string\)/.test(p)), JSON.stringify(problems));
  assert.ok(problems.some((p) => /^log-\d+: commits \d+ to \d+ are missing/.test(p)), JSON.stringify(problems));
  const found = await contents(db);
  const lost = Object.keys(expected()).filter((id) => found[id] !== expected()[id]);
  assert.equal(lost.length, 1, `exactly the item written by that chunk's commit is lost: ${lost}`);
  assert.equal(Object.keys(found).length, ITEMS - 1);
  await createTable(db, 'Another'); // and the database works
  await db.close();
});

// Fails the backend's writes as a full disk does (ENOSPC), tearing an append in half.
function fullDisk() {
  const state = {
    full: false,
    wrapBackend(backend) {
      return {
        load: () => backend.load(),
        close: () => backend.close(),
        async apply(ops) {
          if (!state.full) return backend.apply(ops);
          const append = ops.find((op) => op.op === 'append');
          if (append) await backend.apply([{ ...append, bytes: append.bytes.subarray(0, append.bytes.byteLength >> 1) }]);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      };
    },
  };
  return state;
}

const getValue = async (db, id) => (await db.getItem({ TableName: TABLE, Key: { id: { S: id } } })).Item?.v?.S;

test('fs: on a full disk reads keep working, writes fail with StorageQuotaExceededError, and work again once space is freed', async () => {
  const options = await stocked('fs');
  const disk = fullDisk();
  const db = await open(options, { wrapBackend: disk.wrapBackend });
  disk.full = true;
  await assert.rejects(put(db, 'lost-1'), StorageQuotaExceededError);
  assert.equal(await getValue(db, 'item-3'), 'value-3');
  assert.deepEqual(await contents(db), expected());
  await assert.rejects(put(db, 'lost-2'), StorageQuotaExceededError);
  assert.equal(await getValue(db, 'item-7'), 'value-7');

  disk.full = false; // space freed: the same open database writes again
  await put(db, 'kept', 'yes');
  assert.equal(await getValue(db, 'kept'), 'yes');
  await db.close();

  const reopened = await open(options);
  assert.deepEqual(await contents(reopened), { ...expected(), kept: 'yes' });
  await reopened.close();
});

test('fs: a restart on a full disk opens for reading; writes fail until there is space', async () => {
  const options = await stocked('fs');
  {
    const disk = fullDisk();
    const db = await open(options, { wrapBackend: disk.wrapBackend });
    disk.full = true;
    await assert.rejects(put(db, 'lost'), StorageQuotaExceededError); // leaves a torn log tail
    await db.close().catch(() => {});
  }
  const disk = fullDisk();
  disk.full = true;
  const db = await open(options, { wrapBackend: disk.wrapBackend });
  assert.deepEqual(await contents(db), expected());
  await assert.rejects(put(db, 'still-lost'), StorageQuotaExceededError);
  disk.full = false;
  await put(db, 'kept', 'yes');
  await db.close();
  const reopened = await open(options);
  assert.deepEqual(await contents(reopened), { ...expected(), kept: 'yes' });
  await reopened.close();
});
