// Many clients at once: requests run one at a time on the engine, and the server keeps accepting
// (a client stalled mid-body holds nobody up).
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { post, startEndpoint, usersTable } from '../support/http.mjs';

const CONCURRENCY = 64;

test(`${CONCURRENCY} concurrent clients, each on its own connection, while one client stalls mid-body`, async (t) => {
  const endpoint = await startEndpoint();
  t.after(() => endpoint.close());
  assert.equal((await post(endpoint.url, 'CreateTable', usersTable)).status, 200);

  // A client that sent half a body and waits.
  const stalled = net.connect(new URL(endpoint.url).port, '127.0.0.1');
  await new Promise((resolve) => stalled.once('connect', resolve));
  // Host: the endpoint's own (another name is refused against DNS rebinding).
  stalled.write(`POST / HTTP/1.1\r\nHost: ${new URL(endpoint.url).host}\r\nContent-Type: application/x-amz-json-1.0\r\n`
    + 'X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{');
  t.after(() => stalled.destroy());

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  t.after(() => agent.destroy());
  const send = (operation, body) => new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const request = http.request(endpoint.url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`, 'content-length': Buffer.byteLength(text) },
    }, (response) => {
      let data = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { data += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(data) }));
    });
    request.on('error', reject);
    request.end(text);
  });

  for (let round = 0; round < 4; round++) {
    const ids = Array.from({ length: CONCURRENCY }, (_, i) => `user-${round}-${i}`);
    const puts = await Promise.all(ids.map((id) => send('PutItem', {
      TableName: 'Users', Item: { UserId: { S: id }, Email: { S: `${id}@example.com` }, Round: { N: String(round) } },
    })));
    assert.ok(puts.every((response) => response.status === 200));
    const gets = await Promise.all(ids.map((id) => send('GetItem', { TableName: 'Users', Key: { UserId: { S: id }, Email: { S: `${id}@example.com` } } })));
    gets.forEach((response, i) => {
      assert.equal(response.status, 200);
      assert.equal(response.body.Item.UserId.S, ids[i]);
    });
  }
  assert.ok(Object.values(agent.sockets).flat().length + Object.values(agent.freeSockets).flat().length > 1, 'used several connections');
  const scan = await send('Scan', { TableName: 'Users', Select: 'COUNT' });
  assert.equal(scan.body.Count, 4 * CONCURRENCY);

  // The stalled client can still finish its request.
  const reply = new Promise((resolve) => {
    let text = '';
    stalled.on('data', (data) => {
      text += data;
      if (text.includes('TableNames')) resolve(text);
    });
  });
  stalled.write('}');
  assert.match(await reply, /^HTTP\/1\.1 200[\s\S]*\{"TableNames":\["Users"\]\}/);
});
