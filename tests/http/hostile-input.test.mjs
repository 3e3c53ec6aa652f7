// Hostile requests over HTTP: 1,000 bodies nested far past DynamoDB's 32 levels in every member
// that takes attribute values (5,000 or 300 levels; every 20th about 1 MB: 1 MB of nesting, or
// 300 levels behind 1 MB of padding) each get 400 and DynamoDB's nesting ValidationException; the engine's wasm heap stays
// the size it was after warm-up and the endpoint keeps working.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadEngineModule } from '../../web/src/engine-module.js';
import { post, startEndpoint } from '../support/http.mjs';

const NESTING =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const REQUESTS = 1000;
// Growth of the wasm heap allowed over the 1,000 requests after warm-up (a leaked 1 MB body
// alone is more than that in a few requests).
const MAX_GROWTH_BYTES = 8 * 1024 * 1024;

const nestedMaps = (levels) => '{"M":{"n":'.repeat(levels - 1) + '{"S":"leaf"}' + '}}'.repeat(levels - 1);
const nestedLists = (levels) => '{"L":['.repeat(levels - 1) + '{"S":"leaf"}' + ']}'.repeat(levels - 1);

// Every member that takes attribute values, with `value` in it, behind `padding` when given.
function everyMember(value, padding = '') {
  const pad = padding ? `"Padding":${padding},` : '';
  const key = '{"a":{"S":"k"}}';
  const item = `{"a":{"S":"k"},"d":${value}}`;
  const deepKey = `{"a":${value}}`;
  const condition = `{"ComparisonOperator":"EQ","AttributeValueList":[${value}]}`;
  const table = `${pad}"TableName":"items"`;
  return [
    ['PutItem', `{${table},"Item":${item}}`],
    ['GetItem', `{${table},"Key":${deepKey}}`],
    ['DeleteItem', `{${table},"Key":${deepKey}}`],
    ['UpdateItem', `{${table},"Key":${deepKey}}`],
    ['PutItem', `{${table},"Item":${key},"ConditionExpression":"d = :v","ExpressionAttributeValues":{":v":${value}}}`],
    ['PutItem', `{${table},"Item":${key},"Expected":{"d":{"Value":${value}}}}`],
    ['UpdateItem', `{${table},"Key":${key},"AttributeUpdates":{"d":{"Action":"PUT","Value":${value}}}}`],
    ['Query', `{${table},"KeyConditions":{"a":${condition}}}`],
    ['Query', `{${table},"KeyConditions":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"k"}]}},"QueryFilter":{"d":${condition}}}`],
    ['Query', `{${table},"KeyConditionExpression":"a = :k","ExpressionAttributeValues":{":k":{"S":"k"}},"ExclusiveStartKey":${deepKey}}`],
    ['Scan', `{${table},"ExclusiveStartKey":${deepKey}}`],
    ['Scan', `{${table},"ScanFilter":{"d":${condition}}}`],
    ['BatchWriteItem', `{${pad}"RequestItems":{"items":[{"PutRequest":{"Item":${item}}}]}}`],
    ['BatchWriteItem', `{${pad}"RequestItems":{"items":[{"DeleteRequest":{"Key":${deepKey}}}]}}`],
    ['BatchGetItem', `{${pad}"RequestItems":{"items":{"Keys":[${deepKey}]}}}`],
    ['TransactWriteItems', `{${pad}"TransactItems":[{"Put":{"TableName":"items","Item":${item}}}]}`],
    ['TransactWriteItems', `{${pad}"TransactItems":[{"Delete":{"TableName":"items","Key":${deepKey}}}]}`],
    ['TransactWriteItems', `{${pad}"TransactItems":[{"Update":{"TableName":"items","Key":${key},"UpdateExpression":"SET d = :v","ExpressionAttributeValues":{":v":${value}}}}]}`],
    ['TransactGetItems', `{${pad}"TransactItems":[{"Get":{"TableName":"items","Key":${deepKey}}}]}`],
  ];
}

// Most requests are small (5,000 levels, or 300); every 20th is about 1 MB: 1 MB of maps or
// lists, or 300 levels behind 1 MB of padding. The members take turns.
const small = [everyMember(nestedMaps(5000)), everyMember(nestedLists(300))];
const large = [
  everyMember(nestedMaps(90000)),
  everyMember(nestedLists(130000)),
  everyMember(nestedLists(300), `{"S":${JSON.stringify('x'.repeat(1024 * 1024))}}`),
];
const MEMBERS = small[0].length;
const requestAt = (i) => {
  const requests = i % 20 === 19 ? large[Math.floor(i / 20) % large.length] : small[i % small.length];
  return requests[i % MEMBERS];
};

let endpoint;
test.before(async () => {
  endpoint = await startEndpoint();
});
test.after(() => endpoint.close());

test('1,000 hostile requests get 400 and the nesting error; the heap and the endpoint survive', async () => {
  const module = await loadEngineModule();
  const created = await post(endpoint.url, 'CreateTable', {
    TableName: 'items',
    AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  assert.equal(created.status, 200);
  for (const requests of large) assert.ok(requests.every(([, body]) => body.length > 1_000_000));

  const send = async ([operation, body]) => {
    const response = await post(endpoint.url, operation, body);
    const answer = JSON.parse(await response.text());
    return { status: response.status, type: answer.__type, message: answer.message ?? answer.Message };
  };
  // Warm-up: each kind of request once, so the allocator has seen the largest sizes.
  for (const requests of [...small, ...large]) await send(requests[0]);
  const before = module.HEAPU8.buffer.byteLength;

  for (let i = 0; i < REQUESTS; i++) {
    assert.deepEqual(await send(requestAt(i)), {
      status: 400,
      type: 'com.amazon.coral.validate#ValidationException',
      message: NESTING,
    }, `request ${i}: ${requestAt(i)[0]}`);
  }
  const growth = module.HEAPU8.buffer.byteLength - before;
  assert.ok(growth <= MAX_GROWTH_BYTES, `the wasm heap grew by ${growth} bytes over ${REQUESTS} requests`);

  const put = await post(endpoint.url, 'PutItem', { TableName: 'items', Item: { a: { S: 'ok' } } });
  assert.equal(put.status, 200);
  const got = await post(endpoint.url, 'GetItem', { TableName: 'items', Key: { a: { S: 'ok' } } });
  assert.equal(got.status, 200);
  assert.deepEqual(JSON.parse(await got.text()), { Item: { a: { S: 'ok' } } });
});
