// open() of a stored database reads its files while the engine module is still loading (neither
// waits for the other), and an engine that cannot load fails the open and frees the storage.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'fake-indexeddb/auto';
import { open } from './persistence-support.mjs';
import { loadEngineModule } from '../../web/src/engine-module.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-open-engine-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

// A module that resolves (or fails) only when the test says, and a backend wrapper that notes
// when open started reading the stored files.
function heldModule() {
  let settle;
  const module = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  return { module, settle };
}

function noteLoad(seen) {
  return (backend) => ({
    ...backend,
    load: (...args) => {
      seen.push('load');
      return backend.load(...args);
    },
    readFiles: backend.readFiles?.bind(backend),
    apply: backend.apply.bind(backend),
    close: backend.close.bind(backend),
  });
}

for (const storage of ['fs', 'idb']) {
  const where = (name) => (storage === 'fs' ? { storage, path: path.join(scratch, name) } : { storage });

  test(`${storage}: the stored files are read while the engine module loads, and the open completes once it has`, async () => {
    const name = `overlap-${storage}`;
    const first = await open({ name, ...where(name), lock: 'fail' });
    await first.createTable({
      TableName: 'Items', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    await first.putItem({ TableName: 'Items', Item: { id: { S: 'kept' } } });
    await first.close();

    const seen = [];
    const { module, settle } = heldModule();
    const opening = open({ name, ...where(name), lock: 'fail' }, { module, wrapBackend: noteLoad(seen) });
    // Open reads the files before the module is there.
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.deepEqual(seen, ['load']);
    settle.resolve(await loadEngineModule());
    const db = await opening;
    assert.deepEqual((await db.getItem({ TableName: 'Items', Key: { id: { S: 'kept' } } })).Item, { id: { S: 'kept' } });
    await db.close();
  });

  test(`${storage}: an engine that cannot load fails the open with its error and frees the storage for the next open`, async () => {
    const name = `no-engine-${storage}`;
    const seen = [];
    const { module, settle } = heldModule();
    const opening = open({ name, ...where(name), lock: 'fail' }, { module, wrapBackend: noteLoad(seen) });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    settle.reject(new Error('PocketDynamo: could not load the engine from test: nothing there'));
    await assert.rejects(opening, { message: /could not load the engine from test/ });
    // The lock and the storage were let go: lock 'fail' would reject with DatabaseLockedError.
    const db = await open({ name, ...where(name), lock: 'fail' });
    assert.deepEqual((await db.listTables({})).TableNames, []);
    await db.close();
  });
}
