// The bodies of `npm run bench` (bench/run.mjs drives them in Chromium through persistence.html):
// one data set of N items of about 200 bytes in 100-item groups (pk = group, sk = item), held
// three times: PocketDynamo (storage 'idb'), Dexie (compound primary key [pk+sk]) and raw
// IndexedDB (key path ['pk', 'sk']), so that each figure has its peers side by side.
// State between the driver's calls lives in `state` (one page, one data set).
const TABLE = 'bench';
const GROUP = 100;

const pad = (n, width) => String(n).padStart(width, '0');
/** Item i: about 200 bytes, in group floor(i / 100). */
export function makeItem(i, version = 0) {
  return { pk: `g#${pad(Math.floor(i / GROUP), 5)}`, sk: `item#${pad(i, 7)}`, name: 'Ada Lovelace', email: 'ada@example.com',
    n: i, v: version, active: true, bio: `${i} `.padEnd(96, 'lorem ipsum dolor sit amet ') };
}
const keyOf = (i) => { const { pk, sk } = makeItem(i); return { pk, sk }; };

const names = (name) => ({ pd: name, dexie: `${name}-dexie`, raw: `${name}-raw` });
const state = {};

const now = () => performance.now();
async function elapsed(body) {
  const start = now();
  await body();
  return now() - start;
}

// A fixed pseudo-random sequence, so every library reads the same keys.
function randomIndexes(count, size, seed = 12345) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out[i] = Math.floor((seed / 2 ** 31) * size);
  }
  return out;
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
    tx.onerror = () => reject(tx.error);
  });
}
function openRaw(name) {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => req.result.createObjectStore('items', { keyPath: ['pk', 'sk'] });
  return request(req);
}
function openDexie(Dexie, name) {
  const db = new Dexie(name);
  db.version(1).stores({ items: '[pk+sk]' });
  return db;
}
async function deleteIdb(name) {
  const req = indexedDB.deleteDatabase(name);
  req.onblocked = () => {};
  await request(req);
}

const CHUNK = 20_000;
async function eachChunk(count, body) {
  for (let start = 0; start < count; start += CHUNK) {
    await body(Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => makeItem(start + i)));
  }
}

/**
 * Bulk load of `count` items into each library, in a rotating order: PocketDynamo by
 * BatchWriteItem (25 puts each, a chunk of 20,000 items in flight, relaxed, then flush: durable at
 * the end), Dexie bulkPut of 20,000-item chunks, raw IndexedDB one transaction per chunk.
 * `keep` leaves the databases for the reads; otherwise they are deleted. `skip` names libraries
 * not to load (the driver's time budget).
 */
export async function bulkLoad({ open, DynamoDBDocument, Dexie }, { name, count, run = 0, keep = true, skip = [] }) {
  const db = names(name);
  const bodies = {
    pocketDynamoMs: async () => {
      const pd = await open({ name: db.pd, storage: 'idb', durability: 'relaxed' });
      await pd.createTable({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] });
      const doc = DynamoDBDocument.from(pd);
      const ms = await elapsed(async () => {
        await eachChunk(count, async (items) => {
          const batches = [];
          for (let i = 0; i < items.length; i += 25) {
            batches.push(doc.batchWrite({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } })
              .then((out) => { if (Object.keys(out.UnprocessedItems ?? {}).length) throw new Error('unprocessed items'); }));
          }
          await Promise.all(batches);
        });
        await pd.flush();
      });
      await pd.close();
      return ms;
    },
    dexieMs: async () => {
      const dexie = openDexie(Dexie, db.dexie);
      await dexie.open();
      const ms = await elapsed(() => eachChunk(count, (items) => dexie.items.bulkPut(items)));
      dexie.close();
      return ms;
    },
    rawIdbMs: async () => {
      const raw = await openRaw(db.raw);
      const ms = await elapsed(() => eachChunk(count, (items) => {
        const tx = raw.transaction('items', 'readwrite');
        const store = tx.objectStore('items');
        for (const item of items) store.put(item);
        return done(tx);
      }));
      raw.close();
      return ms;
    },
  };
  const order = Object.keys(bodies);
  const result = { count };
  for (let i = 0; i < order.length; i++) {
    const lib = order[(i + run) % order.length];
    result[lib] = skip.includes(lib) ? null : await bodies[lib]();
  }
  if (!keep) await drop(null, { name });
  return result;
}

