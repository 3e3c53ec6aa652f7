// Persistence benchmark in headless Chromium, side by side in one run: 10,000 awaited concurrent
// puts through PocketDynamo (storage 'idb', all acknowledged durable) against raw IndexedDB (one
// transaction; default and relaxed durability) and Dexie bulkPut; then the open of a
// 100,000-item database right after a page load, and its first get. Medians of the runs.
// Run alone on a quiet machine: node bench/js/persistence.mjs [runs] [--items N] [--open-items N]
import { launchBrowser, startServer } from '../../tests/support/browser.mjs';
import { parseArgs } from './args.js';
import { loadAverage, printRuns } from './report.js';

const { runs, option } = parseArgs();
const count = option('--items', 10_000);
const openCount = option('--open-items', 100_000);
console.log(`load average before: ${loadAverage()}`);

const server = await startServer();
const { context } = await launchBrowser();
try {
  const page = await context.newPage();
  const url = `${server.origin}/bench/js/persistence.html`;
  await page.goto(url);
  await page.waitForFunction(() => window.benchmarkReady === true);
  const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
  console.log(`Chromium ${version}`);

  await page.evaluate((n) => window.runWrites({ count: n }), Math.min(count, 1000)); // warm-up
  const writes = [];
  for (let run = 0; run < runs; run++) writes.push(await page.evaluate((options) => window.runWrites(options), { count, run }));
  printRuns(`writes of ${count} items, ms (vs*: how many times faster PocketDynamo is)`, writes);

  const name = `bench-open-${Date.now()}`;
  const filling = Date.now();
  await page.evaluate((options) => window.fill(options), { name, count: openCount });
  console.log(`filled ${openCount} items in ${((Date.now() - filling) / 1000).toFixed(1)} s`);
  const opens = [];
  for (let run = 0; run < runs; run++) {
    await page.reload();
    await page.waitForFunction(() => window.benchmarkReady === true);
    opens.push(await page.evaluate((options) => window.openAndGet(options), { name, count: openCount }));
  }
  printRuns('open right after a page load, ms', opens);
} finally {
  await context.close();
  await server.close();
}
