// The persistence benchmark body, run in Chromium (persistence.mjs drives it): 10,000 items of
// about 200 bytes written as awaited concurrent puts through PocketDynamo (storage 'idb', every
// put acknowledged durable), against raw IndexedDB putting the same objects in one transaction,
// and against Dexie's bulkPut; and the open of a 100,000-item database with its first get.
const TABLE = 'bench';

/** An item of about 200 bytes (as JSON, and by DynamoDB's item size). */
export function makeItem(i) {
  return { pk: `item#${String(i).padStart(6, '0')}`, name: 'Ada Lovelace', email: 'ada@example.com', n: i, active: true,
    bio: `${i} `.padEnd(110, 'lorem ipsum dolor sit amet ') };
}

const elapsed = async (body) => {
  const start = performance.now();
  await body();
  return performance.now() - start;
};

function deleteIdb(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

async function createTable(db) {
  await db.createTable({
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

/** PocketDynamo: all puts issued at once, each awaited until durable (DocumentClient, or putItem). */
async function pocketDynamoPuts({ open, DynamoDBDocument, marshall }, items, name, lowLevel = false) {
  const db = await open({ name, storage: 'idb' });
  await createTable(db);
  const doc = DynamoDBDocument.from(db);
  const inputs = lowLevel ? items.map((item) => ({ TableName: TABLE, Item: marshall(item) })) : null;
  const ms = await elapsed(() => Promise.all(lowLevel
    ? inputs.map((input) => db.putItem(input))
    : items.map((Item) => doc.put({ TableName: TABLE, Item }))));
  await db.close();
  await deleteIdb(`pocketdynamo:${name}`);
  return ms;
}

/** Raw IndexedDB: one readwrite transaction with one put per object, until it completes. */
async function rawIdbPuts(items, name, durability) {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('items', { keyPath: 'pk' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const ms = await elapsed(() => new Promise((resolve, reject) => {
    const tx = db.transaction('items', 'readwrite', durability ? { durability } : undefined);
    const store = tx.objectStore('items');
    for (const item of items) store.put(item);
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  }));
  db.close();
  await deleteIdb(name);
  return ms;
}

async function dexieBulkPut(Dexie, items, name) {
  const db = new Dexie(name);
  db.version(1).stores({ items: 'pk' });
  await db.open();
  const ms = await elapsed(() => db.items.bulkPut(items));
  db.close();
  await Dexie.delete(name);
  return ms;
}

/** One run of the write comparison, in an order that rotates so none always goes first. */
export async function runWrites(libs, { count = 10_000, run = 0 } = {}) {
  const items = Array.from({ length: count }, (_, i) => makeItem(i));
  const tag = `${Date.now()}-${run}`;
  const bodies = {
    pocketDynamoMs: () => pocketDynamoPuts(libs, items, `bench-pd-${tag}`),
    pocketDynamoPutItemMs: () => pocketDynamoPuts(libs, items, `bench-pd-low-${tag}`, true),
    rawIdbMs: () => rawIdbPuts(items, `bench-raw-${tag}`),
    rawIdbRelaxedMs: () => rawIdbPuts(items, `bench-raw-relaxed-${tag}`, 'relaxed'),
    dexieBulkPutMs: () => dexieBulkPut(libs.Dexie, items, `bench-dexie-${tag}`),
  };
  const names = Object.keys(bodies);
  const result = { count };
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + run) % names.length];
    result[name] = await bodies[name]();
  }
  result.vsRawIdb = result.rawIdbMs / result.pocketDynamoMs;
  result.vsRawIdbRelaxed = result.rawIdbRelaxedMs / result.pocketDynamoMs;
  result.vsDexie = result.dexieBulkPutMs / result.pocketDynamoMs;
  return result;
}

/** Fills a PocketDynamo database (and a Dexie one, for the first-get reference) with `count` items. */
export async function fill({ open, DynamoDBDocument, Dexie }, { name, count = 100_000 }) {
  const db = await open({ name, storage: 'idb' });
  await createTable(db);
  const doc = DynamoDBDocument.from(db);
  for (let start = 0; start < count; start += 10_000) {
    await Promise.all(Array.from({ length: Math.min(10_000, count - start) },
      (_, i) => doc.put({ TableName: TABLE, Item: makeItem(start + i) }, { durability: 'relaxed' })));
    await db.flush();
  }
  await db.close();
  const dexie = new Dexie(`${name}-dexie`);
  dexie.version(1).stores({ items: 'pk' });
  for (let start = 0; start < count; start += 10_000) {
    await dexie.items.bulkPut(Array.from({ length: Math.min(10_000, count - start) }, (_, i) => makeItem(start + i)));
  }
  dexie.close();
}

/** Right after a page load: the time to open the filled database, then its first get; Dexie's first get. */
export async function openAndGet({ open, DynamoDBDocument, Dexie }, { name, count = 100_000 }) {
  const key = makeItem(Math.floor(count / 2)).pk;
  let db;
  const openMs = await elapsed(async () => { db = await open({ name, storage: 'idb' }); });
  const doc = DynamoDBDocument.from(db);
  let item;
  const firstGetMs = await elapsed(async () => { ({ Item: item } = await doc.get({ TableName: TABLE, Key: { pk: key } })); });
  if (item?.pk !== key) throw new Error(`the first get found ${JSON.stringify(item)}`);
  await db.close();
  const dexie = new Dexie(`${name}-dexie`);
  dexie.version(1).stores({ items: 'pk' });
  let dexieItem;
  const dexieOpenAndGetMs = await elapsed(async () => { dexieItem = await dexie.items.get(key); });
  if (dexieItem?.pk !== key) throw new Error('Dexie did not find the item');
  dexie.close();
  return { count, openMs, firstGetMs, openAndFirstGetMs: openMs + firstGetMs, dexieOpenAndGetMs };
}