/** Deletes the three databases of a data set. */
export async function drop(_libs, { name }) {
  const db = names(name);
  await deleteIdb(`pocketdynamo:${db.pd}`);
  await deleteIdb(db.dexie);
  await deleteIdb(db.raw);
}

/**
 * Right after a page load: from nothing to the first GetItem's answer, per library (the engine
 * module's download and compile are inside PocketDynamo's figure); then 1,000 GetItems of random
 * keys and the wasm memory after them. Leaves the three open in `state` for the reads.
 */
export async function openAndFirstGet({ open, DynamoDBDocument, Dexie, loadEngineModule }, { name, count, peers = true }) {
  const db = names(name);
  const i = Math.floor(count / 2);
  const key = keyOf(i);
  const result = { count };
  let item;
  result.pocketDynamoMs = await elapsed(async () => {
    state.pd = await open({ name: db.pd, storage: 'idb' });
    state.doc = DynamoDBDocument.from(state.pd);
    ({ Item: item } = await state.doc.get({ TableName: TABLE, Key: key }));
  });
  if (item?.n !== i) throw new Error('PocketDynamo: the first get did not find its item');
  if (peers) {
    result.dexieMs = await elapsed(async () => {
      state.dexie = openDexie(Dexie, db.dexie);
      item = await state.dexie.items.get([key.pk, key.sk]);
    });
    if (item?.n !== i) throw new Error('Dexie: the first get did not find its item');
    result.rawIdbMs = await elapsed(async () => {
      state.raw = await openRaw(db.raw);
      item = await request(state.raw.transaction('items').objectStore('items').get([key.pk, key.sk]));
    });
    if (item?.n !== i) throw new Error('raw IndexedDB: the first get did not find its item');
  }
  result.thousandGetsMs = await elapsed(() => thousandGets(state.doc, count));
  // The module's memory (shared by every database of the page); HEAPU8 follows its growth.
  result.wasmMemoryMB = (await loadEngineModule()).HEAPU8.buffer.byteLength / 2 ** 20;
  return result;
}

// 1,000 GetItems of random keys (the same ones each time), one at a time.
async function thousandGets(doc, count) {
  for (const k of randomIndexes(1000, count, 777)) {
    const { Item } = await doc.get({ TableName: TABLE, Key: keyOf(k) });
    if (Item?.n !== k) throw new Error('a get did not find its item');
  }
}

/**
 * Right after a page load, PocketDynamo alone with open({ memoryBudget }): the same 1,000
 * GetItems as openAndFirstGet (their time: a partition dropped is read again), then the wasm
 * memory and the item bytes held. Closes the database.
 */
export async function readsUnderBudget({ open, DynamoDBDocument, loadEngineModule }, { name, count, memoryBudget }) {
  const db = await open({ name: names(name).pd, storage: 'idb', memoryBudget });
  const result = { count, memoryBudget };
  result.thousandGetsMs = await elapsed(() => thousandGets(DynamoDBDocument.from(db), count));
  await new Promise((resolve) => setTimeout(resolve, 50)); // the last trim runs in a task of its own
  result.wasmMemoryMB = (await loadEngineModule()).HEAPU8.buffer.byteLength / 2 ** 20;
  result.itemMB = (await db.storageInfo()).itemBytesInMemory / 2 ** 20;
  await db.close();
  return result;
}

/**
 * Reads on the open data set: GetItem awaited one at a time (microseconds each), a 100-item
 * Query of one group against Dexie between() and a raw getAll(range) (microseconds each), and
 * gets per second with `inFlight` gets issued at once.
 */
