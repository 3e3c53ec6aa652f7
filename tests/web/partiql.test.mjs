// PartiQL through the package: db.executeStatement, db.batchExecuteStatement and
// db.executeTransaction with attribute values, the DocumentClient's ExecuteStatementCommand,
// BatchExecuteStatementCommand and ExecuteTransactionCommand with plain JS values, and the
// errors as their exception classes.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BatchExecuteStatementCommand, DuplicateItemException, DynamoDBDocument, ExecuteStatementCommand,
  ExecuteTransactionCommand, PocketDynamo, TransactionCanceledException, ValidationException,
} from 'pocketdynamo';
import * as client from 'pocketdynamo/client';
import { openWithTable } from './helpers.mjs';

const sorted = { sortKey: { name: 'n', type: 'N' } };

test('db.executeStatement: INSERT, SELECT as a Query with Limit and NextToken, UPDATE, DELETE', async () => {
  const db = await openWithTable(sorted);
  try {
    for (const n of [1, 2, 3]) {
      const inserted = await db.executeStatement({ Statement: 'INSERT INTO Things VALUE {\'id\': ?, \'n\': ?, \'tags\': <<\'a\'>>}', Parameters: [{ S: 'x' }, { N: String(n) }] });
      assert.deepEqual(inserted.Items, []);
    }
    const first = await db.executeStatement({ Statement: 'SELECT n FROM Things WHERE id = \'x\'', Limit: 2 });
    assert.deepEqual(first.Items, [{ n: { N: '1' } }, { n: { N: '2' } }]);
    assert.equal(typeof first.NextToken, 'string');
    const rest = await db.executeStatement({ Statement: 'SELECT n FROM Things WHERE id = \'x\'', Limit: 2, NextToken: first.NextToken });
    assert.deepEqual(rest.Items, [{ n: { N: '3' } }]);
    const updated = await db.executeStatement({ Statement: 'UPDATE Things SET score = 5 REMOVE tags WHERE id = \'x\' AND n = 2 RETURNING ALL NEW *' });
    assert.deepEqual(updated.Items, [{ id: { S: 'x' }, n: { N: '2' }, score: { N: '5' } }]);
    await db.executeStatement({ Statement: 'DELETE FROM Things WHERE id = \'x\' AND n = 1' });
    const left = await db.scan({ TableName: 'Things' });
    assert.equal(left.Count, 2);
  } finally {
    await db.close();
  }
});

test('an INSERT of an existing key rejects with DuplicateItemException; a bad statement with ValidationException', async () => {
  const db = await openWithTable();
  try {
    await db.executeStatement({ Statement: 'INSERT INTO Things VALUE {\'id\': \'a\'}' });
    await assert.rejects(db.executeStatement({ Statement: 'INSERT INTO Things VALUE {\'id\': \'a\'}' }), (error) => {
      assert.ok(error instanceof DuplicateItemException);
      assert.equal(error.name, 'DuplicateItemException');
      assert.equal(error.message, 'Duplicate primary key exists in table');
      return true;
    });
    await assert.rejects(db.executeStatement({ Statement: 'SELECT FROM Things' }), ValidationException);
  } finally {
    await db.close();
  }
});

test('db.batchExecuteStatement and db.executeTransaction', async () => {
  const db = await openWithTable();
  try {
    const batch = await db.batchExecuteStatement({ Statements: [
      { Statement: 'INSERT INTO Things VALUE {\'id\': \'a\'}' },
      { Statement: 'INSERT INTO Things VALUE {\'id\': \'a\'}' },
    ] });
    assert.deepEqual(batch.Responses, [
      { TableName: 'Things' },
      { TableName: 'Things', Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } },
    ]);
    await assert.rejects(db.executeTransaction({ TransactStatements: [
      { Statement: 'INSERT INTO Things VALUE {\'id\': \'b\'}' },
      { Statement: 'UPDATE Things SET v = 1 WHERE id = \'missing\'' },
    ] }), (error) => {
      assert.ok(error instanceof TransactionCanceledException);
      assert.deepEqual(error.CancellationReasons.map((reason) => reason.Code), ['None', 'ConditionalCheckFailed']);
      return true;
    });
    const read = await db.executeTransaction({ TransactStatements: [
      { Statement: 'SELECT * FROM Things WHERE id = \'a\'' },
      { Statement: 'SELECT * FROM Things WHERE id = \'b\'' },
    ] });
    assert.deepEqual(read.Responses, [{ Item: { id: { S: 'a' } } }, {}]);
  } finally {
    await db.close();
  }
});

