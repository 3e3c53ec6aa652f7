// Who may call. By default any request is accepted, signed with any keys or not signed (as
// DynamoDB Local). With credentials (--credentials ID:SECRET), only requests carrying a valid
// AWS SigV4 signature made with one of them, dated within 15 minutes of the server's clock.
import test from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDBListener } from '../../web/src/server/http-protocol.js';
import { post, sdkConfig, startEndpoint, usersTable } from '../support/http.mjs';
import { dynamoHeaders, rawRequest, sdkSignedRequest } from './raw-http.mjs';

const LOCAL = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local/Secret+Key' };
const OTHER = { accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret' };
const MISMATCH = 'The request signature we calculated does not match the signature you provided. '
  + 'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const coral = (name, message) => ({ __type: `com.amazon.coral.service#${name}`, message });

// An Authorization header dated now, with the given parts (the signature is not computed).
function handMadeAuthorization({ keyId = LOCAL.accessKeyId, service = 'dynamodb', signedHeaders = 'host;x-amz-date;x-amz-target', signature = '0' } = {}) {
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${keyId}/${amzDate.slice(0, 8)}/us-east-1/${service}/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    'x-amz-date': amzDate,
  };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the request was accepted');
}

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

test('with credentials, the AWS SDK signing with a configured key and its secret gets through, in any region', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL, OTHER] });
  t.after(() => endpoint.close());
  for (const [credentials, region] of [[LOCAL, 'us-east-1'], [OTHER, 'eu-west-3']]) {
    const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials, region }));
    await client.send(new PutItemCommand({ TableName: 'Missing', Item: { id: { S: 'x' } } })).catch((error) => {
      assert.equal(error.name, 'ResourceNotFoundException'); // authenticated: the engine answered
    });
    assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
    client.destroy();
  }
});

test('with credentials, a wrong secret is InvalidSignatureException (400, DynamoDB\'s text), and nothing runs', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: { ...LOCAL, secretAccessKey: 'not the secret' } }));
  const error = await rejection(client.send(new PutItemCommand({ TableName: 'Users', Item: { UserId: { S: 'u' }, Email: { S: 'e' } } })));
  client.destroy();
  assert.equal(error.name, 'InvalidSignatureException');
  assert.equal(error.message, MISMATCH);
  assert.equal(error.$metadata.httpStatusCode, 400);
});

test('with credentials, an unknown access key id is UnrecognizedClientException', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: LOCAL.secretAccessKey } }));
  const error = await rejection(client.send(new ListTablesCommand({})));
  client.destroy();
  assert.equal(error.name, 'UnrecognizedClientException');
  assert.equal(error.message, 'The security token included in the request is invalid.');
  assert.equal(error.$metadata.httpStatusCode, 400);
});

test('with credentials, an unsigned request, or one with another kind of Authorization, is MissingAuthenticationTokenException', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const unsigned = await post(endpoint.url, 'ListTables', {});
  assert.equal(unsigned.status, 400);
  assert.deepEqual(await unsigned.json(), coral('MissingAuthenticationTokenException', 'Request is missing Authentication Token'));
  const basic = await post(endpoint.url, 'ListTables', {}, { authorization: 'Basic bG9jYWw6eA==' });
  assert.deepEqual(await basic.json(), coral('MissingAuthenticationTokenException', 'Request is missing Authentication Token'));
});

test('with credentials, a made-up signature (Signature=0, or any hex) is InvalidSignatureException', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  for (const signature of ['0', 'abc', 'f'.repeat(64)]) {
    const response = await post(endpoint.url, 'ListTables', {}, handMadeAuthorization({ signature }));
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), coral('InvalidSignatureException', MISMATCH), signature);
  }
});

