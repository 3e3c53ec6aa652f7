// Open of a stored database in headless Chromium (storage 'idb'), split into its parts: fills N
// items once, then per run reloads the page and times loading the engine module, reading the
// stored files from IndexedDB alone, then open (which reads them again) and its first GetItem,
// then 1,000 GetItems of random keys; wasm memory after open plus the first get and after the
// 1,000 gets (performance.memory is not wasm: the module's memory is found on its instance).
// Run alone on a quiet machine: node bench/js/open-browser.mjs [runs] [--items N]
import { launchBrowser, startServer } from '../../tests/support/browser.mjs';
import { parseArgs } from './args.js';
import { loadAverage, printSpread } from './report.js';

const { runs, option } = parseArgs();
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
  const results = [];
  for (let run = 0; run < runs; run++) {
    await page.reload();
    await page.waitForFunction(() => window.benchmarkReady === true);
    results.push(await page.evaluate(measure, { name, count }));
  }
  printSpread(`open of ${count} items in Chromium, ${runs} runs: median [min .. max]`, results);
} finally {
  await context.close();
  await server.close();
}

// In the page.
async function measure({ name, count }) {
  const { openDatabase } = await import('/web/src/open.js');
  const { openIdbBackend } = await import('/web/src/storage/idb-backend.js');
  const { DynamoDBDocument } = await import('/web/src/index.js');
  const { default: createModule } = await import('/web/dist/pocketdynamo.js');
  const makeKey = (i) => `item#${String(i).padStart(6, '0')}`;
  let memory = null;
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
  start = performance.now();
  const backend = await openIdbBackend(name);
  await backend.load();
  await backend.close();
  const idbReadMs = performance.now() - start;
  start = performance.now();
  const db = await openDatabase({ name, storage: 'idb' }, { module });
  const openMs = performance.now() - start;
  const doc = DynamoDBDocument.from(db);
  start = performance.now();
  const key = makeKey(Math.floor(count / 2));
  const { Item } = await doc.get({ TableName: 'bench', Key: { pk: key } });
  const firstGetMs = performance.now() - start;
  if (Item?.pk !== key) throw new Error('the first get did not find its item');
  const afterOpenMB = memory.buffer.byteLength / 2 ** 20;
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
  return { moduleMs, idbReadMs, openMs, firstGetMs, openAndFirstGetMs: openMs + firstGetMs, thousandGetsMs,
    afterOpenMB, after1000MB, storedMB: bytes / 2 ** 20, logMB: logBytes / 2 ** 20 };
}
