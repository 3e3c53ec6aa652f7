// PartiQL through the real AWS SDK v3 (@aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb), in
// process through db.requestHandler(): the three operations, their values marshalled by the
// SDK, and DynamoDB's errors as the SDK's exception classes.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchExecuteStatementCommand, CreateTableCommand, DuplicateItemException, DynamoDBClient,
  ExecuteStatementCommand, ExecuteTransactionCommand, TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import * as lib from '@aws-sdk/lib-dynamodb';
import { PocketDynamo } from 'pocketdynamo';
import { sdkConfig } from '../support/http.mjs';

test('ExecuteStatement, BatchExecuteStatement and ExecuteTransaction through the SDK and db.requestHandler()', async () => {
  const db = await PocketDynamo.open({ name: 'partiql-sdk', storage: 'memory' });
  const client = new DynamoDBClient(sdkConfig('http://127.0.0.1:9', { requestHandler: db.requestHandler() }));
  const documents = lib.DynamoDBDocumentClient.from(client);
  try {
    await client.send(new CreateTableCommand({
      TableName: 'Music',
      AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }, { AttributeName: 'SongTitle', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }, { AttributeName: 'SongTitle', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
    await documents.send(new lib.ExecuteStatementCommand({
      Statement: 'INSERT INTO "Music" VALUE {\'Artist\': ?, \'SongTitle\': ?, \'Awards\': ?}',
      Parameters: ['Acme Band', 'PartiQL Rocks', { Years: [2020, 2021], Cover: new Uint8Array([1, 2]) }],
    }));
    await assert.rejects(client.send(new ExecuteStatementCommand({
      Statement: 'INSERT INTO "Music" VALUE {\'Artist\': \'Acme Band\', \'SongTitle\': \'PartiQL Rocks\'}',
    })), (error) => {
      assert.ok(error instanceof DuplicateItemException);
      assert.equal(error.$metadata.httpStatusCode, 400);
      return true;
    });
    const selected = await documents.send(new lib.ExecuteStatementCommand({
      Statement: 'SELECT Awards.Years[1], SongTitle FROM "Music" WHERE Artist = ?', Parameters: ['Acme Band'],
    }));
    assert.deepEqual(selected.Items, [{ SongTitle: 'PartiQL Rocks', Awards: { Years: [2021] } }]);

    const batch = await documents.send(new lib.BatchExecuteStatementCommand({ Statements: [
      { Statement: 'UPDATE "Music" SET Plays = 1 WHERE Artist = ? AND SongTitle = ?', Parameters: ['Acme Band', 'PartiQL Rocks'] },
      { Statement: 'UPDATE "Music" SET Plays = 1 WHERE Artist = ? AND SongTitle = ?', Parameters: ['Acme Band', 'Missing'] },
    ] }));
    assert.equal(batch.Responses[0].Error, undefined);
    assert.equal(batch.Responses[1].Error.Code, 'ConditionalCheckFailed');
    const low = await client.send(new BatchExecuteStatementCommand({ Statements: [
      { Statement: 'SELECT Plays FROM "Music" WHERE Artist = \'Acme Band\' AND SongTitle = \'PartiQL Rocks\'' },
    ] }));
    assert.deepEqual(low.Responses[0].Item, { Plays: { N: '1' } });

    await assert.rejects(client.send(new ExecuteTransactionCommand({ TransactStatements: [
      { Statement: 'INSERT INTO "Music" VALUE {\'Artist\': \'B\', \'SongTitle\': \'C\'}' },
      { Statement: 'INSERT INTO "Music" VALUE {\'Artist\': \'Acme Band\', \'SongTitle\': \'PartiQL Rocks\'}' },
    ] })), (error) => {
      assert.ok(error instanceof TransactionCanceledException);
      assert.deepEqual(error.CancellationReasons.map((reason) => reason.Code), ['None', 'DuplicateItem']);
      return true;
    });
    const read = await documents.send(new lib.ExecuteTransactionCommand({ TransactStatements: [
      { Statement: 'SELECT Plays FROM "Music" WHERE Artist = ? AND SongTitle = ?', Parameters: ['Acme Band', 'PartiQL Rocks'] },
      { Statement: 'SELECT * FROM "Music" WHERE Artist = ? AND SongTitle = ?', Parameters: ['B', 'C'] },
    ] }));
    assert.deepEqual(read.Responses, [{ Item: { Plays: 1 } }, {}]);
    await assert.rejects(client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM' })), { name: 'ValidationException' });
  } finally {
    client.destroy();
    await db.close();
  }
});
