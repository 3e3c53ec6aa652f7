// One page, both trees (./before and ./current, each src + dist) and Dexie: the DocumentClient's get
// awaited one at a time, a 100-item Query and 5,000 gets in flight on 10,000 items in memory,
// alternating between the builds in 12 pairs so that the machine's drift falls on both; Dexie's get,
// between() and 1,000 gets in flight on the same items in IndexedDB between them. Used by reads-ab.mjs.
import Dexie from './dexie.mjs';
const builds = {};
for (const name of ['before', 'current']) builds[name] = await import(`./${name}/src/index.js`);
const item = (i) => ({ pk: `user#${i % 100}`, sk: Math.floor(i / 100), name: 'Ada Lovelace', email: 'ada@example.com', age: 36, active: true, bio: 'x'.repeat(120) });
async function per(count, body) { const s = performance.now(); for (let i = 0; i < count; i++) await body(i); return (performance.now() - s) * 1000 / count; }
window.run = async () => {
  const docs = {};
  for (const [name, { PocketDynamo, DynamoDBDocument }] of Object.entries(builds)) {
    const db = await PocketDynamo.open({ name: `ab-${name}-${Math.random()}`, storage: 'memory' });
    await db.createTable({ TableName: 'bench', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], BillingMode: 'PAY_PER_REQUEST' });
    const doc = DynamoDBDocument.from(db);
    for (let i = 0; i < 10000; i += 25) await doc.batchWrite({ RequestItems: { bench: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: item(i + j) } })) } });
    docs[name] = { db, doc };
  }
  const out = { before: { get: [], query: [], inflight: [] }, current: { get: [], query: [], inflight: [] }, dexie: { get: [], query: [], inflight: [] } };
  const dexie = new Dexie(`ab-dexie-${Math.random()}`);
  dexie.version(1).stores({ bench: '[pk+sk]' });
  await dexie.bench.bulkPut(Array.from({ length: 10000 }, (_, i) => item(i)));
  const dexieGet = (i) => dexie.bench.get([`user#${i % 100}`, (i * 7) % 100]);
  for (let r = 0; r < 12; r++) {
    for (const name of r % 2 ? ['current', 'before'] : ['before', 'current']) {
      const { doc } = docs[name];
      out[name].get.push(await per(3000, (i) => doc.get({ TableName: 'bench', Key: { pk: `user#${i % 100}`, sk: (i * 7) % 100 } })));
      out[name].query.push(await per(100, (i) => doc.query({ TableName: 'bench', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `user#${i % 100}` } })));
      const s = performance.now();
      await Promise.all(Array.from({ length: 5000 }, (_, i) => doc.get({ TableName: 'bench', Key: { pk: `user#${i % 100}`, sk: (i * 7) % 100 } })));
      out[name].inflight.push(5000 / (performance.now() - s) * 1000);
    }
    out.dexie.get.push(await per(200, dexieGet));
    out.dexie.query.push(await per(10, (i) => dexie.bench.where('[pk+sk]').between([`user#${i % 100}`, Dexie.minKey], [`user#${i % 100}`, Dexie.maxKey]).toArray()));
    const s = performance.now();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => dexieGet(i)));
    out.dexie.inflight.push(1000 / (performance.now() - s) * 1000);
  }
  return out;
};
window.ready = true;
