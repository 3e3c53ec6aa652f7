// The low-level surface: PocketDynamo.open/close, the SDK-shaped methods and send(), binaries,
// $metadata, errors and input checks at the JS boundary.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as pd from 'pocketdynamo';
import * as client from 'pocketdynamo/client';
import * as sdkClient from '@aws-sdk/client-dynamodb';
import { executeRawBody } from '../../web/src/internal.js';
import { errorFromBody } from '../../web/src/error-body.js';
import { openWithTable } from './helpers.mjs';

const { PocketDynamo } = pd;
const METHODS = ['createTable', 'describeTable', 'listTables', 'deleteTable', 'updateTable', 'putItem', 'getItem',
  'updateItem', 'deleteItem', 'query', 'scan', 'batchGetItem', 'batchWriteItem', 'transactGetItems',
  'transactWriteItems', 'updateTimeToLive', 'describeTimeToLive'];

const assertMetadata = ($metadata, httpStatusCode = 200) => {
  assert.equal($metadata.httpStatusCode, httpStatusCode);
  assert.match($metadata.requestId, /^[A-Z0-9]{52}$/);
  assert.equal($metadata.attempts, 1);
  assert.equal($metadata.totalRetryDelay, 0);
};

test('open rejects a missing name and unsupported storage with clear errors', async () => {
  await assert.rejects(PocketDynamo.open({ storage: 'memory' }), { name: 'TypeError', message: /`name` must be a non-empty string/ });
  await assert.rejects(PocketDynamo.open(), TypeError);
  for (const storage of ['idb://x', undefined, 'MEMORY', 'node:']) {
    await assert.rejects(PocketDynamo.open({ name: 'x', storage }), { message: /use 'memory', 'idb' or 'fs'/ });
  }
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'fs' }), { message: /storage 'fs' needs `path`/ });
});

test('open reports an engine that cannot be loaded', async () => {
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'memory', wasmUrl: new URL('./no-such.wasm', import.meta.url) }),
    { message: /could not load the engine from file:.*no-such\.wasm/ });
});

test('each open gets its own engine', async () => {
  const one = await openWithTable({ table: 'OnlyInOne' });
  const two = await PocketDynamo.open({ name: 'two', storage: 'memory' });
  assert.deepEqual((await one.listTables({})).TableNames, ['OnlyInOne']);
  assert.deepEqual((await two.listTables({})).TableNames, []);
  assert.equal(one.name.startsWith('test-'), true);
  assert.equal(two.storage, 'memory');
  await one.close();
  await two.close();
});

test('every operation has a method and a command class', async () => {
  const db = await PocketDynamo.open({ name: 'methods', storage: 'memory' });
  for (const method of METHODS) {
    assert.equal(typeof db[method], 'function', method);
    const name = `${method[0].toUpperCase()}${method.slice(1)}Command`;
    assert.equal(typeof client[name], 'function', name);
    assert.equal(new client[name]({ a: 1 }).input.a, 1);
  }
  await db.close();
});

test('operations the engine lacks go the same way and answer UnknownOperationException', async () => {
  const db = await openWithTable();
  // Every operation the package routes reaches the engine: none is answered as unknown.
  for (const method of METHODS) {
    const answer = await db[method]({ TableName: 'Things' }).then(() => 'succeeded', (error) => error.name);
    assert.notEqual(answer, 'UnknownOperationException', method);
  }
  // DynamoDB operations the engine does not have: through send() (a command class naming its
  // operation, as the package's own do), the SDK's request handler and the raw path alike.
  const sdk = new sdkClient.DynamoDBClient({
    region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, requestHandler: db.requestHandler(), maxAttempts: 1,
  });
  for (const operation of ['DescribeGlobalTable', 'DescribeKinesisStreamingDestination', 'DescribeExport', 'CreateBackup']) {
    class LackingCommand {
      static operation = operation;
      constructor(input) { this.input = input; }
    }
    const sent = await db.send(new LackingCommand({ TableName: 'Things' })).then(() => null, (error) => error);
    assert.ok(sent instanceof pd.UnknownOperationException, `${operation}: ${sent}`);
    assert.ok(sent instanceof pd.DynamoDBServiceException);
    assert.equal(sent.name, 'UnknownOperationException');
    assert.equal(sent.$fault, 'client');
    assertMetadata(sent.$metadata, 400);
    assert.deepEqual(JSON.parse(await executeRawBody(db, operation, '{}')), { __type: 'com.amazon.coral.service#UnknownOperationException' });
  }
  const viaSdk = await sdk.send(new sdkClient.DescribeGlobalTableCommand({ GlobalTableName: 'Things' })).then(() => null, (error) => error);
  assert.equal(viaSdk?.name, 'UnknownOperationException');
  assert.equal(viaSdk.$metadata.httpStatusCode, 400);
  await db.close();
});

