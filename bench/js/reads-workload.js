// Reads in a page (bench/js/reads.mjs): the DocumentClient's get awaited one at a time, gets with
// many in flight, and a Query returning 100 items, on a stored ('idb') database of 10,000 items of
// about 200 bytes; Dexie's get and between() on the same items in IndexedDB alongside. Returns
// microseconds per call (and gets per second in flight).
const PARTITIONS = 100;
const PER_PARTITION = 100;

function makeItem(i) {
  return {
    pk: `user#${i % PARTITIONS}`,
    sk: Math.floor(i / PARTITIONS),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    age: 36,
    active: true,
    bio: 'x'.repeat(120),
  };
}

async function perCall(count, body) {
  const start = performance.now();
  for (let i = 0; i < count; i++) await body(i);
  return ((performance.now() - start) * 1000) / count;
}

// Gets per second with `inFlight` requests outstanding at a time.
async function inFlight(count, inFlight, body) {
  const start = performance.now();
  for (let i = 0; i < count; i += inFlight) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + inFlight); j++) batch.push(body(j));
    await Promise.all(batch);
  }
  return Math.round((count / (performance.now() - start)) * 1000);
}

const keyOf = (i) => ({ pk: `user#${i % PARTITIONS}`, sk: Math.floor(i / PARTITIONS) % PER_PARTITION });
const spread = (i) => (i * 7919) % (PARTITIONS * PER_PARTITION); // every item, in a scattered order

export async function runReads({ PocketDynamo, DynamoDBDocument, Dexie }, { gets = 5000, queries = 300, dexieGets = 1000, dexieQueries = 60 } = {}) {
  const name = `reads-${Date.now()}-${Math.random()}`;
  const items = Array.from({ length: PARTITIONS * PER_PARTITION }, (_, i) => makeItem(i));

  const db = await PocketDynamo.open({ name, storage: 'idb' });
  await db.createTable({
    TableName: 'bench',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  const doc = DynamoDBDocument.from(db);
  for (let i = 0; i < items.length; i += 25) {
    await doc.batchWrite({ RequestItems: { bench: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }, { durability: 'relaxed' });
  }
  await db.flush();

  const getOne = (i) => doc.get({ TableName: 'bench', Key: keyOf(spread(i)) });
  const queryOne = (i) => doc.query({
    TableName: 'bench', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `user#${i % PARTITIONS}` },
  });
  const check = await queryOne(3);
  if (check.Items.length !== PER_PARTITION) throw new Error(`query returned ${check.Items.length} items`);
  // Warm up: in Node and Chromium the first few thousand gets run several times slower (the JIT,
  // and wasm tiering up), which 1,000 did not cover.
  const lowLevelGetOne = (i) => {
    const { pk, sk } = keyOf(spread(i));
    return db.getItem({ TableName: 'bench', Key: { pk: { S: pk }, sk: { N: String(sk) } } });
  };
  const lowLevelQueryOne = (i) => db.query({
    TableName: 'bench', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: `user#${i % PARTITIONS}` } },
  });
  await perCall(5000, getOne);
  await perCall(50, queryOne);
  // The low-level client takes another path than the DocumentClient's reads (which in the tab
  // that owns the database no longer go through the tab link): warmed up on its own.
  await perCall(5000, lowLevelGetOne);
  await perCall(50, lowLevelQueryOne);
  const result = {
    get: await perCall(gets, getOne),
    query: await perCall(queries, queryOne),
    getsPerSecondInFlight: await inFlight(20000, 1000, getOne),
    getsPerSecondInFlight3000: await inFlight(30000, 3000, getOne),
    lowLevelGet: await perCall(gets, lowLevelGetOne),
    lowLevelQuery: await perCall(queries, lowLevelQueryOne),
  };
  await db.close();
  indexedDB.deleteDatabase(name);

  const dexie = new Dexie(`${name}-dexie`);
  dexie.version(1).stores({ bench: '[pk+sk]' });
  await dexie.bench.bulkPut(items);
  const dexieGet = (i) => { const { pk, sk } = keyOf(spread(i)); return dexie.bench.get([pk, sk]); };
  const dexieQuery = (i) => dexie.bench.where('[pk+sk]').between([`user#${i % PARTITIONS}`, Dexie.minKey], [`user#${i % PARTITIONS}`, Dexie.maxKey]).toArray();
  if ((await dexieQuery(3)).length !== PER_PARTITION) throw new Error('Dexie query');
  await perCall(100, dexieGet);
  result.dexieGet = await perCall(dexieGets, dexieGet);
  result.dexieQuery = await perCall(dexieQueries, dexieQuery);
  result.dexieGetsPerSecondInFlight = await inFlight(5000, 1000, dexieGet);
  dexie.close();
  await Dexie.delete(`${name}-dexie`);
  return result;
}
