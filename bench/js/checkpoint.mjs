// Checkpoints under a sustained random-key update workload, in Node on fake-indexeddb (storage
// 'idb'). Fills N items of about 200 bytes, then W writers each await one PutItem at a time,
// replacing random existing keys with new contents, U puts in all. Reports what reached
// IndexedDB per item byte written (every byte of every put into the chunk store, over the
// DynamoDB size of the items put) and the awaited puts' latency p50/p99/max over the whole
// update phase (checkpoints run inside it). The bytes do not depend on machine speed; latency
// does: run a peer side by side (--root: another checkout's web/ to import, e.g. main's).
// node bench/js/checkpoint.mjs [runs] [--items N] [--updates U] [--writers W] [--root DIR]
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import 'fake-indexeddb/auto';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const runs = Number(args.find((arg, i) => /^\d+$/.test(arg) && !args[i - 1]?.startsWith('--')) ?? 3);
const count = Number(option('--items', 100_000));
const updates = Number(option('--updates', count / 2));
const writers = Number(option('--writers', 8));
const root = path.resolve(option('--root', new URL('../..', import.meta.url).pathname));
const from = (file) => import(pathToFileURL(path.join(root, file)).href);

const { default: createModule } = await from('web/dist/pocketdynamo.js');
const { openDatabase } = await from('web/src/open.js');
const { DynamoDBDocument } = await from('web/src/index.js');
const wasmBinary = await readFile(path.join(root, 'web/dist/pocketdynamo.wasm'));
const TABLE = 'bench';

// Every byte put into IndexedDB (the backend stores files as chunks of bytes).
let storedBytes = 0;
const put = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function countedPut(value, key) {
  storedBytes += value?.byteLength ?? 0;
  return put.call(this, value, key);
};

const makeItem = (i, version) => ({ pk: `item#${String(i).padStart(6, '0')}`, name: 'Ada Lovelace', email: 'ada@example.com',
  n: version, active: true, bio: `${i} ${version} `.padEnd(110, 'lorem ipsum dolor sit amet ') });
// DynamoDB's item size: attribute names plus values (strings in UTF-8, numbers about 1 byte per
// two digits plus one, booleans one byte).
const itemSize = (item) => Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name)
  + (typeof value === 'string' ? Buffer.byteLength(value) : typeof value === 'number' ? Math.ceil(String(value).length / 2) + 1 : 1), 0);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function oneRun(run) {
  const module = await createModule({ wasmBinary });
  const name = `checkpoint-bench-${process.pid}-${run}`;
  const db = await openDatabase({ name, storage: 'idb', lock: 'fail' }, { module, indexedDB });
  await db.createTable({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
  const doc = DynamoDBDocument.from(db);
  for (let start = 0; start < count; start += 10_000) {
    await Promise.all(Array.from({ length: Math.min(10_000, count - start) },
      (_, i) => doc.put({ TableName: TABLE, Item: makeItem(start + i, 0) }, { durability: 'relaxed' })));
    await db.flush();
  }
  let seed = 12345 + run;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  const latencies = [];
  let itemBytes = 0;
  let next = 0;
  storedBytes = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: writers }, async () => {
    while (next < updates) {
      const item = makeItem(Math.floor(random() * count), ++next);
      itemBytes += itemSize(item);
      const t = performance.now();
      await doc.put({ TableName: TABLE, Item: item });
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const bytesPerItemByte = storedBytes / itemBytes;
  const info = await db.storageInfo();
  await db.close();
  latencies.sort((a, b) => a - b);
  return { bytesPerItemByte, storedMB: storedBytes / 2 ** 20, itemMB: itemBytes / 2 ** 20,
    p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1),
    over100ms: latencies.filter((ms) => ms > 100).length, putsPerSecond: updates / seconds,
    partitionFiles: info.partitions, storedNowMB: info.bytes / 2 ** 20 };
}

console.log(`${root}: ${count} items, ${updates} random-key updates by ${writers} awaiting writers, ${runs} runs`);
console.log(`load average before: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
const results = [];
for (let run = 0; run < runs; run++) {
  results.push(await oneRun(run));
  console.log(`  run ${run + 1}: ${JSON.stringify(results.at(-1), (k, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v))}`);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log('median [min .. max]');
for (const field of Object.keys(results[0])) {
  const values = results.map((r) => r[field]);
  console.log(`  ${field.padEnd(18)} ${median(values).toFixed(3).padStart(10)}  [${Math.min(...values).toFixed(3)} .. ${Math.max(...values).toFixed(3)}]`);
}
