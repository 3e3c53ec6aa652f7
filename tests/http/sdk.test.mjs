// The real AWS SDK v3 (@aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb) both ways: against
// the HTTP endpoint with its default Node http handler, and in process through
// db.requestHandler(). The same scenario runs on each.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ConditionalCheckFailedException, CreateTableCommand, DeleteTableCommand, DescribeTableCommand,
  DynamoDBClient, GetItemCommand, ListTablesCommand, ListTagsOfResourceCommand, ResourceNotFoundException,
  TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DatabaseClosedError, PocketDynamo } from 'pocketdynamo';
import { sdkConfig, startEndpoint, usersTable } from '../support/http.mjs';

async function scenario(client) {
  const documents = DynamoDBDocumentClient.from(client);
  const created = await client.send(new CreateTableCommand(usersTable));
  assert.equal(created.TableDescription.TableStatus, 'ACTIVE');
  assert.equal(created.$metadata.httpStatusCode, 200);
  assert.match(created.$metadata.requestId, /^[A-Z0-9]{52}$/);
  assert.ok(created.TableDescription.CreationDateTime instanceof Date);

  // Tags, on the ARN of the region the client signed for.
  const arn = created.TableDescription.TableArn;
  assert.equal(arn, 'arn:aws:dynamodb:us-east-1:000000000000:table/Users');
  await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'data' }] }));
  await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
  assert.deepEqual((await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags, [{ Key: 'env', Value: 'test' }]);
  await assert.rejects(client.send(new ListTagsOfResourceCommand({ ResourceArn: arn.replace('us-east-1', 'eu-west-1') })),
    (error) => error.name === 'AccessDeniedException' && error.$metadata.httpStatusCode === 400);

  const avatar = new Uint8Array([0, 1, 2, 250, 255]);
  await documents.send(new PutCommand({
    TableName: 'Users',
    Item: { UserId: 'ada', Email: 'ada@example.com', Name: 'Ada', Logins: 1, Tags: new Set(['admin', 'math']), Avatar: avatar, Meta: { nested: [1, 'two', null, true] } },
  }));
  await documents.send(new BatchWriteCommand({
    RequestItems: { Users: [1, 2, 3].map((n) => ({ PutRequest: { Item: { UserId: 'bob', Email: `bob${n}@example.com`, N: n } } })) },
  }));

  const { Item } = await documents.send(new GetCommand({ TableName: 'Users', Key: { UserId: 'ada', Email: 'ada@example.com' } }));
  assert.deepEqual(Item, { UserId: 'ada', Email: 'ada@example.com', Name: 'Ada', Logins: 1, Tags: new Set(['admin', 'math']), Avatar: avatar, Meta: { nested: [1, 'two', null, true] } });

  const low = await client.send(new GetItemCommand({ TableName: 'Users', Key: { UserId: { S: 'ada' }, Email: { S: 'ada@example.com' } }, ProjectionExpression: 'Avatar' }));
  assert.deepEqual(low.Item, { Avatar: { B: avatar } });

  const updated = await documents.send(new UpdateCommand({
    TableName: 'Users', Key: { UserId: 'ada', Email: 'ada@example.com' },
    UpdateExpression: 'SET Logins = Logins + :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW',
  }));
  assert.deepEqual(updated.Attributes, { Logins: 2 });

  const query = await documents.send(new QueryCommand({
    TableName: 'Users', KeyConditionExpression: 'UserId = :u', ExpressionAttributeValues: { ':u': 'bob' }, ScanIndexForward: false,
  }));
  assert.deepEqual(query.Items.map((item) => item.N), [3, 2, 1]);
  const scan = await documents.send(new ScanCommand({ TableName: 'Users' }));
  assert.equal(scan.Count, 4);

  await assert.rejects(documents.send(new PutCommand({
    TableName: 'Users', Item: { UserId: 'ada', Email: 'ada@example.com' },
    ConditionExpression: 'attribute_not_exists(UserId)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  })), (error) => {
    assert.ok(error instanceof ConditionalCheckFailedException);
    assert.equal(error.$fault, 'client');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.Item.Name.S, 'Ada');
    return true;
  });

  const removed = await documents.send(new DeleteCommand({ TableName: 'Users', Key: { UserId: 'ada', Email: 'ada@example.com' }, ReturnValues: 'ALL_OLD' }));
  assert.equal(removed.Attributes.Logins, 2);
  assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, ['Users']);
  assert.equal((await client.send(new DescribeTableCommand({ TableName: 'Users' }))).Table.TableName, 'Users');
  await client.send(new DeleteTableCommand({ TableName: 'Users' }));
  await assert.rejects(client.send(new DescribeTableCommand({ TableName: 'Users' })), ResourceNotFoundException);
}