export async function reads({ Dexie }, { count, run = 0, gets = 1000, queries = 100, inFlight = 3000 }) {
  const { doc, dexie, raw } = state;
  const keys = randomIndexes(gets, count, 1000 + run).map(keyOf);
  const groups = randomIndexes(queries, Math.max(1, Math.floor(count / GROUP)), 2000 + run).map((g) => `g#${pad(g, 5)}`);
  const flight = randomIndexes(inFlight, count, 3000 + run).map(keyOf);
  const perCall = (ms, n) => (ms * 1000) / n;
  const result = { count };
  const check = (found, what) => { if (!found) throw new Error(`${what} found nothing`); };

  result.getPocketDynamoUs = perCall(await elapsed(async () => {
    for (const Key of keys) check((await doc.get({ TableName: TABLE, Key })).Item, 'get');
  }), gets);
  if (dexie) result.getDexieUs = perCall(await elapsed(async () => {
    for (const k of keys) check(await dexie.items.get([k.pk, k.sk]), 'Dexie get');
  }), gets);
  if (raw) result.getRawIdbUs = perCall(await elapsed(async () => {
    for (const k of keys) check(await request(raw.transaction('items').objectStore('items').get([k.pk, k.sk])), 'raw get');
  }), gets);

  const expectGroup = (items) => { if (items.length !== GROUP && count >= GROUP) throw new Error(`a query returned ${items.length}`); };
  result.queryPocketDynamoUs = perCall(await elapsed(async () => {
    for (const pk of groups) {
      expectGroup((await doc.query({ TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk } })).Items);
    }
  }), queries);
  if (dexie) result.queryDexieUs = perCall(await elapsed(async () => {
    for (const pk of groups) expectGroup(await dexie.items.where('[pk+sk]').between([pk, Dexie.minKey], [pk, Dexie.maxKey]).toArray());
  }), queries);
  if (raw) result.queryRawIdbUs = perCall(await elapsed(async () => {
    for (const pk of groups) expectGroup(await request(raw.transaction('items').objectStore('items').getAll(IDBKeyRange.bound([pk], [pk, []]))));
  }), queries);

  const perSecond = (ms) => (inFlight / ms) * 1000;
  result.inFlightPocketDynamoPerS = perSecond(await elapsed(() => Promise.all(flight.map((Key) => doc.get({ TableName: TABLE, Key })))));
  if (dexie) result.inFlightDexiePerS = perSecond(await elapsed(() => Promise.all(flight.map((k) => dexie.items.get([k.pk, k.sk])))));
  if (raw) result.inFlightRawIdbPerS = perSecond(await elapsed(() => {
    const store = raw.transaction('items').objectStore('items');
    return Promise.all(flight.map((k) => request(store.get([k.pk, k.sk]))));
  }));
  result.getVsDexie = result.getDexieUs / result.getPocketDynamoUs;
  result.queryVsDexie = result.queryDexieUs / result.queryPocketDynamoUs;
  return result;
}

/**
 * Sustained writes on the open data set: `writers` loops, each awaiting one put at a time of a
 * random existing key (an update; PocketDynamo strict durability, so checkpoints run under it)
 * for `durationMs`; every put's latency. The same for Dexie put. Returns p50, p99, max (ms).
 */
export async function sustainedWrites(_libs, { count, run = 0, writers = 8, durationMs = 5000 }) {
  const { doc, dexie } = state;
  const measure = async (put) => {
    const latencies = [];
    const end = now() + durationMs;
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      let seed = 4000 + run * 100 + w;
      while (now() < end) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const item = makeItem(Math.floor((seed / 2 ** 31) * count), run + 1);
        const start = now();
        await put(item);
        latencies.push(now() - start);
      }
    }));
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { puts: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] };
  };
  const pd = await measure((Item) => doc.put({ TableName: TABLE, Item }));
  const dx = dexie ? await measure((item) => dexie.items.put(item)) : {};
  return { count, putP50Ms: pd.p50, putP99Ms: pd.p99, putMaxMs: pd.max, putsPerS: pd.puts / (durationMs / 1000),
    dexiePutP50Ms: dx.p50, dexiePutP99Ms: dx.p99, dexiePutMaxMs: dx.max, dexiePutsPerS: dx.puts / (durationMs / 1000) };
}

/** Closes what openAndFirstGet left open. */
export async function closeAll() {
  await state.pd?.close();
  state.dexie?.close();
  state.raw?.close();
  Object.keys(state).forEach((k) => delete state[k]);
}
