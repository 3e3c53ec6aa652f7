// The engine's own tables as the package reads them (Engine.protocol()): the operation list with
// what each may do, the error kinds, and the ok / wrote bits every response carries.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { OPERATIONS } from '../../web/src/operations.js';
import { commandClasses } from '../../web/src/commands.js';

const dist = new URL('../../web/dist/', import.meta.url);
const { default: createPocketDynamoModule } = await import(new URL('pocketdynamo.js', dist));
const module = await createPocketDynamoModule({ wasmBinary: fs.readFileSync(new URL('pocketdynamo.wasm', dist)) });
const protocol = JSON.parse(module.Engine.protocol());
const byName = new Map(protocol.operations.map((entry) => [entry.name, entry]));

test('web/dist/protocol.js, which the package reads, is the built engine\'s own table', async () => {
  const { default: written } = await import(new URL('protocol.js', dist));
  assert.deepEqual(written, protocol);
});

test('every DynamoDB operation of the engine has a method and a command class in the package', async () => {
  const { PocketDynamoDatabase } = await import('../../web/src/index.js');
  const client = await import('../../web/src/client.js');
  const engineOperations = protocol.operations.filter((entry) => entry.api === 'DynamoDB').map((entry) => entry.name);
  assert.deepEqual([...OPERATIONS], engineOperations);
  for (const operation of engineOperations) {
    assert.equal(typeof PocketDynamoDatabase.prototype[operation[0].toLowerCase() + operation.slice(1)], 'function', operation);
    assert.equal(commandClasses[operation].operation, operation);
  }
  assert.equal(client.GetItemCommand, commandClasses.GetItem);
});

test('the operation table says which operations write and which change the catalog', () => {
  const writes = protocol.operations.filter((entry) => entry.writes).map((entry) => entry.name).sort();
  assert.deepEqual(writes, [
    'BatchExecuteStatement', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'ExecuteStatement',
    'ExecuteTransaction', 'PocketDynamo_SweepExpiredItems', 'PutItem', 'TagResource', 'TransactWriteItems',
    'UntagResource', 'UpdateContinuousBackups', 'UpdateItem', 'UpdateTable', 'UpdateTimeToLive',
  ]);
  const catalog = protocol.operations.filter((entry) => entry.changesCatalog).map((entry) => entry.name).sort();
  assert.deepEqual(catalog, [
    'CreateTable', 'DeleteTable', 'TagResource', 'UntagResource', 'UpdateContinuousBackups', 'UpdateTable', 'UpdateTimeToLive',
  ]);
  for (const name of ['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords']) {
    assert.equal(byName.get(name).api, 'DynamoDBStreams', name);
  }
  assert.equal(byName.get('PocketDynamo_SweepExpiredItems').api, 'PocketDynamo');
  assert.equal(byName.get('PocketDynamo_SetRegion').api, 'PocketDynamo');
});

test('error kinds: namespaces, the message key and the status, as the engine writes them', () => {
  assert.deepEqual(protocol.errors.ValidationException, { namespace: 'com.amazon.coral.validate', messageKey: 'message', status: 400 });
  assert.deepEqual(protocol.errors.SerializationException, { namespace: 'com.amazon.coral.service', messageKey: 'Message', status: 400 });
  assert.equal(protocol.errors.InternalServerError.status, 500);
  assert.deepEqual(protocol.ordinaryError, { namespace: 'com.amazonaws.dynamodb.v20120810', messageKey: 'message', status: 400 });
  const engine = new module.Engine();
  try {
    // The engine's own error bodies follow the same table.
    const unknown = engine.execute('NoSuchOperation', '{}');
    assert.equal(unknown.ok, false);
    assert.equal(JSON.parse(unknown.body).__type, `${protocol.errors.UnknownOperationException.namespace}#UnknownOperationException`);
    const malformed = JSON.parse(engine.execute('ListTables', '{').body);
    assert.equal(malformed.__type, 'com.amazon.coral.service#SerializationException');
    assert.ok('Message' in malformed);
  } finally {
    engine.delete();
  }
});

test('every response says whether it is an error and whether a write succeeded', () => {
  const engine = new module.Engine();
  try {
    const run = (operation, input) => engine.execute(operation, JSON.stringify(input));
    const created = run('CreateTable', {
      TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST',
    });
    assert.deepEqual([created.ok, created.wrote], [true, true]);
    // The fast path (a plain PutItem) and the general path (with a condition) both say so.
    assert.deepEqual(Object.values(run('PutItem', { TableName: 'Tab', Item: { id: { S: 'a' } } })).filter((v) => typeof v === 'boolean'), [true, true]);
    const conditional = run('PutItem', { TableName: 'Tab', Item: { id: { S: 'b' } }, ConditionExpression: 'attribute_not_exists(id)' });
    assert.deepEqual([conditional.ok, conditional.wrote], [true, true]);
    const refused = run('PutItem', { TableName: 'Tab', Item: { id: { S: 'b' } }, ConditionExpression: 'attribute_not_exists(id)' });
    assert.deepEqual([refused.ok, refused.wrote], [false, false]);
    assert.match(JSON.parse(refused.body).__type, /#ConditionalCheckFailedException$/);
    const read = run('GetItem', { TableName: 'Tab', Key: { id: { S: 'a' } } });
    assert.deepEqual([read.ok, read.wrote], [true, false]);
    // An item may have an attribute named __type: the ok bit, not the text, says it is no error.
    run('PutItem', { TableName: 'Tab', Item: { id: { S: 'c' }, __type: { S: 'x#ValidationException' } } });
    const tricky = run('GetItem', { TableName: 'Tab', Key: { id: { S: 'c' } } });
    assert.equal(tricky.ok, true);
    assert.ok(tricky.body.includes('"__type"'));
  } finally {
    engine.delete();
  }
});
