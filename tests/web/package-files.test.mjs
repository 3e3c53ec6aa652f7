// What the published package carries besides code: its license, where it comes from, the
// `./package.json` export, typesVersions for node10 resolution, and the browser field that keeps
// Node-only storage out of browser builds (tests/consumers checks the builds themselves).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const web = new URL('../../web/', import.meta.url);
const pkg = JSON.parse(fs.readFileSync(new URL('package.json', web), 'utf8'));

test('the package ships the Apache-2.0 license text it declares', () => {
  assert.equal(pkg.license, 'Apache-2.0');
  const text = fs.readFileSync(new URL('LICENSE', web), 'utf8');
  assert.match(text, /Apache License\s+Version 2\.0, January 2004/);
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', fileURLToPath(web)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = packed[0].files.map((file) => file.path);
  assert.ok(files.includes('LICENSE'), files.join(' '));
  assert.ok(!files.includes('src/internal.js'));
});

test('the package ships the PartiQL module (loaded on first use) beside the engine, its wasm exported', () => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', fileURLToPath(web)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = packed[0].files.map((file) => file.path);
  for (const file of ['dist/pocketdynamo.wasm', 'dist/pocketdynamo-partiql.js', 'dist/pocketdynamo-partiql.wasm']) {
    assert.ok(files.includes(file), file);
  }
  assert.equal(pkg.exports['./dist/pocketdynamo-partiql.wasm'], './dist/pocketdynamo-partiql.wasm');
});

test('package.json says where the package comes from and where to report bugs', () => {
  assert.match(pkg.repository.url, /^git\+https:\/\//);
  assert.match(pkg.homepage, /^https:\/\//);
  assert.match(pkg.bugs.url, /^https:\/\/.*\/issues$/);
});

test('pocketdynamo/package.json is exported', async () => {
  const { default: exported } = await import('pocketdynamo/package.json', { with: { type: 'json' } });
  assert.equal(exported.version, pkg.version);
});

test('typesVersions and the browser field name files that exist', () => {
  for (const [subpath, [file]] of Object.entries(pkg.typesVersions['*'])) {
    assert.equal(pkg.exports[`./${subpath}`].types, file);
    assert.ok(fs.existsSync(new URL(file, web)), file);
  }
  for (const [from, to] of Object.entries(pkg.browser)) {
    assert.ok(fs.existsSync(new URL(from, web)), from);
    assert.ok(fs.existsSync(new URL(to, web)), to);
  }
});

test("storage 'fs' in a browser build says it is Node's", async () => {
  const { openDirectory } = await import(new URL(pkg.browser['./src/storage/directory-storage.js'], web));
  await assert.rejects(openDirectory('x', '/tmp', 'fail'), { name: 'StorageError', message: /storage 'fs' works in Node only/ });
});
