// open({ tables }): missing tables are created, existing ones checked against their declaration,
// global secondary indexes brought in line, and a key schema that differs refused by name.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PocketDynamo, ValidationException } from 'pocketdynamo';

// CreateTable wants exactly the attributes that some key uses: 'tag' only with an index on it.
const notes = (extra = {}) => ({
  TableName: 'Notes',
  AttributeDefinitions: [
    { AttributeName: 'user', AttributeType: 'S' },
    { AttributeName: 'created', AttributeType: 'N' },
    ...(extra.GlobalSecondaryIndexes ? [{ AttributeName: 'tag', AttributeType: 'S' }] : []),
  ],
  KeySchema: [{ AttributeName: 'user', KeyType: 'HASH' }, { AttributeName: 'created', KeyType: 'RANGE' }],
  BillingMode: 'PAY_PER_REQUEST',
  ...extra,
});
const byTag = { IndexName: 'byTag', KeySchema: [{ AttributeName: 'tag', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } };
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pd-declared-'));
const openAt = (dir, tables) => PocketDynamo.open({ name: 'declared', storage: 'fs', path: dir, tables });
const indexNames = async (db) => ((await db.describeTable({ TableName: 'Notes' })).Table.GlobalSecondaryIndexes ?? [])
  .map((index) => index.IndexName).sort();

test('declared tables that are missing are created, with their indexes, ready to use', async () => {
  const db = await PocketDynamo.open({
    name: 'declared-memory', storage: 'memory',
    tables: [notes({ GlobalSecondaryIndexes: [byTag] }), { ...notes(), TableName: 'Other' }],
  });
  assert.deepEqual((await db.listTables({})).TableNames, ['Notes', 'Other']);
  assert.deepEqual(await indexNames(db), ['byTag']);
  await db.putItem({ TableName: 'Notes', Item: { user: { S: 'ada' }, created: { N: '1' }, tag: { S: 'x' } } });
  const { Count } = await db.query({
    TableName: 'Notes', IndexName: 'byTag', KeyConditionExpression: 'tag = :t', ExpressionAttributeValues: { ':t': { S: 'x' } },
  });
  assert.equal(Count, 1);
  await db.close();
});

test('reopening with the same declaration keeps the tables and their items', async () => {
  const dir = tempDir();
  let db = await openAt(dir, [notes()]);
  await db.putItem({ TableName: 'Notes', Item: { user: { S: 'ada' }, created: { N: '1' } } });
  await db.close();
  db = await openAt(dir, [notes()]);
  assert.equal((await db.scan({ TableName: 'Notes' })).Count, 1);
  await db.close();
});

test('a global secondary index declared later is added, and back-filled from the items already there', async () => {
  const dir = tempDir();
  let db = await openAt(dir, [notes()]);
  await db.putItem({ TableName: 'Notes', Item: { user: { S: 'ada' }, created: { N: '1' }, tag: { S: 'x' } } });
  await db.close();
  db = await openAt(dir, [notes({ GlobalSecondaryIndexes: [byTag] })]);
  assert.deepEqual(await indexNames(db), ['byTag']);
  const { Count } = await db.query({
    TableName: 'Notes', IndexName: 'byTag', KeyConditionExpression: 'tag = :t', ExpressionAttributeValues: { ':t': { S: 'x' } },
  });
  assert.equal(Count, 1);
  await db.close();
});

test('a global secondary index no longer declared is removed, and one declared differently is remade', async () => {
  const dir = tempDir();
  const byCreated = { IndexName: 'byCreated', KeySchema: [{ AttributeName: 'user', KeyType: 'HASH' }, { AttributeName: 'tag', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } };
  let db = await openAt(dir, [notes({ GlobalSecondaryIndexes: [byTag, byCreated] })]);
  await db.close();
  const keysOnly = { ...byTag, Projection: { ProjectionType: 'KEYS_ONLY' } };
  db = await openAt(dir, [notes({ GlobalSecondaryIndexes: [keysOnly] })]);
  const { Table } = await db.describeTable({ TableName: 'Notes' });
  assert.deepEqual(Table.GlobalSecondaryIndexes.map((index) => [index.IndexName, index.Projection.ProjectionType]), [['byTag', 'KEYS_ONLY']]);
  await db.close();
});

test('a table whose key schema differs from its declaration refuses the open with ValidationException naming both', async () => {
  const dir = tempDir();
  let db = await openAt(dir, [notes()]);
  await db.close();
  const changed = notes({ KeySchema: [{ AttributeName: 'user', KeyType: 'HASH' }] });
  await assert.rejects(openAt(dir, [changed]), (error) => {
    assert.ok(error instanceof ValidationException);
    assert.equal(error.name, 'ValidationException');
    assert.match(error.message, /table Notes exists with key schema user \(HASH, S\), created \(RANGE, N\), not the declared user \(HASH, S\)/);
    return true;
  });
  // The refused open released the database: the next open (with the old declaration) works.
  db = await openAt(dir, [notes()]);
  await db.close();
});

test('a key attribute whose type differs is a key schema difference too', async () => {
  const dir = tempDir();
  await (await openAt(dir, [notes()])).close();
  const changed = notes({ AttributeDefinitions: [{ AttributeName: 'user', AttributeType: 'S' }, { AttributeName: 'created', AttributeType: 'S' }] });
  await assert.rejects(openAt(dir, [changed]), /created \(RANGE, N\), not the declared user \(HASH, S\), created \(RANGE, S\)/);
});

test('tables that are not an array of CreateTable inputs are refused before anything opens', async () => {
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'memory', tables: {} }), TypeError);
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'memory', tables: [{}] }), /with TableName/);
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'memory', tables: [notes(), notes()] }), /declared twice/);
});

test('a declaration CreateTable refuses is refused the same way by open', async () => {
  const bad = notes({ KeySchema: [{ AttributeName: 'nope', KeyType: 'HASH' }] });
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'memory', tables: [bad] }), ValidationException);
});
