// DocumentClient put/get per second in headless Chromium, repeated; prints each run and the
// medians. Run: node bench/js/browser.mjs [runs]
import { launchBrowser, startServer } from '../../tests/support/browser.mjs';
import { printRuns } from './report.js';

const runs = Number(process.argv[2] ?? 5);
const server = await startServer();
const { context } = await launchBrowser();
try {
  const page = await context.newPage();
  await page.goto(`${server.origin}/bench/js/page.html`);
  await page.waitForFunction(() => window.benchmarkReady === true);
  const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await page.evaluate(() => window.runBenchmark({})));
  printRuns(`Chromium (${version})`, results);
} finally {
  await context.close();
  await server.close();
}
