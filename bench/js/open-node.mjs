// Open of a stored database in Node, on fake-indexeddb (storage 'idb'): fills N items of about
// 200 bytes once, then per run opens it on a fresh engine module (its own wasm memory) and times
// open, the first GetItem, and 1,000 more GetItems of random keys; wasm memory after open plus
// the first get, and after the 1,000 gets. Medians and ranges of the runs.
// Run alone on a quiet machine: node bench/js/open-node.mjs [runs] [--items N]
import { readFile } from 'node:fs/promises';
import 'fake-indexeddb/auto';
import createPocketDynamoModule from '../../web/dist/pocketdynamo.js';
import { openDatabase } from '../../web/src/open.js';
import { DynamoDBDocument } from '../../web/src/index.js';
import { openIdbBackend } from '../../web/src/storage/idb-backend.js';
import { parseArgs } from './args.js';
import { loadAverage, printSpread } from './report.js';

const { runs, option } = parseArgs();
const count = option('--items', 100_000);
const TABLE = 'bench';
const wasmBinary = await readFile(new URL('../../web/dist/pocketdynamo.wasm', import.meta.url));

const makeItem = (i) => ({ pk: `item#${String(i).padStart(6, '0')}`, name: 'Ada Lovelace', email: 'ada@example.com', n: i,
  active: true, bio: `${i} `.padEnd(110, 'lorem ipsum dolor sit amet ') });

// A new engine module, and its wasm memory (found among the instance's exports).
async function freshModule() {
  let memory = null;
  const module = await createPocketDynamoModule({
    wasmBinary,
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(wasmBinary, imports).then(({ instance, module: compiled }) => {
        memory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
        done(instance, compiled);
      });
      return {};
    },
  });
  return { module, memoryBytes: () => memory.buffer.byteLength };
}

const { indexedDB } = globalThis;
const name = `open-bench-${count}`;
{
  const { module } = await freshModule();
  const db = await openDatabase({ name, storage: 'idb' }, { module, indexedDB });
  await db.createTable({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
  const doc = DynamoDBDocument.from(db);
  const filling = performance.now();
  for (let start = 0; start < count; start += 10_000) {
    await Promise.all(Array.from({ length: Math.min(10_000, count - start) },
      (_, i) => doc.put({ TableName: TABLE, Item: makeItem(start + i) }, { durability: 'relaxed' })));
    await db.flush();
  }
  await db.close();
  console.log(`filled ${count} items in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
}
console.log(`load average: ${loadAverage()}`);

const results = [];
let seed = 12345;
const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
for (let run = 0; run < runs; run++) {
  const { module, memoryBytes } = await freshModule();
  let start = performance.now();
  const backend = await openIdbBackend(name, { indexedDB });
  await backend.load();  // alone: what reading the files from IndexedDB costs
  const idbReadMs = performance.now() - start;
  await backend.close();
  const before = memoryBytes();
  start = performance.now();
  const db = await openDatabase({ name, storage: 'idb' }, { module, indexedDB });
  const openMs = performance.now() - start;
  if (run === 0) {
    const { bytes, partitions, logBytes } = await db.storageInfo();
    console.log(`stored: ${(bytes / 2 ** 20).toFixed(1)} MB, ${partitions} partition files, log ${(logBytes / 2 ** 20).toFixed(1)} MB`);
  }
  const doc = DynamoDBDocument.from(db);
  const key = makeItem(Math.floor(count / 2)).pk;
  start = performance.now();
  const { Item } = await doc.get({ TableName: TABLE, Key: { pk: key } });
  const firstGetMs = performance.now() - start;
  if (Item?.pk !== key) throw new Error('the first get did not find its item');
  const afterOpenMB = memoryBytes() / 2 ** 20;
  start = performance.now();
  for (let i = 0; i < 1000; i++) {
    const k = makeItem(Math.floor(random() * count)).pk;
    const { Item: got } = await doc.get({ TableName: TABLE, Key: { pk: k } });
    if (got?.pk !== k) throw new Error('a get did not find its item');
  }
  const thousandGetsMs = performance.now() - start;
  const after1000MB = memoryBytes() / 2 ** 20;
  await db.close();
  results.push({ idbReadMs, openMs, firstGetMs, openAndFirstGetMs: openMs + firstGetMs, thousandGetsMs,
    initialMB: before / 2 ** 20, afterOpenMB, after1000MB });
}

printSpread(`open of ${count} items on fake-indexeddb, ${runs} runs: median [min .. max]`, results);
