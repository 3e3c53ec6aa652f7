// The HTTP surface around the operations: compressed request bodies (Content-Encoding) and
// responses (Accept-Encoding, 4 KB and over, x-amz-crc32 over the bytes sent), the Server
// header, the GET health check, the signed region, and headers too large to read.
import test from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { CreateTableCommand, DescribeEndpointsCommand } from '@aws-sdk/client-dynamodb';
import { crc32Table } from '../../web/src/server/crc32.js';
import { startEndpoint } from '../support/http.mjs';
import { dynamoHeaders, rawRequest, sdkSignedRequest } from './raw-http.mjs';

const table = {
  TableName: 'Things',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
};

async function withEndpoint(options, run) {
  const endpoint = await startEndpoint(options);
  try {
    await run(endpoint);
  } finally {
    await endpoint.close();
  }
}

const send = (url, operation, body, headers = {}) => rawRequest(url, { headers: dynamoHeaders(operation, headers), body });

test('a gzip or deflate request body is decoded by its Content-Encoding', async () => {
  await withEndpoint({}, async ({ url }) => {
    assert.equal((await send(url, 'CreateTable', JSON.stringify(table))).status, 200);
    const put = (pk) => JSON.stringify({ TableName: 'Things', Item: { pk: { S: pk } } });
    assert.equal((await send(url, 'PutItem', zlib.gzipSync(put('g')), { 'content-encoding': 'gzip' })).status, 200);
    assert.equal((await send(url, 'PutItem', zlib.deflateSync(put('d')), { 'content-encoding': 'deflate' })).status, 200);
    // Two gzip members one after the other are one body.
    const text = put('two');
    const twoMembers = Buffer.concat([zlib.gzipSync(text.slice(0, 10)), zlib.gzipSync(text.slice(10))]);
    assert.equal((await send(url, 'PutItem', twoMembers, { 'content-encoding': 'gzip' })).status, 200);
    const scan = (await send(url, 'Scan', JSON.stringify({ TableName: 'Things' }))).json();
    assert.deepEqual(scan.Items.map((item) => item.pk.S).sort(), ['d', 'g', 'two']);
  });
});

test('a body that is not in its Content-Encoding, or an unknown encoding, is a 500 and writes nothing', async () => {
  await withEndpoint({}, async ({ url }) => {
    await send(url, 'CreateTable', JSON.stringify(table));
    const body = JSON.stringify({ TableName: 'Things', Item: { pk: { S: 'x' } } });
    for (const [encoding, bytes] of [['gzip', body], ['gzip', zlib.gzipSync(body).subarray(0, -1)], ['gzip', ''], ['garbage', body]]) {
      const response = await send(url, 'PutItem', bytes, { 'content-encoding': encoding });
      assert.equal(response.status, 500, encoding);
      assert.match(response.json().__type, /#InternalServerError$/);
    }
    assert.equal((await send(url, 'Scan', JSON.stringify({ TableName: 'Things' }))).json().Count, 0);
  });
});

test('a compressed body that decodes past the body limit is a 413', async () => {
  await withEndpoint({ maxBodyBytes: 1024 }, async ({ url }) => {
    const padded = `{"TableName":"Things"${' '.repeat(4096)}}`;
    assert.equal((await send(url, 'DescribeTable', zlib.gzipSync(padded), { 'content-encoding': 'gzip' })).status, 413);
  });
});

test('responses of 4 KB and more are compressed as Accept-Encoding asks; x-amz-crc32 is over the bytes sent', async () => {
  await withEndpoint({}, async ({ url }) => {
    await send(url, 'CreateTable', JSON.stringify(table));
    await send(url, 'PutItem', JSON.stringify({ TableName: 'Things', Item: { pk: { S: 'big' }, x: { S: 'x'.repeat(5000) } } }));
    const get = JSON.stringify({ TableName: 'Things', Key: { pk: { S: 'big' } } });
    for (const [accept, coding, inflate] of [['gzip', 'gzip', zlib.gunzipSync], ['br, deflate', 'deflate', zlib.inflateSync],
      ['*', 'gzip', zlib.gunzipSync]]) {
      const response = await send(url, 'GetItem', get, { 'accept-encoding': accept });
      assert.equal(response.headers['content-encoding'], coding, accept);
      assert.equal(response.headers['x-amz-crc32'], String(crc32Table(response.body)));
      assert.equal(JSON.parse(inflate(response.body)).Item.x.S.length, 5000);
    }
    for (const accept of [undefined, 'identity', 'gzip;q=0', 'br']) {
      const headers = accept === undefined ? {} : { 'accept-encoding': accept };
      const response = await send(url, 'GetItem', get, headers);
      assert.equal(response.headers['content-encoding'], undefined, String(accept));
      assert.equal(response.json().Item.x.S.length, 5000);
    }
    // A small response stays as it is.
    const small = await send(url, 'DescribeTable', JSON.stringify({ TableName: 'Things' }), { 'accept-encoding': 'gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal(small.json().Table.TableName, 'Things');
  });
});

test('every answer carries the Server header DynamoDB sends, and GET / is the health check', async () => {
  await withEndpoint({}, async ({ url }) => {
    const listed = await send(url, 'ListTables', '{}');
    assert.equal(listed.headers.server, 'Server');
    const health = await rawRequest(url, { method: 'GET' });
    assert.equal(health.status, 200);
    assert.equal(health.headers.server, 'Server');
    assert.equal(health.body.toString(), 'healthy: dynamodb.us-east-1.amazonaws.com ');
  });
});

test('a request is answered for the region it was signed for; an unsigned one for the database region', async () => {
  await withEndpoint({}, async ({ url }) => {
    const credentials = { accessKeyId: 'id', secretAccessKey: 'secret' };
    const signed = await sdkSignedRequest(url, { credentials, region: 'eu-west-3', command: new CreateTableCommand(table) });
    const created = await rawRequest(url, { headers: signed.headers, body: signed.body });
    assert.equal(created.json().TableDescription.TableArn, 'arn:aws:dynamodb:eu-west-3:000000000000:table/Things');
    const other = await sdkSignedRequest(url, { credentials, region: 'ap-south-1', command: new CreateTableCommand({ ...table, TableName: 'Other' }) });
    assert.equal((await rawRequest(url, { headers: other.headers, body: other.body })).json().TableDescription.TableArn,
      'arn:aws:dynamodb:ap-south-1:000000000000:table/Other');
    const unsigned = await send(url, 'CreateTable', JSON.stringify({ ...table, TableName: 'Plain' }));
    assert.equal(unsigned.json().TableDescription.TableArn, 'arn:aws:dynamodb:local:000000000000:table/Plain');
    const described = await sdkSignedRequest(url, { credentials, region: 'ap-south-1', command: new DescribeEndpointsCommand({}) });
    const endpoints = await rawRequest(url, { headers: described.headers, body: described.body });
    assert.equal(endpoints.json().Endpoints[0].Address, 'dynamodb.ap-south-1.amazonaws.com');
  });
});

test('request headers too large to read are refused with a 431, and the server goes on', async () => {
  await withEndpoint({}, async ({ url }) => {
    const response = await rawRequest(url, { headers: dynamoHeaders('ListTables', { 'x-big': 'a'.repeat(64 * 1024) }), body: '{}' });
    assert.equal(response.status, 431);
    assert.equal((await send(url, 'ListTables', '{}')).status, 200);
  });
});
