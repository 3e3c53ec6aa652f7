// The storage backends below the engine: fs fsyncs the directory between a new catalog and the
// removal of the files it replaced, and clears temporary files a crash left.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { openFsBackend } from '../../web/src/storage/fs-backend.js';

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
