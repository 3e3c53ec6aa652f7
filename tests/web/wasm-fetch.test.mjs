// Loading the engine over http: streaming compilation when the server says application/wasm
// (Chromium caches the compiled code only for the streaming APIs), the bytes compiled when it
// sends another type, and an HTML page refused. fetch() is replaced by one that answers with the
// real wasm under a chosen content type, so no server and no timing is involved.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { compileWasm } from '../../web/src/wasm-fetch.js';
import { loadEngineModule } from '../../web/src/engine-module.js';

const wasm = await readFile(new URL('../../web/dist/pocketdynamo.wasm', import.meta.url));

// Replaces fetch and counts the WebAssembly compile calls while `body` runs.
async function served(contentType, body) {
  const saved = { fetch: globalThis.fetch, streaming: WebAssembly.compileStreaming, compile: WebAssembly.compile };
  const calls = { fetch: [], streaming: 0, compile: 0 };
  globalThis.fetch = async (url) => {
    calls.fetch.push(String(url));
    return new Response(contentType.startsWith('text/html') ? '<!doctype html><p>app</p>' : wasm, { headers: { 'content-type': contentType } });
  };
  WebAssembly.compileStreaming = (...args) => { calls.streaming += 1; return saved.streaming.apply(WebAssembly, args); };
  WebAssembly.compile = (...args) => { calls.compile += 1; return saved.compile.apply(WebAssembly, args); };
  try {
    return { result: await body(), calls };
  } finally {
    globalThis.fetch = saved.fetch;
    WebAssembly.compileStreaming = saved.streaming;
    WebAssembly.compile = saved.compile;
  }
}

test('application/wasm: the response is compiled streaming', async () => {
  const { result, calls } = await served('application/wasm', () => compileWasm('http://127.0.0.1:1/pocketdynamo.wasm'));
  assert.ok(result instanceof WebAssembly.Module);
  assert.equal(calls.streaming, 1); // (Node's compileStreaming calls compile itself, so that count says nothing here)
});

test('a wrong content type (application/octet-stream): the bytes are compiled instead', async () => {
  const { result, calls } = await served('application/octet-stream', () => compileWasm('http://127.0.0.1:1/pocketdynamo.wasm'));
  assert.ok(result instanceof WebAssembly.Module);
  assert.deepEqual([calls.streaming, calls.compile], [0, 1]);
});

test('no content type at all: the bytes are compiled instead', async () => {
  const { result, calls } = await served('', () => compileWasm('http://127.0.0.1:1/pocketdynamo.wasm'));
  assert.ok(result instanceof WebAssembly.Module);
  assert.deepEqual([calls.streaming, calls.compile], [0, 1]);
});

test('an HTML page in place of the wasm is refused before any compile', async () => {
  const { calls } = await served('text/html; charset=utf-8', () => assert.rejects(
    compileWasm('http://127.0.0.1:1/pocketdynamo.wasm'), /answered with an HTML page, not the engine's wasm/));
  assert.deepEqual([calls.streaming, calls.compile], [0, 0]);
});

test('loadEngineModule over http: fetches the wasm once and gives a working engine', async () => {
  const url = 'http://127.0.0.1:1/engine-over-http/pocketdynamo.wasm';
  const { result: module, calls } = await served('application/wasm', () => loadEngineModule(url));
  assert.deepEqual(calls.fetch, [url]);
  assert.equal(calls.streaming, 1);
  const engine = new module.Engine();
  const answer = engine.execute('ListTables', '{}');
  assert.equal(answer.ok, true);
  assert.deepEqual(JSON.parse(answer.body), { TableNames: [] });
  engine.delete();
});