test('table operations resolve to the SDK output shape with $metadata and Date timestamps', async () => {
  const db = await openWithTable();
  const before = Math.floor(Date.now() / 1000) * 1000; // the engine's clock may count whole seconds
  const created = await db.createTable({
    TableName: 'Other', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST',
  });
  const after = Date.now();
  assertMetadata(created.$metadata);
  assert.equal(created.TableDescription.TableName, 'Other');
  const createdAt = created.TableDescription.CreationDateTime;
  assert.ok(createdAt instanceof Date);
  assert.ok(createdAt >= before && createdAt <= after, `created at ${createdAt.toISOString()}, while createTable ran`);
  const described = await db.describeTable({ TableName: 'Other' });
  assert.equal(described.Table.TableStatus, 'ACTIVE');
  assert.ok(described.Table.BillingModeSummary.LastUpdateToPayPerRequestDateTime instanceof Date);
  assert.deepEqual((await db.listTables({})).TableNames, ['Other', 'Things']);
  assert.deepEqual((await db.listTables({ Limit: 1 })).TableNames, ['Other']);
  const updated = await db.updateTable({ TableName: 'Other', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 } });
  assert.equal(updated.TableDescription.ProvisionedThroughput.WriteCapacityUnits, 3);
  const deleted = await db.send(new client.DeleteTableCommand({ TableName: 'Other' }));
  assert.equal(deleted.TableDescription.TableName, 'Other');
  await assert.rejects(db.describeTable({ TableName: 'Other' }), pd.ResourceNotFoundException);
  await db.close();
});

test('binary values go in as any binary type and come out as Uint8Array, in B, BS, M, L and keys', async () => {
  const db = await openWithTable({ keyType: 'B' });
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  const key = { id: { B: new Uint8Array([7, 7]) } };
  const input = {
    ...key,
    u8: { B: bytes },
    buffer: { B: Buffer.from([1, 2, 3]) },
    arrayBuffer: { B: bytes.buffer },
    view: { B: new DataView(bytes.buffer, 1, 3) },
    offsetArray: { B: bytes.subarray(2) },
    int16: { B: new Int16Array([1, -1]) },
    empty: { B: new Uint8Array(0) },
    set: { BS: [new Uint8Array([1]), Buffer.from('x'), new ArrayBuffer(2)] },
    nested: { M: { inner: { L: [{ B: bytes }, { BS: [new Uint8Array([9])] }] } } },
    already: { B: 'AAEC' }, // base64 text is sent as it is
  };
  await db.putItem({ TableName: 'Things', Item: input });
  const { Item } = await db.getItem({ TableName: 'Things', Key: { id: { B: Buffer.from([7, 7]) } } });
  const expected = {
    id: { B: new Uint8Array([7, 7]) },
    u8: { B: bytes },
    buffer: { B: new Uint8Array([1, 2, 3]) },
    arrayBuffer: { B: bytes },
    view: { B: new Uint8Array([1, 2, 250]) },
    offsetArray: { B: new Uint8Array([2, 250, 255]) },
    int16: { B: new Uint8Array(new Int16Array([1, -1]).buffer) },
    empty: { B: new Uint8Array(0) },
    nested: { M: { inner: { L: [{ B: bytes }, { BS: [new Uint8Array([9])] }] } } },
    already: { B: new Uint8Array([0, 1, 2]) },
  };
  const { set, ...rest } = Item;
  assert.deepStrictEqual(rest, expected);
  const setContents = set.BS.map((value) => [...value].join(',')).sort();
  assert.deepStrictEqual(setContents, ['0,0', '1', '120']);
  for (const value of set.BS) assert.equal(value.constructor, Uint8Array);
  const { Attributes } = await db.deleteItem({ TableName: 'Things', Key: key, ReturnValues: 'ALL_OLD' });
  assert.deepStrictEqual(Attributes.u8, { B: bytes });
  assert.equal((await db.getItem({ TableName: 'Things', Key: key })).Item, undefined);
  await db.close();
});

