// Open of a stored database in headless Chromium (storage 'idb') against Dexie on the same items,
// each right after its own page load: fills N items once (and a Dexie database with the same
// items), then per run reloads the page and times loading the engine module, open, its first
// GetItem, and the time from the page's navigation to that first answer; then 1,000 GetItems of
// random keys. wasm memory after open, after the first get and after the 1,000 gets (the module's
// memory, found on its instance; performance.memory is the JS heap). Then, after another reload,
// Dexie: import, open and first get, navigation to first answer, 1,000 gets, JS heap growth.
// Also, before open: reading from IndexedDB what open reads (catalog and log, partition files
// only named) and what the open before lazy partitions read (every file).
// --checkpoint: after the fill, rewrite items until a checkpoint leaves a short log, so that open
// reads a catalog and a small log (a fill ends with a log of up to half the data's size).
// Run alone on a quiet machine: node bench/js/open-browser.mjs [runs] [--items N] [--checkpoint]
import { launchBrowser, startServer } from '../../tests/support/browser.mjs';
import { parseArgs } from './args.js';
import { loadAverage, printSpread } from './report.js';

const { runs, option, flag } = parseArgs();
const count = option('--items', 100_000);
console.log(`load average before: ${loadAverage()}`);

const server = await startServer();
const { context } = await launchBrowser();
try {
  const page = await context.newPage();
  await page.goto(`${server.origin}/bench/js/persistence.html`);
  await page.waitForFunction(() => window.benchmarkReady === true);
  const name = `open-split-${Date.now()}`;
  const filling = Date.now();
  await page.evaluate((options) => window.fill(options), { name, count });
  console.log(`filled ${count} items in ${((Date.now() - filling) / 1000).toFixed(1)} s`);
  if (flag('--checkpoint')) {
    const rewritten = await page.evaluate(shortenLog, { name, count });
    console.log(`rewrote ${rewritten.puts} items until a checkpoint: log ${rewritten.logBytes} bytes`);
  }
  const results = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`${server.origin}/bench/js/persistence.html`);
    await page.waitForFunction(() => window.benchmarkReady === true);
    const ours = await page.evaluate(measure, { name, count });
    await page.goto(`${server.origin}/bench/js/persistence.html`);
    await page.waitForFunction(() => window.benchmarkReady === true);
    results.push({ ...ours, ...(await page.evaluate(measureDexie, { name, count })) });
  }
  printSpread(`open of ${count} items in Chromium, ${runs} runs: median [min .. max]`, results);
  console.log(JSON.stringify({ count, runs, results }));
} finally {
  await context.close();
  await server.close();
}

