// Streams in the package: db.subscribe and db.streamRecords deliver one record per change, in
// order, in the low-level or the DocumentClient shape; unsubscribe, break and close end them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBDocument, NumberValue, PocketDynamo } from 'pocketdynamo';
import { executeRawBody } from '../../web/src/internal.js';
import { loadEngineModule } from '../../web/src/engine-module.js';
import { StreamHub } from '../../web/src/streams/hub.js';

const NOW = 1_700_000_000;
let counter = 0;

function tableInput(TableName, viewType) {
  const input = {
    TableName,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
  if (viewType) input.StreamSpecification = { StreamEnabled: true, StreamViewType: viewType };
  return input;
}

async function openStreamed(viewType = 'NEW_AND_OLD_IMAGES') {
  counter += 1;
  const db = await PocketDynamo.open({ name: `streams-${counter}`, storage: 'memory' });
  await db.createTable(tableInput('Orders', viewType));
  return db;
}

// Lets queued deliveries run (they happen after the write has returned).
const settle = () => new Promise((resolve) => setImmediate(resolve));

const item = (id, extra = {}) => ({ id: { S: id }, ...extra });
const summary = (records) => records.map((r) => `${r.eventName} ${r.dynamodb.Keys.id.S ?? r.dynamodb.Keys.id}`);

function assertInOrder(records) {
  const sequences = records.map((r) => BigInt(r.dynamodb.SequenceNumber));
  for (let i = 1; i < sequences.length; i++) assert.ok(sequences[i] > sequences[i - 1], 'sequence numbers increase');
  assert.equal(new Set(records.map((r) => r.eventID)).size, records.length, 'each record once');
}

test('every write gives exactly one record, in order, and a write that changes nothing gives none', async () => {
  const db = await openStreamed();
  await db.updateTimeToLive({ TableName: 'Orders', TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
  const records = [];
  const unsubscribe = db.subscribe('Orders', (record) => records.push(record));
  const expectNew = async (write, expected) => {
    const before = records.length;
    await write();
    await settle();
    assert.deepEqual(summary(records.slice(before)), expected);
  };

  await expectNew(() => db.putItem({ TableName: 'Orders', Item: item('a', { n: { N: '1' } }) }), ['INSERT a']);
  await expectNew(() => db.putItem({ TableName: 'Orders', Item: item('a', { n: { N: '2' } }) }), ['MODIFY a']);
  await expectNew(() => db.putItem({ TableName: 'Orders', Item: item('a', { n: { N: '2' } }) }), []);  // same item
  await expectNew(() => db.updateItem({
    TableName: 'Orders', Key: item('a'), UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } },
  }), ['MODIFY a']);
  await expectNew(() => db.updateItem({
    TableName: 'Orders', Key: item('a'), UpdateExpression: 'SET n = :three', ExpressionAttributeValues: { ':three': { N: '3' } },
  }), []);  // already 3
  await expectNew(() => db.deleteItem({ TableName: 'Orders', Key: item('missing') }), []);
  await expectNew(() => assert.rejects(db.putItem({
    TableName: 'Orders', Item: item('a'), ConditionExpression: 'attribute_not_exists(id)',
  }), { name: 'ConditionalCheckFailedException' }), []);
  await expectNew(() => db.deleteItem({ TableName: 'Orders', Key: item('a') }), ['REMOVE a']);
  await expectNew(() => db.batchWriteItem({
    RequestItems: {
      Orders: [
        { PutRequest: { Item: item('b') } },
        { PutRequest: { Item: item('c') } },
        { PutRequest: { Item: item('d', { exp: { N: String(NOW - 1) } }) } },
      ],
    },
  }), ['INSERT b', 'INSERT c', 'INSERT d']);
  await expectNew(() => db.transactWriteItems({
    TransactItems: [
      { Put: { TableName: 'Orders', Item: item('e') } },
      { Update: { TableName: 'Orders', Key: item('b'), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '5' } } } },
      { Delete: { TableName: 'Orders', Key: item('c') } },
      { ConditionCheck: { TableName: 'Orders', Key: item('d'), ConditionExpression: 'attribute_exists(id)' } },
    ],
  }), ['INSERT e', 'MODIFY b', 'REMOVE c']);
  await expectNew(() => assert.rejects(db.transactWriteItems({
    TransactItems: [
      { Put: { TableName: 'Orders', Item: item('f') } },
      { ConditionCheck: { TableName: 'Orders', Key: item('nope'), ConditionExpression: 'attribute_exists(id)' } },
    ],
  }), { name: 'TransactionCanceledException' }), []);
  await expectNew(() => db.sweepExpiredItems({ now: NOW }), ['REMOVE d']);
  // The raw path (used by the HTTP endpoint and the SDK request handler) notifies too.
  await expectNew(() => executeRawBody(db, 'PutItem', JSON.stringify({ TableName: 'Orders', Item: item('g') })), ['INSERT g']);

  assertInOrder(records);
  const ttl = records.at(-2);
  assert.deepEqual(ttl.userIdentity, { type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  assert.equal(records.filter((r) => r.userIdentity).length, 1);
  const modify = records[1];
  assert.deepEqual(modify.dynamodb.Keys, item('a'));
  assert.deepEqual(modify.dynamodb.OldImage, item('a', { n: { N: '1' } }));
  assert.deepEqual(modify.dynamodb.NewImage, item('a', { n: { N: '2' } }));
  assert.ok(modify.dynamodb.ApproximateCreationDateTime instanceof Date);
  // The low-level shape is exactly what GetRecords returns.
  const { Table } = await db.describeTable({ TableName: 'Orders' });
  const { StreamDescription } = JSON.parse(await executeRawBody(db, 'DescribeStream', JSON.stringify({ StreamArn: Table.LatestStreamArn })));
  const { ShardIterator } = JSON.parse(await executeRawBody(db, 'GetShardIterator', JSON.stringify({
    StreamArn: Table.LatestStreamArn, ShardId: StreamDescription.Shards[0].ShardId, ShardIteratorType: 'TRIM_HORIZON',
  })));
  const { Records } = JSON.parse(await executeRawBody(db, 'GetRecords', JSON.stringify({ ShardIterator })));
  assert.deepEqual(records.map((r) => r.eventID), Records.map((r) => r.eventID));
  assert.deepEqual(records[0].dynamodb.NewImage, Records[0].dynamodb.NewImage);
  unsubscribe();
  await db.close();
});

test('several subscribers each get every record of their own table', async () => {
  const db = await openStreamed();
  await db.createTable(tableInput('Other', 'KEYS_ONLY'));
  const first = [];
  const second = [];
  const other = [];
  db.subscribe('Orders', (r) => first.push(r));
  db.subscribe('Orders', (r) => second.push(r));
  db.subscribe('Other', (r) => other.push(r));
  for (let i = 0; i < 30; i++) await db.putItem({ TableName: i % 3 ? 'Orders' : 'Other', Item: item(`k${i}`) });
  await settle();
  assert.equal(first.length, 20);
  assert.deepEqual(first.map((r) => r.eventID), second.map((r) => r.eventID));
  assert.equal(other.length, 10);
  assert.equal(other[0].dynamodb.NewImage, undefined);  // KEYS_ONLY
  assertInOrder(first);
  await db.close();
});

test('the document shape unmarshalls keys and images, honouring unmarshallOptions', async () => {
  const db = await openStreamed();
  const plain = [];
  const wrapped = [];
  const fromClient = [];
  const doc = DynamoDBDocument.from(db, { unmarshallOptions: { wrapNumbers: true } });
  db.subscribe('Orders', (r) => plain.push(r), { shape: 'document' });
  db.subscribe('Orders', (r) => wrapped.push(r), { shape: 'document', unmarshallOptions: { wrapNumbers: (text) => `#${text}` } });
  doc.subscribe('Orders', (r) => fromClient.push(r));
  const lowLevel = [];
  doc.subscribe('Orders', (r) => lowLevel.push(r), { shape: 'dynamodb' });
  await doc.put({ TableName: 'Orders', Item: { id: 'a', price: 12.5, tags: new Set(['x', 'y']), big: 12345678901234567890n, bytes: new Uint8Array([1, 2]) } });
  await doc.update({ TableName: 'Orders', Key: { id: 'a' }, UpdateExpression: 'SET price = :t', ExpressionAttributeValues: { ':t': 13 } });
  await doc.delete({ TableName: 'Orders', Key: { id: 'a' } });
  await settle();
  assert.deepEqual(plain.map((r) => r.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
  assert.deepEqual(plain[0].dynamodb.Keys, { id: 'a' });
  assert.deepEqual(plain[0].dynamodb.NewImage, { id: 'a', price: 12.5, tags: new Set(['x', 'y']), big: 12345678901234567890n, bytes: new Uint8Array([1, 2]) });
  assert.equal(plain[1].dynamodb.OldImage.price, 12.5);
  assert.equal(plain[1].dynamodb.NewImage.price, 13);
  assert.equal(plain[2].dynamodb.NewImage, undefined);
  assert.equal(plain[2].dynamodb.OldImage.price, 13);
  assert.equal(wrapped[0].dynamodb.NewImage.price, '#12.5');
  assert.ok(fromClient[0].dynamodb.NewImage.price instanceof NumberValue);
  assert.equal(fromClient[0].dynamodb.NewImage.price.toString(), '12.5');
  assert.deepEqual(fromClient[0].dynamodb.Keys, { id: 'a' });
  assert.deepEqual(lowLevel[0].dynamodb.Keys, { id: { S: 'a' } });
  // Everything but the images is the record as GetRecords gives it.
  assert.equal(plain[0].eventID, lowLevel[0].eventID);
  assert.equal(plain[0].dynamodb.SequenceNumber, lowLevel[0].dynamodb.SequenceNumber);
  await db.close();
});

test('unsubscribe stops delivery, also of records not yet delivered', async () => {
  const db = await openStreamed();
  const records = [];
  const unsubscribe = db.subscribe('Orders', (r) => records.push(r));
  await db.putItem({ TableName: 'Orders', Item: item('a') });
  await settle();
  assert.equal(records.length, 1);
  const write = db.putItem({ TableName: 'Orders', Item: item('b') });
  unsubscribe();  // the record of b is read, but not handed over yet
  await write;
  await db.putItem({ TableName: 'Orders', Item: item('c') });
  await settle();
  assert.deepEqual(summary(records), ['INSERT a']);
  unsubscribe();  // twice is harmless
  await db.close();
});

test('startingPosition TRIM_HORIZON delivers the records already kept first', async () => {
  const db = await openStreamed();
  await db.putItem({ TableName: 'Orders', Item: item('a') });
  await db.putItem({ TableName: 'Orders', Item: item('b') });
  const latest = [];
  const all = [];
  db.subscribe('Orders', (r) => latest.push(r));
  db.subscribe('Orders', (r) => all.push(r), { startingPosition: 'TRIM_HORIZON' });
  await db.putItem({ TableName: 'Orders', Item: item('c') });
  await settle();
  assert.deepEqual(summary(latest), ['INSERT c']);
  assert.deepEqual(summary(all), ['INSERT a', 'INSERT b', 'INSERT c']);
  await db.close();
});

test('an async handler is awaited: records stay in order, and handler errors go to onError', { timeout: 30_000 }, async () => {
  const db = await openStreamed();
  const seen = [];
  const errors = [];
  let lastHandled;
  const allHandled = new Promise((resolve) => { lastHandled = resolve; });
  // 'a' finishes last of all if it is not awaited: it waits for two timer turns, the others none.
  db.subscribe('Orders', async (record) => {
    const id = record.dynamodb.Keys.id.S;
    if (id === 'a') for (let i = 0; i < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    if (id === 'b') throw new Error('handler failed on b');
    seen.push(id);
    if (id === 'c') lastHandled();
  }, { onError: (error, record) => errors.push([error.message, record.dynamodb.Keys.id.S]) });
  await db.batchWriteItem({ RequestItems: { Orders: ['a', 'b', 'c'].map((id) => ({ PutRequest: { Item: item(id) } })) } });
  await allHandled;
  await settle();
  assert.deepEqual(seen, ['a', 'c']);
  assert.deepEqual(errors, [['handler failed on b', 'b']]);
  await db.close();
});

test('a handler may write: its own writes are delivered after, never inside', { timeout: 30_000 }, async () => {
  const db = await openStreamed();
  await db.createTable(tableInput('Audit', 'NEW_IMAGE'));
  const audit = [];
  db.subscribe('Orders', (record) => db.putItem({ TableName: 'Audit', Item: item(`audit-${record.dynamodb.Keys.id.S}`) }));
  let audited;
  const bothAudited = new Promise((resolve) => { audited = resolve; });
  db.subscribe('Audit', (record) => {
    audit.push(record.dynamodb.Keys.id.S);
    if (audit.length === 2) audited();
  });
  await db.putItem({ TableName: 'Orders', Item: item('a') });
  await db.putItem({ TableName: 'Orders', Item: item('b') });
  await bothAudited;
  await settle();
  assert.deepEqual(audit, ['audit-a', 'audit-b']);
  await db.close();
});

test('streamRecords: records in order, from the moment it is made; break ends it', async () => {
  const db = await openStreamed();
  const records = db.streamRecords('Orders', { shape: 'document' });
  await db.putItem({ TableName: 'Orders', Item: item('a') });  // before the first next()
  const seen = [];
  const reading = (async () => {
    for await (const record of records) {
      seen.push(`${record.eventName} ${record.dynamodb.Keys.id}`);
      if (seen.length === 3) break;
    }
  })();
  await db.putItem({ TableName: 'Orders', Item: item('b') });
  await db.deleteItem({ TableName: 'Orders', Key: item('a') });
  await db.putItem({ TableName: 'Orders', Item: item('c') });
  await reading;
  assert.deepEqual(seen, ['INSERT a', 'INSERT b', 'REMOVE a']);
  assert.deepEqual(await records.next(), { value: undefined, done: true });
  await db.close();
});

test('streamRecords: return() resolves a waiting next() as done; a DocumentClient has streamRecords too', async () => {
  const db = await openStreamed();
  const doc = DynamoDBDocument.from(db);
  const records = doc.streamRecords('Orders', { startingPosition: 'TRIM_HORIZON' });
  const waiting = records.next();
  await doc.put({ TableName: 'Orders', Item: { id: 'a', n: 1 } });
  assert.deepEqual((await waiting).value.dynamodb.NewImage, { id: 'a', n: 1 });
  const pending = records.next();
  assert.deepEqual(await records.return(), { value: undefined, done: true });
  assert.deepEqual(await pending, { value: undefined, done: true });
  await doc.put({ TableName: 'Orders', Item: { id: 'b' } });
  assert.deepEqual(await records.next(), { value: undefined, done: true });
  await db.close();
});

test('streams end when the stream is disabled, the table deleted or the database closed', async () => {
  const db = await openStreamed();
  await db.createTable(tableInput('Gone', 'KEYS_ONLY'));
  const disabled = db.streamRecords('Orders');
  const deleted = db.streamRecords('Gone');
  const closed = db.streamRecords('Orders', { startingPosition: 'TRIM_HORIZON' });
  await db.putItem({ TableName: 'Orders', Item: item('a') });
  await db.putItem({ TableName: 'Gone', Item: item('z') });
  await db.updateTable({ TableName: 'Orders', StreamSpecification: { StreamEnabled: false } });
  await db.deleteTable({ TableName: 'Gone' });
  const drain = async (iterator) => { const out = []; for await (const r of iterator) out.push(r.eventName); return out; };
  assert.deepEqual(await drain(disabled), ['INSERT']);
  assert.deepEqual(await drain(deleted), ['INSERT']);
  const first = await closed.next();
  assert.equal(first.value.eventName, 'INSERT');
  const pending = closed.next();
  await db.close();
  assert.deepEqual(await pending, { value: undefined, done: true });
});

test('a table without an enabled stream, a missing table, bad arguments and a closed database are refused', async () => {
  const db = await openStreamed();
  await db.createTable(tableInput('Plain'));
  const noStream = { name: 'ValidationException', message: /Table has no enabled stream: TableName: Plain/ };
  assert.throws(() => db.subscribe('Plain', () => {}), noStream);
  assert.throws(() => db.streamRecords('Plain'), noStream);
  assert.throws(() => DynamoDBDocument.from(db).subscribe('Plain', () => {}), noStream);
  try {
    db.subscribe('Plain', () => {});
  } catch (error) {
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.$fault, 'client');
  }
  await db.updateTable({ TableName: 'Orders', StreamSpecification: { StreamEnabled: false } });
  assert.throws(() => db.subscribe('Orders', () => {}), { name: 'ValidationException', message: /TableName: Orders/ });
  assert.throws(() => db.subscribe('Nope', () => {}), { name: 'ResourceNotFoundException' });
  assert.throws(() => db.streamRecords('Nope'), { name: 'ResourceNotFoundException' });
  assert.throws(() => db.subscribe('Orders'), TypeError);
  assert.throws(() => db.subscribe(undefined, () => {}), TypeError);
  assert.throws(() => db.streamRecords('Orders', { startingPosition: 'AT_SEQUENCE_NUMBER' }), TypeError);
  assert.throws(() => db.streamRecords('Orders', { shape: 'json' }), TypeError);
  await db.close();
  assert.throws(() => db.subscribe('Orders', () => {}), { name: 'DatabaseClosedError' });
});

test('a reader idle past a third of the iterator lifetime is renewed before the next write, losing nothing', async () => {
  const { Engine } = await loadEngineModule();
  const engine = new Engine();
  let now = Date.now();
  const hub = new StreamHub((operation, text) => engine.execute(operation, text), () => now);
  const write = (operation, input) => {
    hub.beforeRequest(operation);
    engine.execute(operation, JSON.stringify(input));
    hub.afterRequest(operation);
  };
  write('CreateTable', tableInput('Orders', 'KEYS_ONLY'));
  write('PutItem', { TableName: 'Orders', Item: item('before') });
  const records = [];
  hub.subscribe('Orders', (r) => records.push(r.dynamodb.Keys.id.S));
  write('PutItem', { TableName: 'Orders', Item: item('a') });
  now += 6 * 60 * 1000;
  write('PutItem', { TableName: 'Orders', Item: item('b') });
  now += 60 * 60 * 1000;
  write('PutItem', { TableName: 'Orders', Item: item('c') });
  await settle();
  assert.deepEqual(records, ['a', 'b', 'c']);
  hub.close();
  engine.delete();
});
