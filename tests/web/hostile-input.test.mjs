// Hostile requests must not exhaust the engine: 1,000 failing requests nested far past
// DynamoDB's 32 levels in every member that takes attribute values, bodies of about 1 MB among
// them, each answered with DynamoDB's nesting ValidationException, leave the wasm heap the size
// it was after warm-up, and the database keeps working. They go through db.send (nested within
// the package's own limit on input depth) and as raw bodies, as the SDK request handler and the
// HTTP endpoint pass them on (nested 5,000 levels, and 1 MB of nesting).
import test from 'node:test';
import assert from 'node:assert/strict';
import { PocketDynamo } from 'pocketdynamo';
import * as client from 'pocketdynamo/client';
import { loadEngineModule } from '../../web/src/engine-module.js';
import { executeRawBody } from '../../web/src/internal.js';

const NESTING =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const REQUESTS = 1000;
// Growth of the wasm heap allowed over the 1,000 requests after warm-up. A request that leaked
// its parsed body (MBs for a 1 MB one) would pass this within a few requests.
const MAX_GROWTH_BYTES = 8 * 1024 * 1024;

// An attribute value nested `levels` deep (maps, or lists), as JSON text.
const nestedMaps = (levels) => '{"M":{"n":'.repeat(levels - 1) + '{"S":"leaf"}' + '}}'.repeat(levels - 1);
const nestedLists = (levels) => '{"L":['.repeat(levels - 1) + '{"S":"leaf"}' + ']}'.repeat(levels - 1);

// Every member that takes attribute values, with `value` (JSON text) in it; `padding` (JSON
// text) comes first in the body, so the engine reads it before it meets the nesting.
function everyMember(value, padding = '') {
  const pad = padding ? `"Padding":${padding},` : '';
  const key = '{"a":{"S":"k"}}';
  const item = `{"a":{"S":"k"},"d":${value}}`;
  const deepKey = `{"a":${value}}`;
  const condition = `{"ComparisonOperator":"EQ","AttributeValueList":[${value}]}`;
  const table = `${pad}"TableName":"items"`;
  return [
    ['PutItem Item', 'PutItem', `{${table},"Item":${item}}`],
    ['GetItem Key', 'GetItem', `{${table},"Key":${deepKey}}`],
    ['DeleteItem Key', 'DeleteItem', `{${table},"Key":${deepKey}}`],
    ['UpdateItem Key', 'UpdateItem', `{${table},"Key":${deepKey}}`],
    ['ExpressionAttributeValues', 'PutItem',
      `{${table},"Item":${key},"ConditionExpression":"d = :v","ExpressionAttributeValues":{":v":${value}}}`],
    ['Expected', 'PutItem', `{${table},"Item":${key},"Expected":{"d":{"Value":${value}}}}`],
    ['AttributeUpdates', 'UpdateItem',
      `{${table},"Key":${key},"AttributeUpdates":{"d":{"Action":"PUT","Value":${value}}}}`],
    ['KeyConditions', 'Query', `{${table},"KeyConditions":{"a":${condition}}}`],
    ['QueryFilter', 'Query',
      `{${table},"KeyConditions":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"k"}]}},"QueryFilter":{"d":${condition}}}`],
    ['Query ExclusiveStartKey', 'Query',
      `{${table},"KeyConditionExpression":"a = :k","ExpressionAttributeValues":{":k":{"S":"k"}},"ExclusiveStartKey":${deepKey}}`],
    ['Scan ExclusiveStartKey', 'Scan', `{${table},"ExclusiveStartKey":${deepKey}}`],
    ['ScanFilter', 'Scan', `{${table},"ScanFilter":{"d":${condition}}}`],
    ['BatchWriteItem PutRequest', 'BatchWriteItem', `{${pad}"RequestItems":{"items":[{"PutRequest":{"Item":${item}}}]}}`],
    ['BatchWriteItem DeleteRequest', 'BatchWriteItem', `{${pad}"RequestItems":{"items":[{"DeleteRequest":{"Key":${deepKey}}}]}}`],
    ['BatchGetItem', 'BatchGetItem', `{${pad}"RequestItems":{"items":{"Keys":[${deepKey}]}}}`],
    ['TransactWriteItems Put', 'TransactWriteItems', `{${pad}"TransactItems":[{"Put":{"TableName":"items","Item":${item}}}]}`],
    ['TransactWriteItems Delete', 'TransactWriteItems', `{${pad}"TransactItems":[{"Delete":{"TableName":"items","Key":${deepKey}}}]}`],
    ['TransactWriteItems Update', 'TransactWriteItems',
      `{${pad}"TransactItems":[{"Update":{"TableName":"items","Key":${key},"UpdateExpression":"SET d = :v","ExpressionAttributeValues":{":v":${value}}}}]}`],
    ['TransactGetItems', 'TransactGetItems', `{${pad}"TransactItems":[{"Get":{"TableName":"items","Key":${deepKey}}}]}`],
  ].map(([member, operation, body]) => ({ member, operation, body }));
}

