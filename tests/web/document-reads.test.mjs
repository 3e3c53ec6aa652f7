// The DocumentClient's get, query and scan on a database in this thread take the engine's answer
// in document form (web/src/document/document-reads.js). Held here to the general path (the same
// client over a wrapper that is not a PocketDynamo database, so that the answer comes as DynamoDB
// JSON and is unmarshalled) and to @aws-sdk/util-dynamodb's unmarshall: generated items with
// every kind of value (numbers past 2^53, binaries, sets, NULL, nesting, empty strings, strings
// starting with the document form's mark, a member named __proto__), projections, pages, counts,
// consumed capacity and errors must come back identical.
import test from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBDocument, GetItemCommand } from 'pocketdynamo';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { openWithTable } from './helpers.mjs';

// A small deterministic generator (the same values every run).
function random(seed) {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

const STRINGS = ['', 'text', '\u0001', '\u0001SS', '\u0001S\u0001x', 'héllo 😀', 'a"b\\c\n', '__proto__'];
const NUMBERS = ['0', '42', '-7', '3.25', '0.000125', '123456789012345', '1234567890123456', '9007199254740993',
  '-99999999999999999999999999999999999999', '1E+100', '1e-130', '12345678901234567890.5'];

function wireValue(pick, depth) {
  switch (pick(depth > 3 ? 9 : 12)) {
    case 0: return { S: STRINGS[pick(STRINGS.length)] };
    case 1:
    case 2: return { N: NUMBERS[pick(NUMBERS.length)] };
    case 3: return { B: new Uint8Array(Array.from({ length: pick(4) }, (_, i) => i * 80)) };
    case 4: return { BOOL: pick(2) === 0 };
    case 5: return { NULL: true };
    case 6: return { SS: ['b', 'a', '\u0001SS'].slice(pick(3)) };
    case 7: return { NS: ['1', '2.5', '9007199254740993'].slice(pick(3)) };
    case 8: return { BS: [new Uint8Array([1]), new Uint8Array([2, 3])].slice(pick(2)) };
    case 9: return { L: Array.from({ length: pick(4) }, () => wireValue(pick, depth + 1)) };
    default: {
      const M = {};
      for (let i = pick(4); i > 0; i--) {
        // defineProperty: an assignment to __proto__ would set the prototype instead of a member.
        Object.defineProperty(M, ['a', '1', '', '__proto__', 'z'][pick(5)],
          { value: wireValue(pick, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return { M };
    }
  }
}

async function seeded() {
  const db = await openWithTable({ sortKey: { name: 'n', type: 'N' } });
  const pick = random(20261205);
  for (let i = 0; i < 120; i++) {
    const Item = { id: { S: `p${i % 6}` }, n: { N: String(i) } };
    for (let a = pick(5); a > 0; a--) Item[['v', 'w', 'x', 'y'][pick(4)]] = wireValue(pick, 0);
    await db.putItem({ TableName: 'Things', Item });
  }
  return db;
}

// The same client steps over something that is not a PocketDynamo database: the general path.
const generalPath = (db) => DynamoDBDocument.from({ send: (command, options) => db.send(command, options) });

// A value as text that tells apart everything a caller could: types (Set, Uint8Array, bigint,
// -0), member order, and an object's prototype where it is not Object.prototype (unmarshall sets
// one for a member named __proto__; deepStrictEqual would compare those by reference).
function describe(value) {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? String(value);
  if (value instanceof Uint8Array) return `bytes(${value.constructor.name}:${Array.from(value)})`;
  if (value instanceof Set) return `Set(${Array.from(value, describe)})`;
  if (Array.isArray(value)) return `[${value.map(describe)}]`;
  const prototype = Object.getPrototypeOf(value);
  const members = Object.keys(value).map((key) => `${JSON.stringify(key)}:${describe(value[key])}`);
  return `{${members}}${prototype === Object.prototype ? '' : ` proto ${describe(prototype)}`}`;
}

// Outcome of a call, with what differs per call (request ids) left out, described.
async function outcome(promise) {
  try {
    const { $metadata, ...output } = await promise;
    return describe({ status: $metadata.httpStatusCode, output });
  } catch (error) {
    return describe({ error: { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode } });
  }
}

test('get: the same items as the general path and as util-dynamodb unmarshall', async () => {
  const db = await seeded();
  const fast = DynamoDBDocument.from(db);
  const general = generalPath(db);
  for (let i = 0; i < 120; i++) {
    const Key = { id: `p${i % 6}`, n: i };
    const a = await outcome(fast.get({ TableName: 'Things', Key }));
    assert.equal(a, await outcome(general.get({ TableName: 'Things', Key })), `item ${i}`);
    const wire = await db.send(new GetItemCommand({ TableName: 'Things', Key: { id: { S: Key.id }, n: { N: String(i) } } }));
    let expected;
    try {
      expected = describe(unmarshall(wire.Item));
    } catch (error) {
      expected = error.message;
    }
    let actual;
    try {
      actual = describe((await fast.get({ TableName: 'Things', Key })).Item);
    } catch (error) {
      actual = error.message;
    }
    assert.equal(actual, expected, `item ${i}`);
  }
  await db.close();
});

test('query and scan: pages, projections, counts and capacity as the general path', async () => {
  const db = await seeded();
  const fast = DynamoDBDocument.from(db);
  const general = generalPath(db);
  const reads = [];
  for (let p = 0; p < 6; p++) {
    const query = { TableName: 'Things', KeyConditionExpression: 'id = :p', ExpressionAttributeValues: { ':p': `p${p}` } };
    reads.push(['query', query], ['query', { ...query, Limit: 3, ScanIndexForward: false }],
      ['query', { ...query, ProjectionExpression: 'v, w', ReturnConsumedCapacity: 'TOTAL' }],
      ['query', { ...query, Select: 'COUNT' }],
      ['query', { ...query, ExclusiveStartKey: { id: `p${p}`, n: p + 6 }, Limit: 4 }]);
  }
  reads.push(['scan', { TableName: 'Things' }], ['scan', { TableName: 'Things', Limit: 17 }],
    ['scan', { TableName: 'Things', FilterExpression: 'attribute_exists(x)', ReturnConsumedCapacity: 'INDEXES' }],
    ['scan', { TableName: 'Things', ProjectionExpression: 'x' }]);
  for (const [method, input] of reads) {
    assert.equal(await outcome(fast[method](input)), await outcome(general[method](input)), JSON.stringify(input));
  }
  await db.close();
});

test('errors: the same exceptions, messages and status as the general path', async () => {
  const db = await seeded();
  const fast = DynamoDBDocument.from(db);
  const general = generalPath(db);
  const calls = [
    ['get', { TableName: 'Missing', Key: { id: 'a', n: 1 } }],
    ['get', { TableName: 'Things', Key: { id: 'a' } }],
    ['get', { TableName: 'Things', Key: { id: 1, n: 1 } }],
    ['get', { TableName: 'Things', Key: { id: '', n: 1 } }],
    ['get', { TableName: 'Things', Key: { id: 'a', n: 1 }, ProjectionExpression: '#nope' }],
    ['get', { TableName: 'Things', Key: { id: 'a', n: undefined } }],
    ['get', { TableName: 'Things', Key: { id: 'a\ud800', n: 1 } }],
    ['query', { TableName: 'Things', KeyConditionExpression: 'nope' }],
    ['query', { TableName: 'Things', KeyConditionExpression: 'id = :p' }],
    ['scan', { TableName: 'Things', Limit: 0 }],
    ['scan', { TableName: 'Missing' }],
  ];
  for (const [method, input] of calls) {
    const a = await outcome(fast[method](input));
    assert.match(a, /^\{"error"/, `${method} ${JSON.stringify(input)} fails`);
    assert.equal(a, await outcome(general[method](input)), `${method} ${JSON.stringify(input)}`);
  }
  // A bad durability option is refused alike.
  const bad = { durability: 'sometimes' };
  assert.equal(await outcome(fast.get({ TableName: 'Things', Key: { id: 'p0', n: 0 } }, bad)),
    await outcome(general.get({ TableName: 'Things', Key: { id: 'p0', n: 0 } }, bad)));
  await db.close();
});

test('a number unmarshall cannot convert, a __proto__ member, callbacks and wrapNumbers', async () => {
  const db = await openWithTable();
  const fast = DynamoDBDocument.from(db);
  const general = generalPath(db);
  await db.putItem({ TableName: 'Things', Item: { id: { S: 'odd' }, v: { N: '12345678901234567890.5' } } });
  const odd = await outcome(fast.get({ TableName: 'Things', Key: { id: 'odd' } }));
  assert.match(odd, /can't be converted to BigInt/);
  assert.equal(odd, await outcome(general.get({ TableName: 'Things', Key: { id: 'odd' } })));

  await db.putItem({ TableName: 'Things', Item: { id: { S: 'proto' }, m: { M: { ['__proto__']: { M: { polluted: { BOOL: true } } } } } } });
  const proto = await fast.get({ TableName: 'Things', Key: { id: 'proto' } });
  assert.equal(describe(proto.Item), describe((await general.get({ TableName: 'Things', Key: { id: 'proto' } })).Item));
  assert.equal(Object.getPrototypeOf(proto.Item.m).polluted, true); // as util-dynamodb's unmarshall does
  assert.equal({}.polluted, undefined);

  const viaCallback = await new Promise((resolve, reject) => {
    fast.get({ TableName: 'Things', Key: { id: 'odd' } }, (error, data) => (error ? resolve(error) : reject(data)));
  });
  assert.match(viaCallback.message, /can't be converted to BigInt/);

  const wrapped = DynamoDBDocument.from(db, { unmarshallOptions: { wrapNumbers: true } });
  assert.equal((await wrapped.get({ TableName: 'Things', Key: { id: 'odd' } })).Item.v.value, '12345678901234567890.5');
  await db.close();
});
