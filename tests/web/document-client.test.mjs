// (c) The DocumentClient end to end: pocketdynamo's DynamoDBDocument against the engine, and the
// same commands through the real @aws-sdk/lib-dynamodb (wired to another database over the same
// engine) giving the same request bodies, results and errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as pd from 'pocketdynamo';
import * as lib from '@aws-sdk/lib-dynamodb';
import { observeRequests } from '../../web/src/internal.js';
import { sdkClientsOver } from '../support/sdk-over-engine.mjs';
import { openWithTable } from './helpers.mjs';

const { DynamoDBDocument, DynamoDBDocumentClient, NumberValue } = pd;
const COMMANDS = ['PutCommand', 'GetCommand', 'UpdateCommand', 'DeleteCommand', 'QueryCommand', 'ScanCommand',
  'BatchGetCommand', 'BatchWriteCommand', 'TransactGetCommand', 'TransactWriteCommand', 'ExecuteStatementCommand',
  'BatchExecuteStatementCommand', 'ExecuteTransactionCommand'];

test('put, get and delete plain JS values: sets, binaries, numbers, nesting', async () => {
  const db = await openWithTable();
  const doc = DynamoDBDocument.from(db);
  const item = {
    id: 'item-1',
    text: 'héllo 😀', empty: '', yes: true, no: false, nothing: null,
    int: 42, negative: -7, fraction: 3.25, tiny: 1e-100, large: 1.5e15,
    bigint: 123456789012345678901234567890n,
    exact: new NumberValue('3.14159265358979323846264338327950288'),
    bytes: new Uint8Array([0, 1, 2, 255]), buffer: Buffer.from('buf'), arrayBuffer: new Uint8Array([9, 8]).buffer,
    emptyBytes: new Uint8Array(0),
    strings: new Set(['a', 'b', '']), numbers: new Set([1, 2.5, -3]), bigints: new Set([1n, 2n ** 80n]),
    binaries: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
    list: [1, 'two', null, [true], { deep: { deeper: [new Set(['x'])] } }],
    map: { a: 1, nested: { b: new Uint8Array([5]) } },
    fromMap: new Map([['k', 'v']]),
  };
  const put = await doc.put({ TableName: 'Things', Item: item });
  assert.equal(put.$metadata.httpStatusCode, 200);
  assert.equal(put.Attributes, undefined);

  const { Item, $metadata } = await doc.get({ TableName: 'Things', Key: { id: 'item-1' } });
  assert.equal($metadata.httpStatusCode, 200);
  assert.deepStrictEqual(Item, {
    ...item,
    exact: 3.141592653589793, // without wrapNumbers a number comes back as the nearest double
    buffer: new Uint8Array(Buffer.from('buf')),
    arrayBuffer: new Uint8Array([9, 8]),
    fromMap: { k: 'v' },
    bigints: new Set([1, 2n ** 80n]), // a safe integer comes back as a number
  });
  assert.equal(Item.bytes.constructor, Uint8Array);

  const wrapped = DynamoDBDocument.from(db, { unmarshallOptions: { wrapNumbers: true } });
  const exact = (await wrapped.get({ TableName: 'Things', Key: { id: 'item-1' } })).Item;
  assert.ok(exact.exact instanceof NumberValue);
  assert.equal(exact.exact.toString(), '3.14159265358979323846264338327950288');
  assert.equal(exact.bigint.toBigInt(), 123456789012345678901234567890n);

  const old = await doc.put({ TableName: 'Things', Item: { id: 'item-1', v: 2 }, ReturnValues: 'ALL_OLD' });
  assert.equal(old.Attributes.int, 42);
  const deleted = await doc.delete({ TableName: 'Things', Key: { id: 'item-1' }, ReturnValues: 'ALL_OLD' });
  assert.deepStrictEqual(deleted.Attributes, { id: 'item-1', v: 2 });
  const gone = await doc.get({ TableName: 'Things', Key: { id: 'item-1' } });
  assert.equal(gone.Item, undefined);
  assert.equal('Item' in gone, false);
  await db.close();
});

