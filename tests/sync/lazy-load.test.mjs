// Sync's code loads on the first db.sync() (a dynamic import(): its own chunk in a bundle). Until
// it has loaded, the database holds its requests, so that writes made meanwhile are captured as
// they are made (a local transaction still one entry group, a table without a stream included);
// listeners, iterators and start() given before it loaded work once it has.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from 'esbuild';
import { note, notesSync, openLocal, startServe, wrapRemote } from './support.mjs';

const pushOnly = { Notes: { ...notesSync.Notes, pull: false } };

test('writes issued while sync loads wait for it and are captured as they are made', async (t) => {
  const serve = await startServe();
  const db = await openLocal(); // Notes has no stream yet: sync enables it when it loads
  t.after(async () => { await db.close(); await serve.close(); });
  const { remote, counts } = wrapRemote(serve.remote);
  const sync = db.sync({ remote, tables: pushOnly, pushBatch: 1 });
  assert.equal(sync.status.pendingWrites, 0, 'nothing counted before sync has loaded');
  // Issued at once, not awaited: the read issued after the write still sees it.
  const put = db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  const transaction = db.transactWriteItems({ TransactItems: [
    { Put: { TableName: 'Notes', Item: note('u1', 'x') } },
    { Put: { TableName: 'Notes', Item: note('u1', 'y') } },
  ] });
  const read = db.getItem({ TableName: 'Notes', Key: { owner: { S: 'u1' }, id: { S: 'a' } } });
  await Promise.all([put, transaction]);
  assert.equal((await read).Item.id.S, 'a');
  await sync.ready;
  assert.equal(sync.status.pendingWrites, 3, 'the put and both items of the transaction are in the outbox');
  const round = await sync.now();
  assert.equal(round.pushed, 3);
  assert.deepEqual(counts, { putItem: 1, transactWriteItems: 1 }, 'the local transaction went up as one');
  await sync.close();
});

test('listeners, iterators and start() given before sync loaded work once it has', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  t.after(async () => { await db.close(); await serve.close(); });
  const first = db.sync({ remote: serve.remote, tables: pushOnly });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await first.close(); // the change waits in the outbox

  const sync = db.sync({ remote: serve.remote, tables: pushOnly, intervalMs: 60_000 });
  const statuses = [];
  sync.on('status', ({ status }) => statuses.push(status));
  const iterator = sync.events();
  sync.start();
  assert.equal(sync.status.started, true);
  await sync.ready;
  assert.equal(statuses.at(-1).pendingWrites, 1, 'a status event once loaded, with the outbox counted');
  assert.equal(sync.status.started, true);
  const seen = [];
  for await (const event of iterator) {
    seen.push(event.type);
    if (event.type === 'round') break;
  }
  assert.ok(seen.includes('status') && seen.includes('round'), seen.join(' '));
  assert.equal(sync.status.pendingWrites, 0);
  await sync.close();
});

test('a sync that cannot be set up lets the held requests go, and ends its iterators', async (t) => {
  const db = await openLocal();
  t.after(() => db.close());
  const sync = db.sync({ remote: { putItem() {} }, tables: { Missing: { version: 'v' } } });
  const iterator = sync.events();
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await assert.rejects(sync.ready, { name: 'ResourceNotFoundException' });
  const events = [];
  for await (const event of iterator) events.push(event.type);
  assert.deepEqual(events, ['error']);
  assert.equal((await db.getItem({ TableName: 'Notes', Key: { owner: { S: 'u1' }, id: { S: 'a' } } })).Item.id.S, 'a');
});

test('bundled with splitting, sync is a chunk of its own, outside what the entry loads', async () => {
  const web = new URL('../../web/src/', import.meta.url).pathname;
  const { metafile } = await build({
    entryPoints: [path.join(web, 'index.js')], bundle: true, splitting: true, format: 'esm', platform: 'browser',
    outdir: '/nonexistent', write: false, metafile: true, logLevel: 'error',
  });
  const { outputs } = metafile;
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint?.endsWith('web/src/index.js'));
  const startup = new Set();
  const visit = (name) => {
    if (startup.has(name)) return;
    startup.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const loadedAtStartup = [...startup].flatMap((name) => Object.keys(outputs[name].inputs));
  assert.deepEqual(loadedAtStartup.filter((input) => input.includes('web/src/sync/')).map((input) => path.basename(input)), ['events.js']);
  const syncChunk = Object.values(outputs).find((output) => output.entryPoint?.endsWith('web/src/sync/chunk.js'));
  assert.ok(syncChunk && Object.keys(syncChunk.inputs).some((input) => input.endsWith('sync/capture.js')));
});
