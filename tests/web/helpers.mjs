// Shared test helpers: a fresh in-memory database with one table.
import { PocketDynamo } from 'pocketdynamo';

let counter = 0;

/** Opens a fresh database and creates `table` (hash key `id` of `keyType`, optional sort key). */
export async function openWithTable({ table = 'Things', keyType = 'S', sortKey } = {}) {
  counter += 1;
  const db = await PocketDynamo.open({ name: `test-${counter}`, storage: 'memory' });
  const AttributeDefinitions = [{ AttributeName: 'id', AttributeType: keyType }];
  const KeySchema = [{ AttributeName: 'id', KeyType: 'HASH' }];
  if (sortKey) {
    AttributeDefinitions.push({ AttributeName: sortKey.name, AttributeType: sortKey.type });
    KeySchema.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  }
  await db.createTable({ TableName: table, AttributeDefinitions, KeySchema, BillingMode: 'PAY_PER_REQUEST' });
  return db;
}