test('numeric and binary keys', async () => {
  const db = await openWithTable({ keyType: 'N', sortKey: { name: 'blob', type: 'B' } });
  const doc = DynamoDBDocumentClient.from(db);
  const key = { id: 12345678901234567890n, blob: new Uint8Array([1, 2]) };
  await doc.send(new pd.PutCommand({ TableName: 'Things', Item: { ...key, v: 'x' } }));
  const { Item } = await doc.send(new pd.GetCommand({ TableName: 'Things', Key: { id: new NumberValue('12345678901234567890'), blob: Buffer.from([1, 2]) } }));
  assert.deepStrictEqual(Item, { ...key, v: 'x' });
  await db.close();
});

test('the DocumentClient also sends low-level commands unchanged', async () => {
  const db = await openWithTable();
  const doc = DynamoDBDocumentClient.from(db);
  await doc.send(new pd.PutItemCommand({ TableName: 'Things', Item: { id: { S: 'raw' } } }));
  const out = await doc.send(new pd.GetItemCommand({ TableName: 'Things', Key: { id: { S: 'raw' } } }));
  assert.deepStrictEqual(out.Item, { id: { S: 'raw' } });
  assert.deepStrictEqual((await doc.send(new pd.ListTablesCommand({}))).TableNames, ['Things']);
  await db.close();
});

test('marshallOptions and unmarshallOptions', async () => {
  const db = await openWithTable();
  class Point { constructor() { this.x = 1; } }
  const strict = DynamoDBDocument.from(db);
  await assert.rejects(strict.put({ TableName: 'Things', Item: { id: 'p', p: new Point() } }), { message: /Unsupported type passed: \[object Object\]/ });
  await assert.rejects(strict.put({ TableName: 'Things', Item: { id: 'p', l: [1, undefined] } }), { message: /removeUndefinedValues=true/ });
  await assert.rejects(strict.put({ TableName: 'Things', Item: { id: 'p', s: new Set() } }), { message: /non-empty set/ });
  // A top-level undefined attribute is dropped without any option, as in lib-dynamodb.
  await strict.put({ TableName: 'Things', Item: { id: 'u', gone: undefined, f() {} } });
  assert.deepStrictEqual((await strict.get({ TableName: 'Things', Key: { id: 'u' } })).Item, { id: 'u' });

  const lenient = DynamoDBDocument.from(db, {
    marshallOptions: { convertClassInstanceToMap: true, removeUndefinedValues: true, convertEmptyValues: true },
    unmarshallOptions: { wrapNumbers: (text) => `#${text}` },
  });
  await lenient.put({ TableName: 'Things', Item: { id: 'p', p: new Point(), l: [1, undefined], s: new Set(), e: '' } });
  assert.deepStrictEqual((await lenient.get({ TableName: 'Things', Key: { id: 'p' } })).Item,
    { id: 'p', p: { x: '#1' }, l: ['#1'], s: null, e: null });
  await db.close();
});

test('errors keep their classes and names through the DocumentClient', async () => {
  const db = await openWithTable();
  const doc = DynamoDBDocument.from(db);
  const missing = await doc.get({ TableName: 'Missing', Key: { id: 'x' } }).catch((e) => e);
  assert.ok(missing instanceof pd.ResourceNotFoundException);
  assert.equal(missing.name, 'ResourceNotFoundException');
  assert.equal(missing.$metadata.httpStatusCode, 400);
  const wrongKey = await doc.put({ TableName: 'Things', Item: { id: 5 } }).catch((e) => e);
  assert.ok(wrongKey instanceof pd.ValidationException);
  assert.equal(wrongKey.name, 'ValidationException');
  const noKey = await doc.get({ TableName: 'Things', Key: {} }).catch((e) => e);
  assert.ok(noKey instanceof pd.ValidationException);
  const surrogate = await doc.put({ TableName: 'Things', Item: { id: 'a\uDC00' } }).catch((e) => e);
  assert.ok(surrogate instanceof pd.ValidationException);
  assert.match(surrogate.message, /Item\.id\.S: it contains a lone surrogate/);
  // Values JS cannot represent exactly, and values that contain themselves, fail in the marshaller.
  await assert.rejects(doc.put({ TableName: 'Things', Item: { id: 'n', n: 2 ** 60 } }),
    { message: 'Number 1152921504606847000 is greater than Number.MAX_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.' });
  await assert.rejects(doc.put({ TableName: 'Things', Item: { id: 'n', n: NaN } }), { message: 'Special numeric value NaN is not allowed' });
  const circular = { id: 'c', list: [] };
  circular.list.push(circular);
  await assert.rejects(doc.put({ TableName: 'Things', Item: circular }), { message: /circular structure/ });
  await assert.rejects(doc.put({ TableName: 'Things', Item: { id: 'f', list: [Symbol('x')] } }), TypeError);
  await db.close();
});