test('with credentials, a key id in the query string (presigned style) does not count as a signature', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const query = '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDLOCAL%2F20240101%2Fus-east-1%2Fdynamodb%2Faws4_request'
    + '&X-Amz-Date=20240101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=0';
  const presigned = await post(`${endpoint.url}/${query}`, 'CreateTable', usersTable);
  assert.equal(presigned.status, 400);
  const body = await presigned.json();
  assert.equal(body.__type, 'com.amazon.coral.service#MissingAuthenticationTokenException');
  assert.match(body.message, /^Request is missing Authentication Token: .*Authorization header only/);
  const credentialOnly = await post(`${endpoint.url}/?X-Amz-Credential=AKIDLOCAL%2F20240101%2Fus-east-1%2Fdynamodb%2Faws4_request`, 'ListTables', {});
  assert.equal((await credentialOnly.json()).__type, 'com.amazon.coral.service#MissingAuthenticationTokenException');
  // Both forms at once is DynamoDB's own error.
  const both = await post(`${endpoint.url}/${query}`, 'ListTables', {}, handMadeAuthorization());
  assert.deepEqual(await both.json(), coral('InvalidSignatureException', "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."));
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: LOCAL }));
  assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, [], 'CreateTable did not run');
  client.destroy();
});

test('with credentials, a signature dated more than 15 minutes ago is "Signature expired", with AWS\'s text', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: LOCAL, systemClockOffset: -20 * 60 * 1000 }));
  const error = await rejection(client.send(new ListTablesCommand({})));
  client.destroy();
  assert.equal(error.name, 'InvalidSignatureException');
  assert.equal(error.$metadata.httpStatusCode, 400);
  const match = /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 15 min\.\)$/.exec(error.message);
  assert.ok(match, error.message);
  const [signed, limit, now] = match.slice(1).map(parseBasic);
  assert.equal(now - limit, 15 * 60 * 1000);
  assert.ok(signed < limit);
});

test('with credentials, a signature dated more than 15 minutes ahead is "Signature not yet current", with AWS\'s text', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: LOCAL, systemClockOffset: 20 * 60 * 1000 }));
  const error = await rejection(client.send(new ListTablesCommand({})));
  client.destroy();
  assert.equal(error.name, 'InvalidSignatureException');
  const match = /^Signature not yet current: (\d{8}T\d{6}Z) is still later than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) \+ 15 min\.\)$/.exec(error.message);
  assert.ok(match, error.message);
  const [signed, limit, now] = match.slice(1).map(parseBasic);
  assert.equal(limit - now, 15 * 60 * 1000);
  assert.ok(signed > limit);
});

