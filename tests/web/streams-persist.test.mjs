// Stream records are stored with the data: after a close and reopen (storage 'fs', and 'idb'
// through fake-indexeddb), a reader from TRIM_HORIZON gets every record of before, in order,
// then the new ones, with sequence numbers that keep increasing.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PocketDynamo } from 'pocketdynamo';

const table = {
  TableName: 'Orders',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
};

// Reads every record there is now, from the start of the stream.
async function readAll(db) {
  const records = [];
  const iterator = db.streamRecords('Orders', { startingPosition: 'TRIM_HORIZON', shape: 'document' });
  const stop = setTimeout(() => iterator.return?.(), 200);
  for await (const record of iterator) {
    records.push(`${record.eventName} ${record.dynamodb.Keys.id} ${record.dynamodb.NewImage?.n ?? '-'}`);
    if (records.length === 100) break;
  }
  clearTimeout(stop);
  return records;
}

async function writeSome(db, from) {
  await db.putItem({ TableName: 'Orders', Item: { id: { S: `o${from}` }, n: { N: '1' } } });
  await db.updateItem({
    TableName: 'Orders', Key: { id: { S: `o${from}` } }, UpdateExpression: 'SET n = n + :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  });
  await db.transactWriteItems({
    TransactItems: [
      { Put: { TableName: 'Orders', Item: { id: { S: `o${from + 1}` }, n: { N: '5' } } } },
      { Delete: { TableName: 'Orders', Key: { id: { S: `o${from}` } } } },
    ],
  });
}

const stores = [
  ['fs', () => ({ storage: 'fs', path: fs.mkdtempSync(path.join(os.tmpdir(), 'pd-streams-')) })],
  ['idb', () => ({ storage: 'idb' })],
];

for (const [kind, where] of stores) {
  test(`stream records survive a reopen (storage '${kind}')`, async () => {
    const options = { name: `streams-persist-${kind}`, ...where() };
    let db = await PocketDynamo.open(options);
    await db.createTable(table);
    await writeSome(db, 1);
    const before = await readAll(db);
    assert.deepEqual(before, ['INSERT o1 1', 'MODIFY o1 2', 'INSERT o2 5', 'REMOVE o1 -']);
    await db.close();

    db = await PocketDynamo.open(options);
    assert.deepEqual(await readAll(db), before);
    await writeSome(db, 10);
    const after = await readAll(db);
    assert.deepEqual(after, [...before, 'INSERT o10 1', 'MODIFY o10 2', 'INSERT o11 5', 'REMOVE o10 -']);
    await db.close();

    db = await PocketDynamo.open(options);
    assert.deepEqual(await readAll(db), after);
    await db.close();
    if (options.path) fs.rmSync(options.path, { recursive: true, force: true });
  });
}