test('DocumentClient commands mark the same members as lib-dynamodb', () => {
  for (const name of COMMANDS) {
    const [mine, theirs] = [new pd[name]({ TableName: 'T' }), new lib[name]({ TableName: 'T' })];
    assert.deepStrictEqual(mine.inputKeyNodes, theirs.inputKeyNodes, `${name} input`);
    assert.deepStrictEqual(mine.outputKeyNodes, theirs.outputKeyNodes, `${name} output`);
    assert.deepStrictEqual(mine.input, theirs.input);
  }
});

// --- Side by side with the real lib-dynamodb -------------------------------------------------

const bytes = new Uint8Array([0, 1, 254, 255]);
const scenarios = {
  'put and get every type': async (doc, C, NV) => [
    await doc.send(new C.PutCommand({
      TableName: 'Things',
      Item: {
        id: 'a', s: 'x', n: 1.5, big: 2n ** 70n, exact: new NV('0.1000000000000000000001'), t: true, z: null, b: bytes,
        ss: new Set(['p', 'q']), ns: new Set([3, 4]), bs: new Set([bytes, Buffer.from('x')]), l: [1, [2, { m: 'n' }]], m: { e: '' },
      },
    })),
    await doc.send(new C.GetCommand({ TableName: 'Things', Key: { id: 'a' } })),
    await doc.send(new C.GetCommand({ TableName: 'Things', Key: { id: 'a' }, ConsistentRead: true })),
    await doc.send(new C.PutCommand({ TableName: 'Things', Item: { id: 'a', v: 2 }, ReturnValues: 'ALL_OLD' })),
  ],
  'get a missing item': async (doc, C) => doc.send(new C.GetCommand({ TableName: 'Things', Key: { id: 'missing' } })),
  'delete returning the old item': async (doc, C) => [
    await doc.send(new C.PutCommand({ TableName: 'Things', Item: { id: 'd', ns: new Set([1n, 2n]) } })),
    await doc.send(new C.DeleteCommand({ TableName: 'Things', Key: { id: 'd' }, ReturnValues: 'ALL_OLD' })),
  ],
  'expression values': async (doc, C) => doc.send(new C.PutCommand({
    TableName: 'Things', Item: { id: 'e' }, ConditionExpression: '#a <> :v',
    ExpressionAttributeNames: { '#a': 'a' }, ExpressionAttributeValues: { ':v': new Set(['x']) },
  })),
  'legacy Expected': async (doc, C) => doc.send(new C.DeleteCommand({
    TableName: 'Things', Key: { id: 'e' },
    Expected: { a: { Value: 5, Exists: true }, b: { ComparisonOperator: 'BETWEEN', AttributeValueList: [1, bytes] } },
  })),
  'update': async (doc, C) => doc.send(new C.UpdateCommand({
    TableName: 'Things', Key: { id: 'u' }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': [1, { b: bytes }] },
    ReturnValues: 'ALL_NEW',
  })),
  'legacy AttributeUpdates': async (doc, C) => doc.send(new C.UpdateCommand({
    TableName: 'Things', Key: { id: 'u' }, AttributeUpdates: { a: { Action: 'PUT', Value: new Set([1, 2]) }, b: { Action: 'DELETE' } },
  })),
  'query': async (doc, C) => doc.send(new C.QueryCommand({
    TableName: 'Things', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': 'a' },
    ExclusiveStartKey: { id: 'a' }, Limit: 2,
  })),
  'legacy KeyConditions and QueryFilter': async (doc, C) => doc.send(new C.QueryCommand({
    TableName: 'Things', KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: ['a'] } },
    QueryFilter: { n: { ComparisonOperator: 'GT', AttributeValueList: [1n] } },
  })),
  'scan': async (doc, C) => doc.send(new C.ScanCommand({
    TableName: 'Things', ScanFilter: { n: { ComparisonOperator: 'IN', AttributeValueList: [1, 2] } }, ExclusiveStartKey: { id: 'z' },
  })),
  'batch get': async (doc, C) => doc.send(new C.BatchGetCommand({
    RequestItems: { Things: { Keys: [{ id: 'a' }, { id: 'b' }], ConsistentRead: true } },
  })),
  'batch write': async (doc, C) => doc.send(new C.BatchWriteCommand({
    RequestItems: { Things: [{ PutRequest: { Item: { id: 'w', s: new Set(['1']) } } }, { DeleteRequest: { Key: { id: 'a' } } }] },
  })),
  'transact get': async (doc, C) => doc.send(new C.TransactGetCommand({
    TransactItems: [{ Get: { TableName: 'Things', Key: { id: 'a' } } }],
  })),
  'transact write': async (doc, C) => doc.send(new C.TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: 'Things', Item: { id: 't', b: bytes }, ConditionExpression: 'a <> :x', ExpressionAttributeValues: { ':x': 1 } } },
      { Update: { TableName: 'Things', Key: { id: 'u' }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': null } } },
      { Delete: { TableName: 'Things', Key: { id: 'd' } } },
      { ConditionCheck: { TableName: 'Things', Key: { id: 'c' }, ConditionExpression: 'attribute_exists(id)' } },
    ],
  })),
  'a missing table': async (doc, C) => doc.send(new C.GetCommand({ TableName: 'Missing', Key: { id: 'x' } })),
  'a key of the wrong type': async (doc, C) => doc.send(new C.PutCommand({ TableName: 'Things', Item: { id: 1 } })),
  'an imprecise number': async (doc, C) => doc.send(new C.PutCommand({ TableName: 'Things', Item: { id: 'x', n: 2 ** 55 } })),
  'undefined members': async (doc, C) => [
    await doc.send(new C.PutCommand({ TableName: 'Things', Item: { id: 'x', gone: undefined } })),
    await doc.send(new C.PutCommand({ TableName: 'Things', Item: { id: 'x', m: { gone: undefined } } })),
  ],
  'a low-level command': async (doc) => doc.send(new (doc instanceof pd.DynamoDBDocumentClient ? pd : await import('@aws-sdk/client-dynamodb')).ListTablesCommand({})),
};