// The ways a hostile request reaches the engine: db.send with 300 levels (600 JSON levels,
// inside the package's limit on input depth), raw bodies nested 5,000 levels, and bodies of about
// 1 MB: 300 levels behind 1 MB of padding through db.send, raw bodies of 1 MB of maps or lists.
const MEGABYTE_STRING = JSON.stringify('x'.repeat(1024 * 1024));
const small = [
  { send: true, requests: everyMember(nestedMaps(300)) },
  { send: false, requests: everyMember(nestedMaps(5000)) },
];
const large = [
  { send: true, requests: everyMember(nestedLists(300), `{"S":${MEGABYTE_STRING}}`) },
  { send: false, requests: everyMember(nestedMaps(90000)) },
  { send: false, requests: everyMember(nestedLists(130000)) },
];
const MEMBERS = small[0].requests.length;

// The i-th of the 1,000: every 20th one is about 1 MB; the members take turns.
function planAt(i) {
  const variant = i % 20 === 19 ? large[Math.floor(i / 20) % large.length] : small[i % small.length];
  return { variant, request: variant.requests[i % MEMBERS] };
}

// Sends one hostile request; resolves to what came back: the error's name and message, and for
// db.send the HTTP status the SDK would see.
async function sendHostile(db, { variant, request }) {
  const { member, operation, body } = request;
  if (variant.send) {
    try {
      await db.send(new client[`${operation}Command`](JSON.parse(body)));
    } catch (error) {
      return { member, name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
    }
    return { member, name: 'no error', status: 200 };
  }
  const response = JSON.parse(await executeRawBody(db, operation, body));
  const name = response.__type?.slice(response.__type.indexOf('#') + 1) ?? 'no error';
  return { member, name, message: response.message ?? response.Message };
}

const heapBytes = (module) => module.HEAPU8.buffer.byteLength;

test('1,000 hostile requests get the nesting error and leave the wasm heap where it was', async () => {
  const module = await loadEngineModule();
  const db = await PocketDynamo.open({ name: 'hostile', storage: 'memory' });
  try {
    await db.createTable({
      TableName: 'items',
      AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    for (const { requests } of large) assert.ok(requests.every(({ body }) => body.length > 1_000_000));

    // Warm-up: every way with every member once, so the allocator has seen the largest sizes.
    for (const variant of [...small, ...large]) {
      for (const request of variant.requests) await sendHostile(db, { variant, request });
    }
    const before = heapBytes(module);

    for (let i = 0; i < REQUESTS; i++) {
      const plan = planAt(i);
      const expected = { member: plan.request.member, name: 'ValidationException', message: NESTING };
      if (plan.variant.send) expected.status = 400;
      assert.deepEqual(await sendHostile(db, plan), expected, `request ${i}`);
    }
    const growth = heapBytes(module) - before;
    assert.ok(growth <= MAX_GROWTH_BYTES, `the wasm heap grew by ${growth} bytes over ${REQUESTS} requests`);

    await db.putItem({ TableName: 'items', Item: { a: { S: 'ok' }, d: { S: 'still working' } } });
    const { Item } = await db.getItem({ TableName: 'items', Key: { a: { S: 'ok' } } });
    assert.deepEqual(Item, { a: { S: 'ok' }, d: { S: 'still working' } });
  } finally {
    await db.close();
  }
});

test('a value at the 32-level limit still goes through the package', async () => {
  const db = await PocketDynamo.open({ name: 'hostile-limit', storage: 'memory' });
  try {
    await db.createTable({
      TableName: 'items',
      AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const item = JSON.parse(`{"a":{"S":"k"},"d":${nestedLists(32)}}`);
    await db.batchWriteItem({ RequestItems: { items: [{ PutRequest: { Item: item } }] } });
    assert.deepEqual((await db.getItem({ TableName: 'items', Key: { a: { S: 'k' } } })).Item, item);
    await assert.rejects(
      db.putItem({ TableName: 'items', Item: JSON.parse(`{"a":{"S":"k"},"d":${nestedLists(33)}}`) }),
      { name: 'ValidationException', message: `1 validation error detected: ${NESTING}` },
    );
  } finally {
    await db.close();
  }
});