test('attribute names that look like type tags are left alone', async () => {
  const db = await openWithTable();
  const Item = { id: { S: 'k' }, B: { S: 'not binary' }, BS: { L: [{ S: 'x' }] }, CreationDateTime: { N: '5' } };
  await db.putItem({ TableName: 'Things', Item });
  assert.deepStrictEqual((await db.getItem({ TableName: 'Things', Key: { id: { S: 'k' } } })).Item, Item);
  await db.close();
});

test('send also runs @aws-sdk/client-dynamodb command objects', async () => {
  const db = await openWithTable();
  await db.send(new sdkClient.PutItemCommand({ TableName: 'Things', Item: { id: { S: 'sdk' }, n: { N: '1' } } }));
  const out = await db.send(new sdkClient.GetItemCommand({ TableName: 'Things', Key: { id: { S: 'sdk' } } }));
  assert.deepStrictEqual(out.Item, { id: { S: 'sdk' }, n: { N: '1' } });
  await db.close();
});

test('send rejects things that are not low-level commands', async () => {
  const db = await openWithTable();
  await assert.rejects(db.send(new pd.PutCommand({ TableName: 'Things', Item: { id: 'x' } })),
    { name: 'TypeError', message: /PutCommand is a DocumentClient command/ });
  await assert.rejects(db.send({ input: {} }), { name: 'TypeError', message: /expects a low-level command/ });
  await db.close();
});

test('callback style, as in the SDK', async () => {
  const db = await openWithTable();
  const result = await new Promise((resolve, reject) => {
    const returned = db.listTables({}, (error, data) => (error ? reject(error) : resolve(data)));
    assert.equal(returned, undefined);
  });
  assert.deepEqual(result.TableNames, ['Things']);
  const error = await new Promise((resolve) => db.describeTable({ TableName: 'Nope' }, {}, (e) => resolve(e)));
  assert.equal(error.name, 'ResourceNotFoundException');
  await db.close();
});

test('engine errors become exception classes with name, message, $fault and $metadata', async () => {
  const db = await openWithTable();
  const failure = await db.getItem({ TableName: 'Nope', Key: { id: { S: 'x' } } }).catch((e) => e);
  assert.ok(failure instanceof pd.ResourceNotFoundException);
  assert.ok(failure instanceof pd.DynamoDBServiceException);
  assert.ok(failure instanceof Error);
  assert.equal(failure.name, 'ResourceNotFoundException');
  assert.equal(failure.message, 'Requested resource not found');
  assert.equal(failure.$fault, 'client');
  assertMetadata(failure.$metadata, 400);
  assert.match(failure.stack, /ResourceNotFoundException: Requested resource not found/);

  const invalid = await db.putItem({ TableName: 'Things', Item: { id: { N: '1' } } }).catch((e) => e);
  assert.ok(invalid instanceof pd.ValidationException);
  assert.equal(invalid.name, 'ValidationException');

  await db.createTable({ TableName: 'Things', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' })
    .then(() => assert.fail('duplicate table'), (e) => assert.ok(e instanceof pd.ResourceInUseException));
  await db.close();
});

test('error bodies: members are copied and decoded, unknown names fall back to the base class', () => {
  const metadata = { httpStatusCode: 400 };
  const conditional = errorFromBody({
    __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
    message: 'The conditional request failed', Item: { id: { S: 'x' } },
  }, metadata);
  assert.ok(conditional instanceof pd.ConditionalCheckFailedException);
  assert.deepEqual(conditional.Item, { id: { S: 'x' } });
  const canceled = errorFromBody({
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    Message: 'Transaction cancelled', CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'x' }],
  }, metadata);
  assert.ok(canceled instanceof pd.TransactionCanceledException);
  assert.equal(canceled.message, 'Transaction cancelled');
  assert.equal(canceled.CancellationReasons[1].Code, 'ConditionalCheckFailed');
  assert.equal('Message' in canceled, false);
  const serialization = errorFromBody({ __type: 'com.amazon.coral.service#SerializationException', Message: 'Malformed' }, metadata);
  assert.ok(serialization instanceof pd.SerializationException);
  assert.equal(serialization.message, 'Malformed');
  const internal = errorFromBody({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'boom' }, metadata);
  assert.ok(internal instanceof pd.InternalServerError);
  assert.equal(internal.$fault, 'server');
  const unknown = errorFromBody({ __type: 'x#SomethingNewException', message: 'new' }, metadata);
  assert.equal(unknown.constructor, pd.DynamoDBServiceException);
  assert.equal(unknown.name, 'SomethingNewException');
  assert.equal(errorFromBody({ __type: 'x#UnknownOperationException' }, metadata).message, 'UnknownError');
  for (const name of ['TransactionConflictException', 'ProvisionedThroughputExceededException', 'ItemCollectionSizeLimitExceededException',
    'LimitExceededException', 'RequestLimitExceeded', 'IdempotentParameterMismatchException', 'TransactionInProgressException']) {
    const error = errorFromBody({ __type: `ns#${name}`, message: 'm' }, metadata);
    assert.ok(error instanceof pd[name], name);
    assert.equal(error.name, name);
    assert.equal(error.$fault, 'client');
  }
});