const translateConfigs = {
  'default options': undefined,
  'wrapNumbers and removeUndefinedValues': { marshallOptions: { removeUndefinedValues: true }, unmarshallOptions: { wrapNumbers: true } },
};

// NumberValues of either library, Dates and errors become comparable plain data.
function comparable(value) {
  if (value instanceof Error) return { error: value.name, message: value.message, fault: value.$fault };
  if (value?.constructor?.name === 'NumberValue') return { NumberValue: value.value };
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (value instanceof Set) return new Set([...value].map(comparable));
  if (Array.isArray(value)) return value.map(comparable);
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '$metadata').map(([key, item]) => [key, comparable(item)]));
}

async function run(scenario, doc, commands, NV) {
  try {
    return comparable(await scenario(doc, commands, NV));
  } catch (error) {
    return comparable(error);
  }
}

for (const [configLabel, translateConfig] of Object.entries(translateConfigs)) {
  for (const [label, scenario] of Object.entries(scenarios)) {
    test(`same as lib-dynamodb: ${label}, ${configLabel}`, async () => {
      const ourDb = await openWithTable();
      const ourRequests = [];
      // Records the wire body each request becomes, to compare with the SDK's.
      observeRequests(ourDb, (operation, text) => ourRequests.push({ operation, body: JSON.parse(text) }));
      const ours = await run(scenario, DynamoDBDocumentClient.from(ourDb, translateConfig), pd, NumberValue);

      const sdkDb = await openWithTable();
      const { documentClient, requests } = sdkClientsOver(sdkDb, translateConfig);
      const theirs = await run(scenario, documentClient, lib, lib.NumberValue);

      // Both fill in TransactWriteItems' idempotency token with a fresh UUID.
      for (const { body } of [...ourRequests, ...requests]) {
        if ('ClientRequestToken' in body) {
          assert.match(body.ClientRequestToken, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          body.ClientRequestToken = '(token)';
        }
      }
      assert.deepStrictEqual(ourRequests, requests, 'request bodies');
      assert.deepStrictEqual(ours, theirs, 'results');
      await ourDb.close();
      await sdkDb.close();
    });
  }
}

// --- Paginators ---------------------------------------------------------------------------

// A low-level client that answers Query/Scan from canned pages, keyed by ExclusiveStartKey.
function pagedClient(pages) {
  const seen = [];
  return {
    seen,
    async send(command) {
      seen.push(command.input);
      const start = command.input.ExclusiveStartKey?.id?.S ?? '';
      return { $metadata: {}, ...pages[start] };
    },
  };
}

const pages = {
  '': { Items: [{ id: { S: 'a' }, n: { N: '1' } }], Count: 1, LastEvaluatedKey: { id: { S: 'a' } } },
  a: { Items: [{ id: { S: 'b' }, n: { N: '2' } }], Count: 1, LastEvaluatedKey: { id: { S: 'b' } } },
  b: { Items: [], Count: 0 },
};

for (const [name, paginate] of [['paginateQuery', pd.paginateQuery], ['paginateScan', pd.paginateScan]]) {
  test(`${name} follows LastEvaluatedKey with DocumentClient values`, async () => {
    const low = pagedClient(pages);
    const client = DynamoDBDocumentClient.from(low);
    const input = { TableName: 'Things' };
    const items = [];
    const keys = [];
    for await (const page of paginate({ client, pageSize: 10 }, input)) {
      items.push(...page.Items);
      keys.push(page.LastEvaluatedKey);
    }
    assert.deepStrictEqual(items, [{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    assert.deepStrictEqual(keys, [{ id: 'a' }, { id: 'b' }, undefined]);
    assert.deepStrictEqual(low.seen.map((sent) => [sent.ExclusiveStartKey, sent.Limit]),
      [[undefined, 10], [{ id: { S: 'a' } }, 10], [{ id: { S: 'b' } }, 10]]);
    assert.deepStrictEqual(input, { TableName: 'Things' });
  });

  test(`${name} starts at startingToken and checks its client`, async () => {
    const low = pagedClient(pages);
    const client = DynamoDBDocumentClient.from(low);
    const seenPages = [];
    for await (const page of paginate({ client, startingToken: { id: 'a' } }, { TableName: 'Things', Limit: 1 })) seenPages.push(page.Count);
    assert.deepStrictEqual(seenPages, [1, 0]);
    assert.equal(low.seen[0].Limit, 1);
    await assert.rejects(paginate({ client: low }, { TableName: 'Things' }).next(), { message: /Invalid client, expected instance of DynamoDBDocumentClient/ });
  });
}

test('paginators with a database page low-level Query and Scan results, each item once', async () => {
  const db = await openWithTable({ sortKey: { name: 'n', type: 'N' } });
  for (let n = 0; n < 7; n++) await db.putItem({ TableName: 'Things', Item: { id: { S: 'x' }, n: { N: String(n) } } });
  const inputs = [
    [pd.paginateQuery, { TableName: 'Things', KeyConditionExpression: 'id = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }],
    [pd.paginateScan, { TableName: 'Things' }],
  ];
  for (const [paginate, input] of inputs) {
    const seen = [];
    let pages = 0;
    for await (const page of paginate({ client: db, pageSize: 3 }, input)) {
      pages += 1;
      seen.push(...page.Items.map((item) => Number(item.n.N)));
    }
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(pages, 3);
  }
  await db.close();
});

test('binaries reach a PocketDynamo database as wire text, and any other client as bytes', async () => {
  const item = { id: 'b', bytes: new Uint8Array([1, 2, 3]), set: new Set([new Uint8Array([4])]), blobLike: Buffer.from('x') };
  // Another client (here a recorder) gets AttributeValues as lib-dynamodb makes them: bytes.
  const sent = [];
  const recorder = { send: async (command) => { sent.push(command.input); return {}; } };
  await DynamoDBDocument.from(recorder).put({ TableName: 'Things', Item: item });
  assert.ok(sent[0].Item.bytes.B instanceof Uint8Array);
  assert.ok(sent[0].Item.set.BS[0] instanceof Uint8Array);
  // A PocketDynamo database gets the same request body as from the low-level command, and the
  // caller's item is left as it was.
  const db = await openWithTable();
  const bodies = [];
  observeRequests(db, (operation, text) => bodies.push(text));
  await DynamoDBDocument.from(db).put({ TableName: 'Things', Item: item });
  await db.send(new pd.PutItemCommand({ TableName: 'Things', Item: pd.marshall(item) }));
  assert.equal(bodies[0], bodies[1]);
  assert.ok(item.bytes instanceof Uint8Array);
  const { Item } = await DynamoDBDocument.from(db).get({ TableName: 'Things', Key: { id: 'b' } });
  assert.deepEqual([...Item.bytes], [1, 2, 3]);
  assert.deepEqual([...[...Item.set][0]], [4]);
  await db.close();
});
