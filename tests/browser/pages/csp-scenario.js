// What the CSP tests run, on the page and in a module Worker: the package from its path, an
// IndexedDB database written in one phase and read back after a reload in the next.
import { DynamoDBDocument, PocketDynamo } from '/web/src/index.js';

const table = {
  TableName: 'notes',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
};

// phase 'write': creates the table, writes, reads back and meets a conditional-check error;
// phase 'read': what a reload finds. `worker`: the package's own worker mode (open({ worker: true })).
export async function run({ name, phase, worker = false }) {
  const db = await PocketDynamo.open({ name, storage: 'idb', worker });
  try {
    const doc = DynamoDBDocument.from(db);
    if (phase === 'write') {
      await db.createTable(table);
      await doc.put({ TableName: 'notes', Item: { id: 'a', text: 'hello', tags: new Set(['x', 'y']) } });
      await db.putItem({ TableName: 'notes', Item: { id: { S: 'b' }, n: { N: '2' } } });
      let refused;
      try {
        await doc.put({ TableName: 'notes', Item: { id: 'a' }, ConditionExpression: 'attribute_not_exists(id)' });
      } catch (error) {
        refused = error.name;
      }
      const { Item } = await doc.get({ TableName: 'notes', Key: { id: 'a' } });
      return { storage: db.storage, item: { ...Item, tags: [...Item.tags].sort() }, refused };
    }
    const { Item } = await doc.get({ TableName: 'notes', Key: { id: 'a' } });
    const { Count } = await db.scan({ TableName: 'notes', Select: 'COUNT' });
    return { storage: db.storage, item: { ...Item, tags: [...Item.tags].sort() }, count: Count };
  } finally {
    await db.close();
  }
}

// Proves the policy is in force where the scenario runs: a string evaluated as code is refused.
export function evaluateString() {
  try {
    return `evaluated: ${new Function('return 1')()}`;
  } catch (error) {
    return `refused: ${error.name}`;
  }
}
