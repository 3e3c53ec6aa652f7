// The small table PocketDynamo keeps for sync in the same database, so that its state is stored
// (and recovered) with the writes it describes, in the same flush:
//   p='meta'   s='capture'          positions of the capture in each table's stream, next entry number
//   p='outbox' s=<16-digit number>  a local change waiting for the remote's acknowledgement
//   p='parked' s=<same number>      a change the remote refused (4xx): kept and reported, never dropped
//   p='echo'   s=<table, key>       written with a pulled item: its stream record is not pushed back
//   p='pull'   s=<table, target>    how far the pull of a table's target has read (change marker)
import { bodyOrThrow } from '../error-body.js';
import { engineRequest } from '../database.js';
import { requestBody } from '../wire.js';

export const SYNC_TABLE = 'pocketdynamo.sync';

/** Runs one request on the database's engine at once (synchronously), returning the parsed body. */
export function engineCall(db, operation, input) {
  return bodyOrThrow(db[engineRequest](operation, requestBody(input)));
}

/** Creates the sync table if the database does not have it yet. */
export function ensureSyncTable(db) {
  const { TableNames } = engineCall(db, 'ListTables', { ExclusiveStartTableName: 'pocketdynamo.syn', Limit: 2 });
  if (TableNames.includes(SYNC_TABLE)) return;
  engineCall(db, 'CreateTable', {
    TableName: SYNC_TABLE,
    AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }, { AttributeName: 's', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 's', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

export const entrySortKey = (number) => String(number).padStart(16, '0');

/** Every item of one kind (p), in sort key order. */
export function readKind(db, kind) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = engineCall(db, 'Query', {
      TableName: SYNC_TABLE, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': { S: kind } },
      ConsistentRead: true, ExclusiveStartKey,
    });
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export function getSyncItem(db, kind, sortKey) {
  return engineCall(db, 'GetItem', { TableName: SYNC_TABLE, Key: { p: { S: kind }, s: { S: sortKey } }, ConsistentRead: true }).Item;
}

/** Runs write actions on the sync table in transactions of at most 100 actions each. */
export function writeSyncActions(db, actions) {
  for (let i = 0; i < actions.length; i += 100) {
    engineCall(db, 'TransactWriteItems', { TransactItems: actions.slice(i, i + 100) });
  }
}

export const putAction = (item) => ({ Put: { TableName: SYNC_TABLE, Item: item } });
export const deleteAction = (kind, sortKey) => ({ Delete: { TableName: SYNC_TABLE, Key: { p: { S: kind }, s: { S: sortKey } } } });
