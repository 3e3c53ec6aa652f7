// When the wasm cannot be loaded, the error says what happened and what to change: nothing
// served at its URL, an HTML page in its place (a dev server's or a single-page app host's
// fallback), a Content-Security-Policy that forbids WebAssembly or the fetch. The app is the
// esbuild build of the fixture (the quickest to make), served with the wasm removed or a CSP.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser.mjs';
import { installPackedPackage } from './pack.mjs';
import { esbuildBuild, runFixture, serveStatic } from './support.mjs';

await installPackedPackage();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-wasm-errors-'));
const built = await esbuildBuild(true, path.join(scratch, 'app'));
const withoutWasm = path.join(scratch, 'no-wasm');
fs.cpSync(built, withoutWasm, { recursive: true });
for (const file of fs.readdirSync(withoutWasm)) if (file.endsWith('.wasm')) fs.rmSync(path.join(withoutWasm, file));
const { context } = await launchBrowser();
test.after(async () => {
  await context.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function errorOf(dir, options) {
  const site = await serveStatic(dir, options);
  try {
    const { result } = await runFixture(context, site.url);
    assert.equal(result.ok, false, 'the app fails to open the database');
    return result.error;
  } finally {
    await site.close();
  }
}

const VITE_LINE = "optimizeDeps: { exclude: ['pocketdynamo'] }";

test('nothing served at the wasm URL: the error gives the HTTP status and the line each bundler needs', async () => {
  const error = await errorOf(withoutWasm);
  assert.match(error, /could not load the engine from \.\/pocketdynamo-\w+\.wasm: the server answered HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/pocketdynamo-\w+\.wasm\. The bundler did not serve/);
  assert.ok(error.includes(VITE_LINE), error);
  assert.match(error, /PocketDynamo\.open\(\{ wasmUrl \}\)/);
  assert.doesNotMatch(error, /magic word/);
});

test('an HTML page where the wasm should be: the error says so, and names the Vite line', async () => {
  const error = await errorOf(withoutWasm, { fallback: true });
  assert.match(error, /: the server answered with an HTML page, not the engine's wasm\. The bundler did not serve/);
  assert.ok(error.includes(VITE_LINE), error);
  assert.doesNotMatch(error, /magic word/);
});

test("a Content-Security-Policy without 'wasm-unsafe-eval': the error blames the policy, not the URL", async () => {
  const error = await errorOf(built, { headers: { 'content-security-policy': "script-src 'self'" } });
  assert.match(error, /the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src/);
  assert.doesNotMatch(error, /HTML|did not serve/);
});

test('a Content-Security-Policy that refuses the fetch: the error names the directive', async () => {
  const policy = "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; connect-src 'none'";
  const error = await errorOf(built, { headers: { 'content-security-policy': policy } });
  assert.match(error, /the page's Content-Security-Policy \(connect-src\) refused to fetch http:\/\/127\.0\.0\.1:\d+\/pocketdynamo-\w+\.wasm/);
});
