// Who may call. By default any request is accepted, signed with any keys or not signed (as
// DynamoDB Local). With accessKeyIds (--access-key-ids), only requests signed with one of them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { post, sdkConfig, startEndpoint } from '../support/http.mjs';

const signedBy = (keyId) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${keyId}/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc`,
  'x-amz-date': '20240101T000000Z',
});

test('by default, signed requests with any keys and unsigned requests are accepted', async () => {
  const endpoint = await startEndpoint();
  try {
    const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: { accessKeyId: 'anything', secretAccessKey: 'at all' } }));
    assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
    client.destroy();
    assert.equal((await post(endpoint.url, 'ListTables', {})).status, 200);
  } finally {
    await endpoint.close();
  }
});

test('with accessKeyIds, only requests signed with one of them get through', async (t) => {
  const endpoint = await startEndpoint({ accessKeyIds: ['local', 'other'] });
  t.after(() => endpoint.close());
  for (const accessKeyId of ['local', 'other']) {
    const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: { accessKeyId, secretAccessKey: 'whatever' } }));
    assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
    client.destroy();
  }

  const stranger = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' } }));
  await assert.rejects(stranger.send(new ListTablesCommand({})), (error) => {
    assert.equal(error.name, 'UnrecognizedClientException');
    assert.equal(error.message, 'The security token included in the request is invalid.');
    assert.equal(error.$metadata.httpStatusCode, 400);
    return true;
  });
  stranger.destroy();

  const unsigned = await post(endpoint.url, 'ListTables', {});
  assert.equal(unsigned.status, 400);
  assert.deepEqual(await unsigned.json(), {
    __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
    message: 'Request is missing Authentication Token',
  });
  // An Authorization header that is not SigV4 does not count as a signature.
  const basic = await post(endpoint.url, 'ListTables', {}, { authorization: 'Basic bG9jYWw6eA==' });
  assert.equal((await basic.json()).__type, 'com.amazon.coral.service#MissingAuthenticationTokenException');
  // Presigned-URL style credentials are read from the query string.
  const presigned = await post(`${endpoint.url}/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F20240101%2Fus-east-1%2Fdynamodb%2Faws4_request`, 'ListTables', {});
  assert.equal(presigned.status, 200);
  assert.equal((await post(endpoint.url, 'ListTables', {}, signedBy('other'))).status, 200);
});

test('a malformed body or an unknown operation is reported before a missing signature, as DynamoDB does', async (t) => {
  const endpoint = await startEndpoint({ accessKeyIds: ['local'] });
  t.after(() => endpoint.close());
  const malformed = await post(endpoint.url, 'ListTables', '{oops');
  assert.equal(malformed.status, 400);
  assert.equal((await malformed.json()).__type, 'com.amazon.coral.service#SerializationException');
  const unknown = await post(endpoint.url, 'Frobnicate', {});
  assert.equal((await unknown.json()).__type, 'com.amazon.coral.service#UnknownOperationException');
  // A well-formed request for a real operation is refused, and changes nothing.
  const create = await post(endpoint.url, 'CreateTable', {
    TableName: 'Sneaky',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }, signedBy('intruder'));
  assert.equal((await create.json()).__type, 'com.amazon.coral.service#UnrecognizedClientException');
  const list = await post(endpoint.url, 'ListTables', {}, signedBy('local'));
  assert.deepEqual(await list.json(), { TableNames: [] });
});
