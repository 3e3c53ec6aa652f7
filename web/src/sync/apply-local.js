// Writes items coming from the remote (pulled, or the outcome of a conflict) into the local
// tables, each with an echo marker in the same transaction: the capture sees the marker and does
// not push the change back, even if it only runs after a crash. Goes through the database's
// usual request path, so subscribers see the changes like any other.
import { canonical, keyText } from './values.js';
import { engineCall, SYNC_TABLE } from './internal-table.js';

const ITEMS_PER_TRANSACTION = 50; // each item and its marker: 100 actions

/**
 * @param {import('../database.js').Database} db
 * @param {{ table: string, key: object, item: object | null, version: string,
 *   expect?: { version: object | null } }[]} writes `expect`: the local version seen when the write
 *   was decided (the write is skipped if the app changed the item since)
 * @returns {Promise<number>} how many were written
 */
export async function applyLocal(db, allWrites) {
  // A write that changes nothing leaves no stream record, so its marker would outlive it.
  const writes = allWrites.filter(changesSomething(db));
  let written = 0;
  for (let i = 0; i < writes.length; i += ITEMS_PER_TRANSACTION) {
    const chunk = writes.slice(i, i + ITEMS_PER_TRANSACTION);
    try {
      await db.transactWriteItems({ TransactItems: chunk.flatMap(actionsOf) }, { durability: 'relaxed' });
      written += chunk.length;
    } catch (error) {
      if (error.name !== 'TransactionCanceledException') throw error;
      // The app wrote one of them meanwhile: the others go in alone; that one is the app's now.
      for (const write of chunk) {
        try {
          await db.transactWriteItems({ TransactItems: actionsOf(write) }, { durability: 'relaxed' });
          written += 1;
        } catch (single) {
          if (single.name !== 'TransactionCanceledException') throw single;
        }
      }
    }
  }
  if (written) await db.flush();
  return written;
}

function actionsOf({ table, key, item, version, expect }) {
  const guard = expect === undefined ? {} : expect.version === null
    ? { ConditionExpression: 'attribute_not_exists(#v)', ExpressionAttributeNames: { '#v': version } }
    : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': version }, ExpressionAttributeValues: { ':v': expect.version } };
  const write = item ? { Put: { TableName: table, Item: item, ...guard } } : { Delete: { TableName: table, Key: key, ...guard } };
  const marker = { p: { S: 'echo' }, s: { S: keyText(table, key) }, v: { S: JSON.stringify(item ? item[version] ?? null : null) } };
  return [write, { Put: { TableName: SYNC_TABLE, Item: marker } }];
}

const changesSomething = (db) => ({ table, key, item }) => {
  const { Item } = engineCall(db, 'GetItem', { TableName: table, Key: key, ConsistentRead: true });
  return canonical(Item ?? null) !== canonical(item);
};
