// Bodies too big or too slow: an oversized body is read to its end (within a bound) so the 413
// reaches the client instead of a reset, and a body that trickles or stalls is cut after the
// body timeout with a 408; the server goes on either way.
import test from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { dynamoDBListener } from '../../web/src/server/http-protocol.js';
import { post, startEndpoint } from '../support/http.mjs';
import { dynamoHeaders, rawRequest } from './raw-http.mjs';

const TWENTY_MB = 20 * 1024 * 1024;

// Opens a socket, writes `head`, then calls `feed(socket)`; resolves once the server closes the
// connection to { reply: everything it sent, errors: the socket's error codes (EPIPE when the
// server closed while the client was still writing, ECONNRESET when it reset the connection) }.
function exchange(url, head, feed = () => {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
    let reply = '';
    const errors = [];
    socket.on('data', (data) => { reply += data; });
    socket.on('error', (error) => errors.push(error.code));
    socket.on('close', () => resolve({ reply, errors }));
    socket.on('connect', () => {
      socket.write(head);
      feed(socket);
    });
    socket.setTimeout(30_000, () => reject(new Error(`no close; got ${JSON.stringify(reply)}`)));
  });
}

const headOf = (url, length) => `POST / HTTP/1.1\r\nHost: ${new URL(url).host}\r\n`
  + 'Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n'
  + `${length === undefined ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`}\r\n\r\n`;

test('a 20 MB body gets its 413 and the client finishes sending first (no EPIPE, no reset): 16 times, with Content-Length and chunked', async (t) => {
  const endpoint = await startEndpoint();
  t.after(() => endpoint.close());
  const body = Buffer.alloc(TWENTY_MB, 0x20);
  const megabyte = 1024 * 1024;
  for (let round = 0; round < 16; round++) {
    const chunked = round % 2 === 1;
    const { reply, errors } = await exchange(endpoint.url, headOf(endpoint.url, chunked ? undefined : TWENTY_MB), (socket) => {
      if (!chunked) {
        socket.write(body);
        return;
      }
      for (let at = 0; at < TWENTY_MB; at += megabyte) {
        socket.write(`${megabyte.toString(16)}\r\n`);
        socket.write(body.subarray(at, at + megabyte));
        socket.write('\r\n');
      }
      socket.write('0\r\n\r\n');
    });
    assert.match(reply, /^HTTP\/1\.1 413 /, `round ${round}`);
    assert.match(reply, /\r\nConnection: close\r\n/i, `round ${round}`);
    assert.deepEqual(errors, [], `round ${round}`);
  }
  // And through an HTTP client, both ways of sending.
  const chunks = Array.from({ length: 20 }, (_, i) => body.subarray(i * megabyte, (i + 1) * megabyte));
  assert.equal((await rawRequest(endpoint.url, { headers: dynamoHeaders('ListTables'), body })).status, 413);
  assert.equal((await rawRequest(endpoint.url, { headers: dynamoHeaders('ListTables', { 'transfer-encoding': 'chunked' }), chunks })).status, 413);
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('a body declared far beyond the limit gets the 413 at once, without being read', async (t) => {
  const endpoint = await startEndpoint();
  t.after(() => endpoint.close());
  const { reply } = await exchange(endpoint.url, headOf(endpoint.url, 1024 * 1024 * 1024));
  assert.match(reply, /^HTTP\/1\.1 413 /);
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('a body that stalls is cut after the body timeout: 408 RequestTimeoutException, connection closed', async (t) => {
  const endpoint = await startEndpoint({ bodyTimeoutMs: 200 });
  t.after(() => endpoint.close());
  const { reply } = await exchange(endpoint.url, `${headOf(endpoint.url, 100)}{"Lim`);
  assert.match(reply, /^HTTP\/1\.1 408 /);
  assert.match(reply, /\r\nConnection: close\r\n/i);
  const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
  assert.equal(body.__type, 'com.amazon.coral.service#RequestTimeoutException');
  assert.equal(body.message, 'The request body did not arrive within 0.2 s; the request was not run');
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('a body that trickles (a byte at a time, never done) is cut too', async (t) => {
  const endpoint = await startEndpoint({ bodyTimeoutMs: 200 });
  t.after(() => endpoint.close());
  let timer;
  const { reply } = await exchange(endpoint.url, headOf(endpoint.url), (socket) => {
    timer = setInterval(() => { if (!socket.destroyed) socket.write('1\r\n \r\n'); }, 20);
  });
  clearInterval(timer);
  assert.match(reply, /^HTTP\/1\.1 408 /);
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('the body timeout must be positive', () => {
  for (const bodyTimeoutMs of [0, -1, Number.NaN]) {
    assert.throws(() => dynamoDBListener({ execute: async () => ({ ok: true, body: '{}' }), bodyTimeoutMs }), /bodyTimeoutMs must be a positive number/);
  }
});
