// Web pages and host names: CORS is off unless origins are allowed, a request from a page of
// another origin is refused, and the Host header must name the endpoint (against DNS
// rebinding). The in-page request handler, which has no Host, is not concerned.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PocketDynamo } from 'pocketdynamo';
import { ALLOWED_HEADERS } from '../../web/src/server/access.js';
import { dynamoDBListener } from '../../web/src/server/http-protocol.js';
import { post, startEndpoint, usersTable } from '../support/http.mjs';
import { dynamoHeaders, rawRequest } from './raw-http.mjs';

const PAGE = 'http://localhost:5173';
const listTables = (url, headers = {}) => rawRequest(url, { headers: dynamoHeaders('ListTables', headers), body: '{}' });
const preflightFrom = (url, origin, requestHeaders = 'content-type,x-amz-target') => rawRequest(url, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
});
const corsHeaderNames = (headers) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

async function tableNames(url) {
  return (await (await post(url, 'ListTables', {})).json()).TableNames;
}

test('CORS is off by default: no Access-Control-* header, no preflight answer, a page\'s request refused and not run', async (t) => {
  const endpoint = await startEndpoint();
  t.after(() => endpoint.close());
  const plain = await listTables(endpoint.url);
  assert.equal(plain.status, 200);
  assert.deepEqual(corsHeaderNames(plain.headers), []);

  const preflight = await preflightFrom(endpoint.url, PAGE);
  assert.equal(preflight.status, 403);
  assert.deepEqual(corsHeaderNames(preflight.headers), []);

  const fromPage = await rawRequest(endpoint.url, { headers: dynamoHeaders('CreateTable', { origin: PAGE }), body: JSON.stringify(usersTable) });
  assert.equal(fromPage.status, 403);
  assert.deepEqual(corsHeaderNames(fromPage.headers), []);
  assert.equal(fromPage.json().__type, 'com.amazon.coral.service#AccessDeniedException');
  assert.match(fromPage.json().message, /Origin 'http:\/\/localhost:5173' may not call this endpoint \(CORS is off\).*--cors-origin http:\/\/localhost:5173/);
  assert.deepEqual(await tableNames(endpoint.url), []);
});

test('with corsOrigins, an allowed origin gets its own Access-Control-Allow-Origin; others are refused', async (t) => {
  const endpoint = await startEndpoint({ corsOrigins: [PAGE, 'https://App.Example'] }); // origins compare case-insensitively
  t.after(() => endpoint.close());
  for (const origin of [PAGE, 'https://app.example']) {
    const response = await listTables(endpoint.url, { origin });
    assert.equal(response.status, 200);
    assert.equal(response.headers['access-control-allow-origin'], origin);
    assert.equal(response.headers.vary, 'Origin');
    assert.match(response.headers['access-control-expose-headers'], /x-amzn-RequestId/);
  }
  const other = await listTables(endpoint.url, { origin: 'http://localhost:8080' });
  assert.equal(other.status, 403);
  assert.deepEqual(corsHeaderNames(other.headers), []);
  assert.match(other.json().message, /CORS is limited to --cors-origin/);
  const sandboxed = await listTables(endpoint.url, { origin: 'null' });
  assert.equal(sandboxed.status, 403);
});

test('the preflight allows POST and the headers the SDK sends, not any header asked for', async (t) => {
  const endpoint = await startEndpoint({ corsOrigins: [PAGE] });
  t.after(() => endpoint.close());
  const preflight = await preflightFrom(endpoint.url, PAGE, 'content-type,x-amz-target,x-evil-header');
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers['access-control-allow-origin'], PAGE);
  assert.equal(preflight.headers['access-control-allow-methods'], 'POST');
  const allowed = preflight.headers['access-control-allow-headers'].split(', ');
  assert.deepEqual(allowed, ALLOWED_HEADERS);
  for (const name of ['authorization', 'content-type', 'x-amz-date', 'x-amz-target', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request']) {
    assert.ok(allowed.includes(name), name);
  }
  assert.ok(!allowed.includes('x-evil-header'));
  const refused = await preflightFrom(endpoint.url, 'http://other.example');
  assert.equal(refused.status, 403);
  assert.deepEqual(corsHeaderNames(refused.headers), []);
});

