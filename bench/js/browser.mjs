// DocumentClient put/get per second in headless Chromium, repeated; prints each run and the
// medians. Run: node bench/js/browser.mjs [runs]
import { withBenchPage } from './bench-page.js';
import { printRuns } from './report.js';

const runs = Number(process.argv[2] ?? 5);
await withBenchPage('bench/js/page.html', async (page, version) => {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await page.evaluate(() => window.runBenchmark({})));
  printRuns(`Chromium (${version})`, results);
});
