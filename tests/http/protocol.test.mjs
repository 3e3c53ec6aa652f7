// The HTTP protocol around the engine: headers, statuses, what DynamoDB answers to requests that
// are not DynamoDB requests, malformed, non-UTF-8 and oversized bodies, CORS off by default,
// internal errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { crc32, crc32Table } from '../../web/src/server/crc32.js';
import { dynamoDBListener, MAX_BODY_BYTES } from '../../web/src/server/http-protocol.js';
import { post, startEndpoint, usersTable } from '../support/http.mjs';

let endpoint;
test.before(async () => {
  endpoint = await startEndpoint();
});
test.after(() => endpoint.close());

const bodyOf = async (response) => JSON.parse(await response.text());

// A raw request with node:http (fetch cannot send some of these), resolving to { status, headers, body }.
function rawRequest(url, { method = 'POST', headers = {}, body, chunks } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false }, (response) => {
      const parts = [];
      response.on('data', (part) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(parts) }));
    });
    request.on('error', reject);
    if (chunks) {
      for (const chunk of chunks) request.write(chunk);
      request.end();
    } else {
      request.end(body);
    }
  });
}

test('CRC-32 is the IEEE one (zlib): check value of "123456789"', () => {
  const bytes = new TextEncoder().encode('123456789');
  assert.equal(crc32Table(bytes), 0xcbf43926);
  assert.equal(crc32(bytes), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

test('a response has x-amzn-RequestId, x-amz-crc32 of its body bytes, content type and length', async () => {
  const response = await post(endpoint.url, 'ListTables', {});
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual(JSON.parse(bytes), { TableNames: [] });
  assert.equal(response.headers.get('x-amz-crc32'), String(crc32Table(bytes)));
  assert.equal(response.headers.get('content-length'), String(bytes.length));
  assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.0');
  assert.match(response.headers.get('x-amzn-requestid'), /^[A-Z0-9]{52}$/);
  const again = await post(endpoint.url, 'ListTables', {});
  assert.notEqual(again.headers.get('x-amzn-requestid'), response.headers.get('x-amzn-requestid'));
});

test('the CRC covers UTF-8 bytes, not UTF-16 code units', async () => {
  const name = 'Crc_ünï';
  const response = await post(endpoint.url, 'DescribeTable', { TableName: name });
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('x-amz-crc32'), String(crc32Table(bytes)));
});

test('a client error is a 400 with DynamoDB\'s body', async () => {
  const response = await post(endpoint.url, 'DescribeTable', { TableName: 'Missing' });
  assert.equal(response.status, 400);
  assert.deepEqual(await bodyOf(response), {
    __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
    message: 'Requested resource not found: Table: Missing not found',
  });
});

test('application/json is accepted too, and answered in kind; charset parameters are ignored', async () => {
  const json = await post(endpoint.url, 'ListTables', {}, { 'content-type': 'application/json' });
  assert.equal(json.status, 200);
  assert.equal(json.headers.get('content-type'), 'application/json');
  const withCharset = await post(endpoint.url, 'ListTables', {}, { 'content-type': 'application/x-amz-json-1.0; charset=utf-8' });
  assert.equal(withCharset.status, 200);
  assert.equal(withCharset.headers.get('content-type'), 'application/x-amz-json-1.0');
});

test('GET is DynamoDB\'s health check', async () => {
  const response = await fetch(`${endpoint.url}/`);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'healthy: dynamodb.us-east-1.amazonaws.com ');
  assert.equal(response.headers.get('x-amz-crc32'), '3128867991');
});

test('another method, or a body of another content type, is a 404 <UnknownOperationException/>', async () => {
  for (const method of ['PUT', 'DELETE', 'PATCH']) {
    const response = await rawRequest(endpoint.url, { method, headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-length': '2' }, body: '{}' });
    assert.equal(response.status, 404, method);
    assert.equal(response.body.toString(), '<UnknownOperationException/>\n');
    assert.equal(response.headers['x-amz-crc32'], '3552371480');
  }
  const text = await post(endpoint.url, 'ListTables', {}, { 'content-type': 'text/plain' });
  assert.equal(text.status, 404);
  assert.equal(await text.text(), '<UnknownOperationException/>\n');
  const none = await rawRequest(endpoint.url, { headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-length': '2' }, body: '{}' });
  assert.equal(none.status, 404);
});

test('a missing or foreign X-Amz-Target is UnknownOperationException', async () => {
  for (const target of [undefined, 'DynamoDB_20111205.ListTables', 'ListTables', 'DynamoDB_20120810.', 'DynamoDB_20120810.listTables',
    'DynamoDB_20120810.PocketDynamo_SweepExpiredItems']) { // the engine's own operations are not DynamoDB's
    const headers = { 'content-type': 'application/x-amz-json-1.0' };
    if (target) headers['x-amz-target'] = target;
    const response = await fetch(endpoint.url, { method: 'POST', headers, body: '{}' });
    assert.equal(response.status, 400, String(target));
    assert.equal((await bodyOf(response)).__type, 'com.amazon.coral.service#UnknownOperationException');
  }
});

test('malformed bodies are SerializationException, never a crash', async () => {
  for (const body of ['{not json', '', '[]', '"text"', '{"TableName": ', '\u0000', '{"Limit": 1e999999}']) {
    const response = await post(endpoint.url, 'ListTables', body);
    assert.equal(response.status, 400, JSON.stringify(body));
    const type = (await bodyOf(response)).__type;
    assert.match(type, /#(SerializationException|ValidationException)$/, JSON.stringify(body));
  }
  // Bytes that are not UTF-8, and a JSON escape of a lone surrogate.
  const invalid = await rawRequest(endpoint.url, {
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.DescribeTable' },
    body: Buffer.from([0x7b, 0x22, 0x54, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
  });
  assert.equal(invalid.status, 400);
  assert.deepEqual(JSON.parse(invalid.body), {
    __type: 'com.amazon.coral.service#SerializationException',
    Message: 'The request body is not valid UTF-8', // DynamoDB's spelling for this type
  });
  const surrogate = await post(endpoint.url, 'DescribeTable', '{"TableName":"a\\ud800b"}');
  assert.equal(surrogate.status, 400);
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('a body of exactly 16 MB is read; one byte more is a 413, and the server goes on', async () => {
  const prefix = '{"ExclusiveStartTableName":"abc","Pad":"';
  const exact = prefix + 'x'.repeat(MAX_BODY_BYTES - prefix.length - 2) + '"}';
  assert.equal(Buffer.byteLength(exact), MAX_BODY_BYTES);
  const ok = await post(endpoint.url, 'ListTables', exact);
  assert.equal(ok.status, 200);
  assert.deepEqual(await bodyOf(ok), { TableNames: [] });

  const declared = await post(endpoint.url, 'ListTables', exact + ' ');
  assert.equal(declared.status, 413);

  // Chunked (no Content-Length): refused once it has streamed in.
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const chunks = Array.from({ length: 17 }, () => chunk);
  const streamed = await rawRequest(endpoint.url, {
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', 'transfer-encoding': 'chunked' },
    chunks,
  });
  // The rest of the body is read and dropped before the 413 goes out: never a reset.
  assert.equal(streamed.status, 413);
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('garbage on the socket gets a 400 from the HTTP parser; the server goes on', async () => {
  const reply = await new Promise((resolve, reject) => {
    const socket = net.connect(new URL(endpoint.url).port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    let text = '';
    socket.on('data', (data) => { text += data; });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  assert.match(reply, /^HTTP\/1\.1 400/);
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('a client that leaves mid-body does not disturb the server', async () => {
  await new Promise((resolve) => {
    const socket = net.connect(new URL(endpoint.url).port, '127.0.0.1', () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n'
        + 'X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 100\r\n\r\n{"Li');
      setTimeout(() => { socket.destroy(); resolve(); }, 50);
    });
  });
  assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
});

test('CORS is off by default: a preflight gets no Access-Control-* answer, a page\'s request is refused (see access.test.mjs)', async () => {
  const preflight = await fetch(endpoint.url, {
    method: 'OPTIONS',
    headers: { origin: 'http://example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
  });
  assert.equal(preflight.status, 403);
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  assert.equal(preflight.headers.get('access-control-allow-methods'), null);
  assert.equal(preflight.headers.get('access-control-allow-headers'), null);
  const response = await post(endpoint.url, 'ListTables', {}, { origin: 'http://example.test' });
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('access-control-allow-origin'), null);
  assert.equal(response.headers.get('access-control-expose-headers'), null);
  const plain = await post(endpoint.url, 'ListTables', {});
  assert.equal(plain.headers.get('access-control-allow-origin'), null);
});

test('keys that differ only in bytes that are not UTF-8 are refused, never merged into one U+FFFD key', async () => {
  const table = { ...usersTable, TableName: 'Utf8Keys' };
  assert.equal((await post(endpoint.url, 'CreateTable', table)).status, 200);
  const putWithKeyBytes = (bytes, name) => rawRequest(endpoint.url, {
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
    body: Buffer.concat([
      Buffer.from('{"TableName":"Utf8Keys","Item":{"UserId":{"S":"a'), Buffer.from(bytes),
      Buffer.from(`"},"Email":{"S":"e"},"Name":{"S":"${name}"}}}`),
    ]),
  });
  for (const [bytes, name] of [[[0xff], 'first'], [[0xfe], 'second'], [[0xc3], 'truncated'], [[0xed, 0xa0, 0x80], 'surrogate']]) {
    const response = await putWithKeyBytes(bytes, name);
    assert.equal(response.status, 400, name);
    assert.equal(JSON.parse(response.body).__type, 'com.amazon.coral.service#SerializationException', name);
  }
  const scan = await (await post(endpoint.url, 'Scan', { TableName: 'Utf8Keys' })).json();
  assert.equal(scan.Count, 0);
  assert.equal((await post(endpoint.url, 'DeleteTable', { TableName: 'Utf8Keys' })).status, 200);
});

test('an unexpected failure is a 500 InternalServerError, and is reported', async () => {
  const reported = [];
  const server = http.createServer(dynamoDBListener({
    execute: async () => { throw new Error('boom'); },
    onError: (error) => reported.push(error.message),
  }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await post(`http://127.0.0.1:${server.address().port}`, 'ListTables', {});
    assert.equal(response.status, 500);
    assert.deepEqual(await bodyOf(response), { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' });
    assert.deepEqual(reported, ['boom']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