test('client-dynamodb and lib-dynamodb against the HTTP endpoint (default Node http handler)', async () => {
  const endpoint = await startEndpoint();
  const client = new DynamoDBClient(sdkConfig(endpoint.url));
  try {
    await scenario(client);
  } finally {
    client.destroy();
    await endpoint.close();
  }
});

test('client-dynamodb and lib-dynamodb through db.requestHandler(), with no network request', async () => {
  const db = await PocketDynamo.open({ name: 'handler', storage: 'memory' });
  // Port 9 on loopback has no listener: a request that went to the network would fail.
  const client = new DynamoDBClient(sdkConfig('http://127.0.0.1:9', { requestHandler: db.requestHandler() }));
  try {
    await scenario(client);
  } finally {
    client.destroy();
    await db.close();
  }
});

test('the request handler answers as DynamoDB would, and implements the SDK\'s HttpHandler interface', async () => {
  const db = await PocketDynamo.open({ name: 'handler-shape', storage: 'memory' });
  const handler = db.requestHandler();
  try {
    assert.equal(handler.metadata.handlerProtocol, 'http/1.1');
    handler.updateHttpClientConfig('requestTimeout', 5);
    assert.equal(handler.httpHandlerConfigs().requestTimeout, 5);
    const request = (target, body) => ({ method: 'POST', protocol: 'http:', hostname: 'localhost', path: '/', headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.0' }, body });
    const ok = await handler.handle(request('DynamoDB_20120810.ListTables', '{}'));
    assert.equal(ok.response.statusCode, 200);
    assert.ok(ok.response.body instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(ok.response.body), '{"TableNames":[]}');
    assert.match(ok.response.headers['x-amzn-requestid'], /^[A-Z0-9]{52}$/);
    const bytes = await handler.handle(request('DynamoDB_20120810.ListTables', new TextEncoder().encode('{}')));
    assert.equal(bytes.response.statusCode, 200);
    const unknown = await handler.handle(request('DynamoDB_20120810.Frobnicate', '{}'));
    assert.equal(unknown.response.statusCode, 400);
    const bad = await handler.handle(request('DynamoDB_20120810.ListTables', '{x'));
    assert.equal(JSON.parse(new TextDecoder().decode(bad.response.body)).__type, 'com.amazon.coral.service#SerializationException');
    const surrogate = await handler.handle(request('DynamoDB_20120810.DescribeTable', '{"TableName":"a\ud800"}'));
    assert.equal(surrogate.response.statusCode, 400);
    assert.equal(JSON.parse(new TextDecoder().decode(surrogate.response.body)).__type, 'com.amazon.coral.validate#ValidationException');
    // Bytes that are not UTF-8 are refused, never read with replacement characters.
    const notUtf8 = await handler.handle(request('DynamoDB_20120810.ListTables', new Uint8Array([0x7b, 0xff, 0x7d])));
    assert.equal(notUtf8.response.statusCode, 400);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(notUtf8.response.body)),
      { __type: 'com.amazon.coral.service#SerializationException', Message: 'The request body is not valid UTF-8' });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(handler.handle(request('DynamoDB_20120810.ListTables', '{}'), { abortSignal: controller.signal }), { name: 'AbortError' });
    handler.destroy();
  } finally {
    await db.close();
  }
  const client = new DynamoDBClient(sdkConfig('http://127.0.0.1:9', { requestHandler: handler }));
  await assert.rejects(client.send(new ListTablesCommand({})), DatabaseClosedError);
});