function parseBasic(text) {
  return Date.parse(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`);
}

test('a signature covers the body, the target and the Host: a captured request replays, an altered one does not', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL], allowHosts: ['proxy.example'] });
  t.after(() => endpoint.close());
  const { headers, body } = await sdkSignedRequest(endpoint.url, { credentials: LOCAL, command: new ListTablesCommand({ Limit: 5 }) });
  const replayed = await rawRequest(endpoint.url, { headers, body });
  assert.equal(replayed.status, 200);
  assert.deepEqual(replayed.json(), { TableNames: [] });

  const otherBody = JSON.stringify({ Limit: 6 });
  const changedBody = await rawRequest(endpoint.url, { headers: { ...headers, 'content-length': String(Buffer.byteLength(otherBody)) }, body: otherBody });
  assert.deepEqual(changedBody.json(), coral('InvalidSignatureException', MISMATCH));
  const changedTarget = await rawRequest(endpoint.url, { headers: { ...headers, 'x-amz-target': 'DynamoDB_20120810.DescribeTable' }, body });
  assert.deepEqual(changedTarget.json(), coral('InvalidSignatureException', MISMATCH));
  const changedHost = await rawRequest(endpoint.url, { headers: { ...headers, host: 'proxy.example' }, body });
  assert.deepEqual(changedHost.json(), coral('InvalidSignatureException', MISMATCH));
  const changedPath = await rawRequest(`${endpoint.url}/other`, { headers, body });
  assert.deepEqual(changedPath.json(), coral('InvalidSignatureException', MISMATCH));
});

test('an incomplete or ill-scoped Authorization gets DynamoDB\'s errors', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const incomplete = await post(endpoint.url, 'ListTables', {}, { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/dynamodb/aws4_request' });
  const body = await incomplete.json();
  assert.equal(incomplete.status, 400);
  assert.equal(body.__type, 'com.amazon.coral.service#IncompleteSignatureException');
  assert.equal(body.message, "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
    + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
    + 'Authorization=AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/dynamodb/aws4_request');

  const badDate = await post(endpoint.url, 'ListTables', {}, { ...handMadeAuthorization(), 'x-amz-date': '2024-01-01' });
  assert.deepEqual(await badDate.json(), coral('IncompleteSignatureException', "Date must be in ISO-8601 'basic format'. Got '2024-01-01'. See http://en.wikipedia.org/wiki/ISO_8601"));
  const hostUnsigned = await post(endpoint.url, 'ListTables', {}, handMadeAuthorization({ signedHeaders: 'x-amz-date;x-amz-target' }));
  assert.deepEqual(await hostUnsigned.json(), coral('InvalidSignatureException', "'Host' must be a 'SignedHeader' in the AWS Authorization."));
  const otherService = await post(endpoint.url, 'ListTables', {}, handMadeAuthorization({ service: 's3' }));
  assert.deepEqual(await otherService.json(), coral('InvalidSignatureException', "Credential should be scoped to correct service: 'dynamodb'."));
});

test('with credentials, a session token (never issued here) is UnrecognizedClientException even with the right secret', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: { ...LOCAL, sessionToken: 'token' } }));
  const error = await rejection(client.send(new ListTablesCommand({})));
  client.destroy();
  assert.equal(error.name, 'UnrecognizedClientException');
});

test('a malformed body or an unknown operation is reported before a missing signature, as DynamoDB does', async (t) => {
  const endpoint = await startEndpoint({ credentials: [LOCAL] });
  t.after(() => endpoint.close());
  const malformed = await post(endpoint.url, 'ListTables', '{oops');
  assert.equal(malformed.status, 400);
  assert.equal((await malformed.json()).__type, 'com.amazon.coral.service#SerializationException');
  const notUtf8 = await rawRequest(endpoint.url, { headers: dynamoHeaders('ListTables'), body: Buffer.from([0x7b, 0xff, 0x7d]) });
  assert.equal(notUtf8.json().__type, 'com.amazon.coral.service#SerializationException');
  const unknown = await post(endpoint.url, 'Frobnicate', {});
  assert.equal((await unknown.json()).__type, 'com.amazon.coral.service#UnknownOperationException');
  // A well-formed request for a real operation is refused, and changes nothing.
  const create = await post(endpoint.url, 'CreateTable', usersTable, handMadeAuthorization({ keyId: 'intruder' }));
  assert.equal((await create.json()).__type, 'com.amazon.coral.service#UnrecognizedClientException');
  const client = new DynamoDBClient(sdkConfig(endpoint.url, { credentials: LOCAL }));
  assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
  client.destroy();
});

test('credentials are checked when the server is made; accessKeyIds is refused with a pointer to credentials', () => {
  const execute = async () => ({ ok: true, body: '{}' });
  assert.throws(() => dynamoDBListener({ execute, credentials: [] }), /at least one/);
  assert.throws(() => dynamoDBListener({ execute, credentials: [{ accessKeyId: 'a', secretAccessKey: '' }] }), /non-empty accessKeyId and secretAccessKey/);
  assert.throws(() => dynamoDBListener({ execute, credentials: [{ accessKeyId: 'a', secretAccessKey: 'x' }, { accessKeyId: 'a', secretAccessKey: 'y' }] }), /twice/);
  assert.throws(() => dynamoDBListener({ execute, accessKeyIds: ['local'] }), (error) => {
    assert.equal(error.name, 'TypeError');
    assert.match(error.message, /accessKeyIds is no longer accepted.*credentials/);
    return true;
  });
});