test('the DocumentClient\'s PartiQL commands take and return plain JS values', async () => {
  const db = await openWithTable(sorted);
  const doc = DynamoDBDocument.from(db);
  try {
    await doc.send(new ExecuteStatementCommand({
      Statement: 'INSERT INTO Things VALUE {\'id\': ?, \'n\': ?, \'info\': ?}',
      Parameters: ['a', 1, { tags: new Set(['x']), list: [1, 'two'] }],
    }));
    const selected = await doc.executeStatement({ Statement: 'SELECT * FROM Things WHERE id = ?', Parameters: ['a'] });
    assert.deepEqual(selected.Items, [{ id: 'a', n: 1, info: { tags: new Set(['x']), list: [1, 'two'] } }]);
    const batch = await doc.send(new BatchExecuteStatementCommand({ Statements: [
      { Statement: 'SELECT n FROM Things WHERE id = ? AND n = ?', Parameters: ['a', 1] },
      { Statement: 'SELECT n FROM Things WHERE id = ? AND n = ?', Parameters: ['a', 2] },
    ] }));
    assert.deepEqual(batch.Responses, [{ TableName: 'Things', Item: { n: 1 } }, { TableName: 'Things' }]);
    await doc.batchExecuteStatement({ Statements: [{ Statement: 'INSERT INTO Things VALUE {\'id\': \'b\', \'n\': 2}' }] });
    const transaction = await doc.send(new ExecuteTransactionCommand({ TransactStatements: [
      { Statement: 'SELECT n FROM Things WHERE id = ? AND n = ?', Parameters: ['b', 2] },
    ] }));
    assert.deepEqual(transaction.Responses, [{ Item: { n: 2 } }]);
    await doc.executeTransaction({ TransactStatements: [{ Statement: 'DELETE FROM Things WHERE id = ? AND n = ?', Parameters: ['b', 2] }] });
    assert.equal((await doc.scan({ TableName: 'Things' })).Count, 1);
  } finally {
    await db.close();
  }
});

test('pocketdynamo/client exports the low-level PartiQL commands for db.send', async () => {
  const db = await openWithTable();
  try {
    await db.send(new client.ExecuteStatementCommand({ Statement: 'INSERT INTO Things VALUE {\'id\': \'a\'}' }));
    const read = await db.send(new client.ExecuteStatementCommand({ Statement: 'SELECT * FROM Things' }));
    assert.deepEqual(read.Items, [{ id: { S: 'a' } }]);
    const batch = await db.send(new client.BatchExecuteStatementCommand({ Statements: [{ Statement: 'SELECT * FROM Things WHERE id = \'a\'' }] }));
    assert.deepEqual(batch.Responses, [{ TableName: 'Things', Item: { id: { S: 'a' } } }]);
    const transaction = await db.send(new client.ExecuteTransactionCommand({ TransactStatements: [{ Statement: 'SELECT * FROM Things WHERE id = \'a\'' }] }));
    assert.deepEqual(transaction.Responses, [{ Item: { id: { S: 'a' } } }]);
  } finally {
    await db.close();
  }
});

test('a SELECT is not a write: with storage it waits for no flush, and adds no stream record', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-partiql-'));
  const db = await PocketDynamo.open({ name: 'partiql', storage: 'fs', path: dir });
  try {
    await db.createTable({
      TableName: 'Things', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
    const records = db.streamRecords('Things')[Symbol.asyncIterator]();
    await db.executeStatement({ Statement: 'INSERT INTO Things VALUE {\'id\': \'a\'}' });
    const afterInsert = (await db.storageInfo()).flushes;
    const selected = await db.executeStatement({ Statement: 'SELECT * FROM Things WHERE id = \'a\'' });
    assert.deepEqual(selected.Items, [{ id: { S: 'a' } }]);
    await db.executeTransaction({ TransactStatements: [{ Statement: 'SELECT * FROM Things WHERE id = \'a\'' }] });
    await db.batchExecuteStatement({ Statements: [{ Statement: 'SELECT * FROM Things WHERE id = \'a\'' }] });
    assert.equal((await db.storageInfo()).flushes, afterInsert);
    await db.executeStatement({ Statement: 'UPDATE Things SET v = 1 WHERE id = \'a\'' });
    assert.ok((await db.storageInfo()).flushes > afterInsert);
    // the UPDATE's record comes right after the INSERT's: the reads between added none
    const names = [(await records.next()).value.eventName, (await records.next()).value.eventName];
    await records.return();
    assert.deepEqual(names, ['INSERT', 'MODIFY']);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the PartiQL module is a file of its own, found beside an explicit wasmUrl or at partiqlWasmUrl', async () => {
  const dist = new URL('../../web/dist/', import.meta.url);
  assert.ok(fs.existsSync(new URL('pocketdynamo-partiql.wasm', dist)));
  const db = await PocketDynamo.open({ name: 'elsewhere', storage: 'memory', wasmUrl: new URL('pocketdynamo.wasm', dist) });
  const wrong = await PocketDynamo.open({ name: 'wrong', storage: 'memory', partiqlWasmUrl: new URL('missing.wasm', dist) });
  try {
    await db.createTable({
      TableName: 'Things', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST',
    });
    assert.deepEqual((await db.executeStatement({ Statement: 'SELECT * FROM Things' })).Items, []);
    await assert.rejects(wrong.executeStatement({ Statement: 'SELECT * FROM Things' }), /could not load PartiQL from .*missing\.wasm/);
    assert.deepEqual((await wrong.listTables({})).TableNames, []); // the rest of the database still works
  } finally {
    await db.close();
    await wrong.close();
  }
});