// In the page.
async function measure({ name, count }) {
  const { openDatabase } = await import('/web/src/open.js');
  const { DynamoDBDocument } = await import('/web/src/index.js');
  const { default: createModule } = await import('/web/dist/pocketdynamo.js');
  const makeKey = (i) => `item#${String(i).padStart(6, '0')}`;
  let memory = null;
  const pageMs = performance.now(); // from the navigation to this measurement's start
  let start = performance.now();
  const module = await createModule({
    instantiateWasm(imports, done) {
      WebAssembly.instantiateStreaming(fetch('/web/dist/pocketdynamo.wasm'), imports).then(({ instance, module: compiled }) => {
        memory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
        done(instance, compiled);
      });
      return {};
    },
  });
  const moduleMs = performance.now() - start;
  const { openIdbBackend } = await import('/web/src/storage/idb-backend.js');
  const readMs = async (options) => {
    const begin = performance.now();
    const backend = await openIdbBackend(name);
    await backend.load(options);
    await backend.close();
    return performance.now() - begin;
  };
  const idbReadCatalogAndLogMs = await readMs({ defer: (file) => file.startsWith('part-') || file.startsWith('delta-') });
  const idbReadEveryFileMs = await readMs();
  start = performance.now();
  const db = await openDatabase({ name, storage: 'idb', lock: 'fail' }, { module });
  const openMs = performance.now() - start;
  const afterOpenMB = memory.buffer.byteLength / 2 ** 20;
  const doc = DynamoDBDocument.from(db);
  start = performance.now();
  const key = makeKey(Math.floor(count / 2));
  const { Item } = await doc.get({ TableName: 'bench', Key: { pk: key } });
  const firstGetMs = performance.now() - start;
  // Without the two IndexedDB reads above, which are only for comparison.
  const navigationToFirstGetMs = pageMs + moduleMs + openMs + firstGetMs;
  if (Item?.pk !== key) throw new Error('the first get did not find its item');
  const afterFirstGetMB = memory.buffer.byteLength / 2 ** 20;
  let seed = 12345;
  start = performance.now();
  for (let i = 0; i < 1000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const k = makeKey(Math.floor((seed / 2 ** 31) * count));
    const { Item: got } = await doc.get({ TableName: 'bench', Key: { pk: k } });
    if (got?.pk !== k) throw new Error('a get did not find its item');
  }
  const thousandGetsMs = performance.now() - start;
  const after1000MB = memory.buffer.byteLength / 2 ** 20;
  const { bytes, logBytes } = await db.storageInfo();
  await db.close();
  return { moduleMs, idbReadCatalogAndLogMs, idbReadEveryFileMs, openMs, firstGetMs, openAndFirstGetMs: openMs + firstGetMs, navigationToFirstGetMs, thousandGetsMs,
    afterOpenMB, afterFirstGetMB, after1000MB, storedMB: bytes / 2 ** 20, logMB: logBytes / 2 ** 20 };
}

// In the page: rewrites items (the same values) until a checkpoint starts a new, short log.
async function shortenLog({ name, count }) {
  const { openDatabase } = await import('/web/src/open.js');
  const { DynamoDBDocument } = await import('/web/src/index.js');
  const { makeItem } = await import('/bench/js/persistence-workload.js');
  const db = await openDatabase({ name, storage: 'idb', lock: 'fail' });
  const doc = DynamoDBDocument.from(db);
  let puts = 0;
  let logBytes = (await db.storageInfo()).logBytes;
  while (logBytes > 200_000) {
    await Promise.all(Array.from({ length: 2000 }, () => doc.put({ TableName: 'bench', Item: makeItem(puts++ % count) }, { durability: 'relaxed' })));
    await db.flush();
    ({ logBytes } = await db.storageInfo());
  }
  await db.close();
  return { puts, logBytes };
}

// In the page: the same for Dexie, from importing it (the page imported it already: cached).
async function measureDexie({ name, count }) {
  const makeKey = (i) => `item#${String(i).padStart(6, '0')}`;
  const heapMB = () => (performance.memory?.usedJSHeapSize ?? 0) / 2 ** 20;
  const heapBeforeMB = heapMB();
  let start = performance.now();
  const { default: Dexie } = await import('/node_modules/dexie/dist/dexie.mjs');
  const dexie = new Dexie(`${name}-dexie`);
  dexie.version(1).stores({ items: 'pk' });
  const key = makeKey(Math.floor(count / 2));
  const item = await dexie.items.get(key);
  const dexieOpenAndFirstGetMs = performance.now() - start;
  const dexieNavigationToFirstGetMs = performance.now();
  if (item?.pk !== key) throw new Error('Dexie did not find the item');
  let seed = 12345;
  start = performance.now();
  for (let i = 0; i < 1000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const k = makeKey(Math.floor((seed / 2 ** 31) * count));
    const got = await dexie.items.get(k);
    if (got?.pk !== k) throw new Error('a Dexie get did not find its item');
  }
  const dexieThousandGetsMs = performance.now() - start;
  const dexieHeapGrowthMB = heapMB() - heapBeforeMB;
  dexie.close();
  return { dexieOpenAndFirstGetMs, dexieNavigationToFirstGetMs, dexieThousandGetsMs, dexieHeapGrowthMB };
}
