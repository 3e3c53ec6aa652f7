// Storage failures over HTTP: a full disk or quota, and any other storage failure, is a 500
// InternalServerError that says what failed (SDKs retry it with backoff, so a client recovers
// once space is freed); the error also goes to onError. Driven by a fake `execute` that rejects.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { StorageError, StorageQuotaExceededError } from '../../web/src/errors.js';
import { dynamoDBListener } from '../../web/src/server/http-protocol.js';
import { post, sdkConfig } from '../support/http.mjs';

const INTERNAL = 'com.amazonaws.dynamodb.v20120810#InternalServerError';

// Serves `execute` on a free port; resolves to { url, reported, close }.
async function serve(execute) {
  const reported = [];
  const server = http.createServer(dynamoDBListener({ execute, onError: (error) => reported.push(error) }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    reported,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

const putBody = { TableName: 'T', Item: { id: { S: 'x' } } };

test('a full storage (StorageQuotaExceededError) is a 500 InternalServerError saying so, with the original message', async (t) => {
  const failure = new StorageQuotaExceededError('PocketDynamo storage is full (flush): ENOSPC: no space left on device');
  const endpoint = await serve(async () => { throw failure; });
  t.after(() => endpoint.close());
  const response = await post(endpoint.url, 'PutItem', putBody);
  assert.equal(response.status, 500);
  const body = await response.json();
  assert.equal(body.__type, INTERNAL);
  assert.match(body.message, /^Storage is full: the write was not applied/);
  assert.ok(body.message.includes(failure.message), body.message);
  assert.deepEqual(endpoint.reported, [failure]);
});

test('an error named StorageQuotaExceededError from elsewhere (another copy of the package) is treated the same', async (t) => {
  const failure = Object.assign(new Error('quota exceeded'), { name: 'StorageQuotaExceededError' });
  const endpoint = await serve(async () => { throw failure; });
  t.after(() => endpoint.close());
  const body = await (await post(endpoint.url, 'PutItem', putBody)).json();
  assert.equal(body.__type, INTERNAL);
  assert.match(body.message, /^Storage is full: the write was not applied.*quota exceeded$/);
});

test('another storage failure is a 500 InternalServerError saying what failed, not the generic text', async (t) => {
  const failure = new StorageError('PocketDynamo storage failed (flush): EIO: i/o error, write');
  const endpoint = await serve(async () => { throw failure; });
  t.after(() => endpoint.close());
  const response = await post(endpoint.url, 'PutItem', putBody);
  assert.equal(response.status, 500);
  const body = await response.json();
  assert.equal(body.__type, INTERNAL);
  assert.equal(body.message, `Storage failed: the request was not applied. ${failure.message}`);
  assert.deepEqual(endpoint.reported, [failure]);
});

test('the AWS SDK retries the storage 500, so a write goes through once space is back', async (t) => {
  let calls = 0;
  const endpoint = await serve(async () => {
    calls += 1;
    if (calls < 3) throw new StorageQuotaExceededError('PocketDynamo storage is full (flush): QuotaExceededError');
    return { ok: true, body: '{}' };
  });
  t.after(() => endpoint.close());
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { maxAttempts: 3 }));
  const output = await client.send(new PutItemCommand(putBody));
  client.destroy();
  assert.equal(output.$metadata.attempts, 3);
  assert.equal(calls, 3);
  assert.equal(endpoint.reported.length, 2);
});
