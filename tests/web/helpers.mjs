// Shared test helpers: a fresh in-memory database with one table; a stored database whose items
// are all in partition files; a count of the engine's gathered-read calls.
import { DynamoDBDocument, PocketDynamo } from 'pocketdynamo';

let counter = 0;

/**
 * Opens a fresh database (in memory, unless `name` and `storage` say otherwise) and creates
 * `table` (hash key `id` of `keyType`, optional sort key).
 */
export async function openWithTable({ table = 'Things', keyType = 'S', sortKey, name, storage = 'memory' } = {}) {
  counter += 1;
  const db = await PocketDynamo.open({ name: name ?? `test-${counter}`, storage });
  const AttributeDefinitions = [{ AttributeName: 'id', AttributeType: keyType }];
  const KeySchema = [{ AttributeName: 'id', KeyType: 'HASH' }];
  if (sortKey) {
    AttributeDefinitions.push({ AttributeName: sortKey.name, AttributeType: sortKey.type });
    KeySchema.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  }
  await db.createTable({ TableName: table, AttributeDefinitions, KeySchema, BillingMode: 'PAY_PER_REQUEST' });
  return db;
}

/**
 * Fills stored ('idb') database `name` with big items ({ id: `big-<n>`, n }, table 'Things', sort
 * key `n`) until a flush checkpoints, then closes it: the log then holds no item and every one is
 * in a partition file, so each partition of the reopened database is fetched on first touch.
 * Returns how many items it holds.
 */
export async function fillPartitionFiles(name) {
  const db = await openWithTable({ name, storage: 'idb', sortKey: { name: 'n', type: 'N' } });
  const doc = DynamoDBDocument.from(db);
  const big = 'x'.repeat(350_000); // a few puts outgrow the log's budget
  let count = 0;
  do await doc.put({ TableName: 'Things', Item: { id: `big-${count}`, n: count++, v: big } });
  while ((await db.storageInfo()).partitions === 0);
  await db.close();
  return count;
}

/**
 * How many times the engine's executeDocuments (the gathered reads) is called while `body` runs:
 * counted on the engine module's prototype, since each database holds its own engine object.
 */
export async function countDocumentCalls(body) {
  const { loadEngineModule } = await import('../../web/src/engine-module.js');
  const { Engine } = await loadEngineModule();
  const original = Engine.prototype.executeDocuments;
  let calls = 0;
  Engine.prototype.executeDocuments = function (...args) {
    calls += 1;
    return original.apply(this, args);
  };
  try {
    await body();
  } finally {
    Engine.prototype.executeDocuments = original;
  }
  return calls;
}
