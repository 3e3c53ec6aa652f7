// Many tabs and worker mode in headless Chromium, side by side in one run: GetItem and PutItem
// latency (median and p99 of each call timed alone) from the owner tab, from another tab (its
// requests go to the owner) and in worker mode (the engine in a module Worker of the page), on
// 'idb' storage; then the takeover after the owner's renderer crashes (the longest gap between
// two reads completed in another tab, around the crash). Repeated; prints each run and the
// median and range over runs. Run alone: node bench/js/tabs.mjs [runs] [calls]
import http from 'node:http';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/support/browser.mjs';
import { createServer, listen } from '../../scripts/serve.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const calls = Number(process.argv[3] ?? 2000);

// The repository's static server, cross-origin isolated so that performance.now() has
// microsecond resolution (100 µs otherwise).
const files = createServer();
const server = http.createServer((request, response) => {
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  files.emit('request', request, response);
});
const origin = `http://127.0.0.1:${await listen(server, 0)}`;

async function oneRun(run) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-tabs-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
  });
  context.setDefaultTimeout(120_000);
  try {
    const page = async () => {
      const p = await context.newPage();
      await p.goto(`${origin}/bench/js/tabs.html`);
      await p.waitForFunction(() => window.benchmarkReady === true && window.crossOriginIsolated);
      return p;
    };
    const owner = await page();
    await owner.evaluate(() => window.openDb({ name: 'bench-tabs', storage: 'idb' }));
    const other = await page();
    await other.evaluate(() => window.openDb({ name: 'bench-tabs', storage: 'idb' }));
    const worker = await page();
    await worker.evaluate(() => window.openDb({ name: 'bench-worker', storage: 'idb', worker: true }));
    const result = {};
    for (const [where, p] of [['owner tab', owner], ['other tab', other], ['worker mode', worker]]) {
      process.stderr.write(`run ${run + 1}: ${where}\n`);
      result[`${where} GetItem`] = await p.evaluate(([n]) => window.timeCalls('GetItem', n), [calls]);
      result[`${where} PutItem strict`] = await p.evaluate(([n]) => window.timeCalls('PutItem', n, 'strict'), [Math.min(calls, 500)]);
      result[`${where} PutItem relaxed`] = await p.evaluate(([n]) => window.timeCalls('PutItem', n, 'relaxed'), [calls]);
    }
    // Takeover: another tab reads in a loop; the owner's renderer crashes.
    process.stderr.write(`run ${run + 1}: takeover\n`);
    await other.evaluate(() => window.readLoop());
    await other.waitForFunction(() => window.completions.length > 200);
    const cdp = await context.newCDPSession(owner);
    const crashedAt = Date.now();
    cdp.send('Page.crash').catch(() => {});
    await other.waitForFunction((t) => window.completions.filter((c) => c > t).length > 200, crashedAt + 50);
    const completions = await other.evaluate(() => { window.stopLoop = true; return window.completions; });
    let gap = 0;
    for (let i = 1; i < completions.length; i++) {
      if (completions[i] >= crashedAt - 5) gap = Math.max(gap, completions[i] - completions[i - 1]);
    }
    result['takeover after a crash'] = { ms: gap };
    const loopError = await other.evaluate(() => window.loopError);
    if (loopError) result.note = loopError;
    console.log(`run ${run + 1}: ${JSON.stringify(result, (k, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v))}`);
    return result;
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
for (let run = 0; run < runs; run++) results.push(await oneRun(run));
console.log(`\n${runs} runs, ${calls} calls each (PutItem strict: ${Math.min(calls, 500)}); milliseconds, median over runs [min–max]`);
for (const key of Object.keys(results[0]).filter((k) => k !== 'note')) {
  const parts = Object.keys(results[0][key]).map((stat) => {
    const values = results.map((r) => r[key][stat]);
    return `${stat} ${median(values).toFixed(3)} [${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}]`;
  });
  console.log(`  ${key.padEnd(28)} ${parts.join('   ')}`);
}
server.close();