test('a malformed body through the raw path is a SerializationException body', async () => {
  const db = await openWithTable();
  const text = await executeRawBody(db, 'GetItem', '{not json');
  assert.equal(JSON.parse(text).__type.split('#')[1], 'SerializationException');
  await db.close();
});

test('a lone surrogate anywhere is a ValidationException naming where, and nothing is written', async () => {
  const db = await openWithTable();
  const attempts = [
    [{ TableName: 'Things', Item: { id: { S: 'x\uD800y' } } }, /request member Item\.id\.S/],
    [{ TableName: 'Things', Item: { id: { S: 'k' }, ['bad\uDC00name']: { S: 'v' } } }, /Item\."bad\\udc00name" \(in the member name\)/],
    [{ TableName: 'Things', Item: { id: { S: 'k' }, m: { M: { l: { L: [{ SS: ['ok', '\uDBFF'] }] } } } } }, /Item\.m\.M\.l\.L\[0\]\.SS\[1\]/],
    [{ TableName: 'Th\uD83Dings', Item: { id: { S: 'k' } } }, /request member TableName/],
  ];
  for (const [input, where] of attempts) {
    const error = await db.putItem(input).catch((e) => e);
    assert.ok(error instanceof pd.ValidationException, String(error));
    assert.match(error.message, /lone surrogate/);
    assert.match(error.message, where);
    assertMetadata(error.$metadata, 400);
  }
  assert.equal((await db.getItem({ TableName: 'Things', Key: { id: { S: 'k' } } })).Item, undefined);
  // A backslash followed by "ud800" is just text; paired surrogates (emoji) are fine.
  const Item = { id: { S: 'k' }, text: { S: '\\ud800 and 😀 and \\\\\uD83D\uDE00' } };
  await db.putItem({ TableName: 'Things', Item });
  assert.deepStrictEqual((await db.getItem({ TableName: 'Things', Key: { id: { S: 'k' } } })).Item, Item);
  // The raw path checks the whole text too.
  await assert.rejects(executeRawBody(db, 'GetItem', '{"TableName":"Things\uD800"}'), pd.ValidationException);
  await db.close();
});

test('circular or absurdly deep input is a ValidationException, not a stack overflow', async () => {
  const db = await openWithTable();
  const Item = { id: { S: 'k' } };
  Item.self = { M: Item };
  await assert.rejects(db.putItem({ TableName: 'Things', Item }), { name: 'ValidationException', message: /circular reference/ });
  await db.close();
});

test('a Blob is refused with advice instead of being sent as garbage', async () => {
  const db = await openWithTable();
  await assert.rejects(db.putItem({ TableName: 'Things', Item: { id: { S: 'k' }, b: { B: new Blob(['x']) } } }),
    { name: 'ValidationException', message: /Blob or File cannot be sent.*arrayBuffer/ });
  await db.close();
});

test('a closed database rejects every call with DatabaseClosedError; close twice is harmless', async () => {
  const db = await openWithTable();
  await db.close();
  assert.equal(db.closed, true);
  await db.close();
  for (const method of METHODS) {
    await assert.rejects(db[method]({ TableName: 'Things' }), { name: 'DatabaseClosedError', message: /database "test-\d+" is closed/ });
  }
  await assert.rejects(db.send(new pd.GetItemCommand({ TableName: 'Things', Key: { id: { S: 'k' } } })), pd.DatabaseClosedError);
  await assert.rejects(pd.DynamoDBDocument.from(db).get({ TableName: 'Things', Key: { id: 'k' } }), pd.DatabaseClosedError);
});

test('the input object is not modified', async () => {
  const db = await openWithTable();
  const bytes = new Uint8Array([1]);
  const input = { TableName: 'Things', Item: { id: { S: 'k' }, b: { B: bytes } } };
  const copy = structuredClone(input);
  await db.putItem(input);
  assert.deepStrictEqual(input, copy);
  assert.equal(input.Item.b.B, bytes);
  await db.close();
});
