// How responsive the playground stays while it works, in headless Chromium: the main-thread long
// tasks (over 50 ms, from a PerformanceObserver) while it loads the sample data (5,000 items),
// imports 10,000 items from a file and pages through them 100 at a time, and how long each took.
// A control first: two deliberate busy tasks (150 ms in a timer, 120 ms in a click handler) that
// the observer must report, so that "no long task" below means something. The figures depend on
// the machine: run alone on a quiet one. The playground's functions are tested in
// tests/browser/playground.test.mjs.
// Run: node bench/js/playground-responsiveness.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer } from '../../tests/support/browser.mjs';

// Records every 'longtask' entry from the first script on.
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const now = (page) => page.evaluate(() => performance.now());

// Long tasks since `since` (a performance.now() value), after letting pending entries arrive.
async function longTasksSince(page, since) {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  return page.evaluate((t) => window.__longTasks.filter((entry) => entry.start >= t), since);
}

function report(label, ms, tasks) {
  const durations = tasks.map((task) => Math.round(task.duration));
  const longest = durations.length ? Math.max(...durations) : 0;
  const over100 = durations.filter((d) => d > 100).length;
  console.log(`${label.padEnd(34)} ${String(Math.round(ms)).padStart(7)} ms   long tasks: ${durations.length}`
    + ` (over 100 ms: ${over100}, longest ${longest} ms)${durations.length ? `  [${durations.join(', ')}]` : ''}`);
}

const waitReady = (page) => page.waitForFunction(() => document.getElementById('app-status').dataset.ready === 'yes', null, { timeout: 60_000 });

console.log(`load average before: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
const server = await startServer();
const { context } = await launchBrowser();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-responsiveness-'));
try {
  const page = await context.newPage();
  await page.addInitScript(recordLongTasks);
  await page.goto(`${server.origin}/demo/#sample`);
  await waitReady(page);
  console.log(`Chromium ${await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0])}`);

  // Control: the observer sees a long task in a timer and in a click handled by the page (code
  // run by page.evaluate itself is not a renderer task and is never reported).
  let since = await now(page);
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => {
    const end = performance.now() + 150;
    while (performance.now() < end);
    resolve();
  })));
  await page.evaluate(() => document.querySelector('header h1').addEventListener('click', () => {
    const end = performance.now() + 120;
    while (performance.now() < end);
  }, { once: true }));
  await page.click('header h1');
  const control = (await longTasksSince(page, since)).filter((task) => task.duration >= 100);
  console.log(`control: the observer saw ${control.length} of the 2 deliberate busy tasks${control.length === 2 ? '' : ' (the figures below mean little)'}`);

  since = await now(page);
  await page.click('#sample-load');
  await page.waitForFunction(() => document.getElementById('sample-status').dataset.loaded === '5000', null, { timeout: 300_000 });
  report('sample data (5,000 items)', (await now(page)) - since, await longTasksSince(page, since));

  await page.click('#tabs [data-tab="tables"]');
  await page.click('summary:has-text("Or fill in a form")');
  await page.fill('#create-name', 'Events');
  await page.fill('#create-pk', 'Id');
  await page.click('#create-submit');
  await page.waitForSelector('#table-describe [data-table="Events"]');
  const lines = [];
  for (let i = 0; i < 10_000; i += 1) {
    lines.push(JSON.stringify({ Item: { Id: { S: `e${String(i).padStart(5, '0')}` }, N: { N: String(i) }, Kind: { S: i % 3 ? 'click' : 'view' }, Payload: { B: 'AAEC' } } }));
  }
  // From a file on disk: a buffer would be decoded by Playwright's own script in the page, a long
  // task of the harness rather than of the playground.
  const file = path.join(work, 'events.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await page.click('#tabs [data-tab="storage"]');
  await page.selectOption('#transfer-table', 'Events');
  since = await now(page);
  await page.setInputFiles('#import-file', file);
  await page.waitForFunction(() => document.getElementById('transfer-status').dataset.imported === '10000', null, { timeout: 300_000 });
  report('import (10,000 items)', (await now(page)) - since, await longTasksSince(page, since));

  await page.click('#tabs [data-tab="items"]');
  await page.selectOption('#items-table', 'Events');
  await page.selectOption('#items-page-size', '100');
  await page.waitForFunction(() => document.getElementById('items-page-info').textContent.startsWith('Page 1: items 1–100'));
  since = await now(page);
  for (let p = 2; p <= 100; p += 1) {
    await page.click('#items-next');
    await page.waitForFunction((n) => document.getElementById('items-page-info').dataset.page === String(n)
      && document.getElementById('items-results').dataset.state === 'ready', p);
  }
  report('paging (99 pages of 100 items)', (await now(page)) - since, await longTasksSince(page, since));
} finally {
  await context.close();
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
}
