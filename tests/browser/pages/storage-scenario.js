// db.persist() and db.storageInfo() on an idb database, next to what navigator.storage itself
// answers where the scenario runs (a page, or a worker, which has no persist()).
import { PocketDynamo } from '/web/src/index.js';

export async function run({ name }) {
  const db = await PocketDynamo.open({ name, storage: 'idb' });
  try {
    await db.createTable({
      TableName: 'notes',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await db.putItem({ TableName: 'notes', Item: { id: { S: 'a' }, text: { S: 'x'.repeat(1000) } } });
    const canAsk = typeof navigator.storage.persist === 'function';
    const persisted = await db.persist();
    const browserSays = await (canAsk ? navigator.storage.persist() : navigator.storage.persisted());
    const info = await db.storageInfo();
    return {
      canAsk,
      persisted,
      browserSays,
      stillPersistedAfter: await navigator.storage.persisted(),
      storage: info.storage,
      files: info.files,
      usage: typeof info.usage === 'number' && info.usage >= 0 ? 'a number of bytes' : info.usage,
      quota: typeof info.quota === 'number' && info.quota > 0 ? 'a positive number of bytes' : info.quota,
      usageWithinQuota: info.usage <= info.quota,
    };
  } finally {
    await db.close();
  }
}