test('corsOrigins ["*"] lets any page in, with Access-Control-Allow-Origin: *', async (t) => {
  const endpoint = await startEndpoint({ corsOrigins: ['*'] });
  t.after(() => endpoint.close());
  const response = await listTables(endpoint.url, { origin: 'http://anything.example:1234' });
  assert.equal(response.status, 200);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  const preflight = await preflightFrom(endpoint.url, 'http://anything.example:1234');
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers['access-control-allow-origin'], '*');
});

test('Host: the bound address, and localhost, 127.0.0.1, [::1] at the bound port on a loopback bind, are accepted', async (t) => {
  const endpoint = await startEndpoint();
  t.after(() => endpoint.close());
  const { port } = new URL(endpoint.url);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
    const response = await listTables(endpoint.url, { host });
    assert.equal(response.status, 200, host);
  }
});

test('Host: a rebinding-style name, or another port, is refused with 403 AccessDeniedException and runs nothing', async (t) => {
  const endpoint = await startEndpoint();
  t.after(() => endpoint.close());
  const { port } = new URL(endpoint.url);
  for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost:${Number(port) + 1}`, 'localhost', `127.0.0.2:${port}`]) {
    const response = await rawRequest(endpoint.url, { headers: dynamoHeaders('CreateTable', { host }), body: JSON.stringify(usersTable) });
    assert.equal(response.status, 403, host);
    const body = response.json();
    assert.equal(body.__type, 'com.amazon.coral.service#AccessDeniedException');
    assert.match(body.message, /is not a name this endpoint serves \(refused against DNS rebinding\).*--allow-host/);
  }
  // The health check is behind the same check.
  assert.equal((await rawRequest(endpoint.url, { method: 'GET', headers: { host: `evil.example:${port}` } })).status, 403);
  assert.deepEqual(await tableNames(endpoint.url), []);
});

test('Host: allowHosts names are accepted at any port (behind a proxy), case-insensitively', async (t) => {
  const endpoint = await startEndpoint({ allowHosts: ['DynamoDB.proxy.example'] });
  t.after(() => endpoint.close());
  for (const host of ['dynamodb.proxy.example', 'dynamodb.proxy.example:443', 'DYNAMODB.PROXY.EXAMPLE:8000']) {
    assert.equal((await listTables(endpoint.url, { host })).status, 200, host);
  }
  assert.equal((await listTables(endpoint.url, { host: 'other.proxy.example' })).status, 403);
});

test('Host: on a wildcard bind, the address the connection came to and localhost are accepted, a rebinding name is not', async (t) => {
  const endpoint = await startEndpoint({ host: '0.0.0.0' });
  t.after(() => endpoint.close());
  const { port } = new URL(endpoint.url);
  const url = `http://127.0.0.1:${port}`;
  assert.equal((await listTables(url)).status, 200);
  assert.equal((await listTables(url, { host: `localhost:${port}` })).status, 200);
  assert.equal((await listTables(url, { host: `attacker.example:${port}` })).status, 403);
});

test('Host: a host name the server was bound by (--host NAME) is accepted at the bound port only', async (t) => {
  const server = http.createServer(dynamoDBListener({ execute: async () => ({ ok: true, body: '{"TableNames":[]}' }), boundName: 'MyHost.lan' }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  assert.equal((await listTables(url, { host: `myhost.lan:${port}` })).status, 200);
  assert.equal((await listTables(url, { host: `myhost.lan:${port + 1}` })).status, 403);
  assert.equal((await listTables(url, { host: `evil.example:${port}` })).status, 403);
});

test('the in-page request handler (no Host, no network) is not affected by the Host or Origin checks', async () => {
  const db = await PocketDynamo.open({ name: 'handler-access', storage: 'memory' });
  try {
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://evil.example:1234',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      requestHandler: db.requestHandler(),
    });
    assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
    client.destroy();
  } finally {
    await db.close();
  }
});
