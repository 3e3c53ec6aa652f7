// `npm run bench`: the browser benchmarks in one run, in headless Chromium (playwright-core,
// /usr/bin/chromium), PocketDynamo against Dexie and raw IndexedDB side by side, at 10,000,
// 100,000 and 1,000,000 items of about 200 bytes (bench/js/suite-workload.js through
// persistence.html); then the cold start of a Vite-built page against the same page on Dexie
// (bench/js/cold-start.mjs) and the download size (bench/size/size.mjs). Prints a table of
// medians with [min .. max] over the repetitions and the ratios, and writes it all as JSON to
// bench/results/<date>.json. A step that would overrun the time budget (default 14 minutes) is
// not run, and the table says so.
// Run: npm run bench [-- --sizes 10000,100000 --runs 3 --budget-min 14 --peers-max 100000 --out file.json --no-cold-start]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startServer } from '../tests/support/browser.mjs';
import { parseArgs } from './js/args.js';
import { runColdStart } from './js/cold-start.mjs';
import { loadAverage, spread } from './js/report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { option, text, flag } = parseArgs();
const runs = option('--runs', 3);
const sizes = (text('--sizes', '10000,100000,1000000')).split(',').map(Number);
const budgetMs = option('--budget-min', 14) * 60_000;
const peersMax = option('--peers-max', Infinity); // above this size, PocketDynamo alone
const started = Date.now();
const left = () => budgetMs - (Date.now() - started);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outFile = text('--out', path.join(here, 'results', `${stamp}.json`));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}`;
const report = { date: new Date().toISOString(), machine, node: process.version, loadAverageBefore: os.loadavg(), sizes: {}, notRun: [] };
const log = (line) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const notRun = (what, why) => { report.notRun.push({ what, why }); log(`not run: ${what} (${why})`); };

log(`machine: ${machine}; load average ${loadAverage()}`);
const server = await startServer();
const { context, dir: profile } = await launchBrowser();
const page = await context.newPage();
const ready = async () => page.waitForFunction(() => window.benchmarkReady === true);
await page.goto(`${server.origin}/bench/js/persistence.html`);
await ready();
report.chromium = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
const step = (name, options) => page.evaluate(([n, o]) => window.suite[n](o), [name, options]);

// Loading dominates at scale: each library's cost per item, learnt from the previous load, says
// whether a size fits in what is left (keeping a reserve for the later sizes and the cold start):
// all three, else PocketDynamo alone (its peers reported as not run), else nothing at that size.
const LIBS = ['pocketDynamoMs', 'dexieMs', 'rawIdbMs'];
// open({ memoryBudget }) for the reads that show what a page holds under one.
const MEMORY_BUDGET = 16 * 2 ** 20;
const perItemMs = { pocketDynamoMs: 0.3, dexieMs: 0.3, rawIdbMs: 0.3 };
let openMsPerItem = 0.05;
try {
  for (const [index, count] of sizes.entries()) {
    const name = `suite-${count}-${Date.now()}`;
    const entry = { count, bulkLoad: [], open: [], reads: [], writes: [] };
    report.sizes[count] = entry;
    const reserve = 90_000 * (sizes.length - index) + 75_000; // this and later sizes' reads, the cold start
    const loadMs = (libs) => libs.reduce((sum, lib) => sum + perItemMs[lib] * count, 0);
    // Open grows with the data too (today): each run of it is counted, and fewer runs tried before fewer libraries.
    const fitsWith = (libs, openRuns) => loadMs(libs) * 1.3 + openRuns * openMsPerItem * count * 1.3 < left() - reserve;
    const fits = (libs) => fitsWith(libs, runs) || fitsWith(libs, 1);
    const libs = fits(LIBS) && count <= peersMax ? LIBS : fits(['pocketDynamoMs']) ? ['pocketDynamoMs'] : [];
    const openRuns = fitsWith(libs, runs) ? runs : 1;
    if (libs.length === 0) {
      notRun(`${count} items`, `loading them would take about ${(loadMs(LIBS) / 1000).toFixed(0)} s, over the budget`);
      continue;
    }
    if (libs.length < LIBS.length) {
      notRun(`Dexie and raw IndexedDB at ${count} items`, count > peersMax ? `--peers-max ${peersMax}`
        : `loading them would take about ${((loadMs(LIBS) - loadMs(libs)) / 1000).toFixed(0)} s more, over the budget`);
    }
    const skip = LIBS.filter((lib) => !libs.includes(lib));
    entry.peers = skip.length === 0;
    try {
      // Bulk load: repeated into throwaway databases while that is cheap, then the kept load.
      const loadRuns = loadMs(libs) * runs < 60_000 ? runs : 1;
      for (let run = 0; run < loadRuns; run++) {
        const keep = run === loadRuns - 1;
        log(`${count}: bulk load ${run + 1}/${loadRuns}${skip.length ? ' (PocketDynamo alone)' : ''}`);
        const result = await step('bulkLoad', { name, count, run, keep, skip });
        entry.bulkLoad.push(result);
        for (const lib of libs) perItemMs[lib] = result[lib] / count;
      }
      // Open to first get, each right after a page load; the last leaves the data sets open.
      for (let run = 0; run < openRuns; run++) {
        await page.reload();
        await ready();
        log(`${count}: open and first get ${run + 1}/${openRuns}`);
        entry.open.push(await step('openAndFirstGet', { name, count, peers: entry.peers }));
        if (run < openRuns - 1) await step('closeAll', {});
      }
      openMsPerItem = Math.max(...entry.open.map((r) => r.pocketDynamoMs)) / count;
      for (let run = 0; run < runs; run++) {
        log(`${count}: reads ${run + 1}/${runs}`);
        entry.reads.push(await step('reads', { count, run }));
      }
      const writeRuns = left() - reserve > 60_000 ? runs : 1;
      for (let run = 0; run < writeRuns; run++) {
        log(`${count}: sustained writes ${run + 1}/${writeRuns}`);
        entry.writes.push(await step('sustainedWrites', { count, run, durationMs: 4000 }));
      }
      await step('closeAll', {});
      // Memory under a budget: the same 1,000 reads after another page load.
      await page.reload();
      await ready();
      log(`${count}: reads under memoryBudget`);
      entry.budget = [await step('readsUnderBudget', { name, count, memoryBudget: MEMORY_BUDGET })];
      await step('drop', { name });
    } catch (error) {
      notRun(`the rest at ${count} items`, `it failed: ${String(error.message).split('\n')[0]}`);
      await page.reload().then(ready).then(() => step('drop', { name })).catch(() => {});
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  await server.close();
}

if (flag('--no-cold-start')) {
  notRun('cold start', '--no-cold-start');
} else if (left() > 60_000) {
  log('cold start of a Vite-built page');
  report.coldStart = await runColdStart({ runs: Math.max(3, runs) });
} else {
  notRun('cold start', 'over the budget');
}
log('download size');
report.size = execFileSync(process.execPath, [path.join(here, 'size/size.mjs')], { encoding: 'utf8' }).trim();
report.loadAverageAfter = os.loadavg();
report.totalSeconds = (Date.now() - started) / 1000;

fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(formatTable(report));
log(`wrote ${path.relative(process.cwd(), outFile)}`);

// The table: one row per figure and size, median [min .. max] of the runs, and the ratio to the peer.
function formatTable(r) {
  const lines = [];
  const cell = (s, digits = 1) => (s ? `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}..${s.max.toFixed(digits)}]` : 'not run');
  const row = (figure, count, ours, peer, ratio) => lines.push(`| ${figure} | ${count} | ${ours} | ${peer} | ${ratio} |`);
  const times = (s) => (s ? `${s.median.toFixed(s.median < 1 ? 2 : 1)}x` : '');
  lines.push(`Machine: ${r.machine}; Chromium ${r.chromium}; Node ${r.node}; load average before ${r.loadAverageBefore.map((n) => n.toFixed(1)).join(' ')}, `
    + `after ${r.loadAverageAfter.map((n) => n.toFixed(1)).join(' ')}; ${r.totalSeconds.toFixed(0)} s in all.`);
  lines.push('Figures: median [min..max] over the runs (n runs in the last column\'s note); ratio = how many times better PocketDynamo is.');
  lines.push('');
  lines.push('| figure | items | PocketDynamo | Dexie / raw IndexedDB | ratio vs Dexie |');
  lines.push('|---|---:|---|---|---:|');
  for (const [count, e] of Object.entries(r.sizes)) {
    const n = Number(count).toLocaleString('en-US');
    const ratio = (runsOf, ours, theirs, higherIsBetter = false) => {
      const values = runsOf.filter((x) => x[ours] && x[theirs]).map((x) => (higherIsBetter ? x[ours] / x[theirs] : x[theirs] / x[ours]));
      return values.length ? times(spread(values.map((v) => ({ v })), 'v')) : '';
    };
    if (!e.open.length) {
      row('(all)', n, 'not run: over the time budget', '', '');
      continue;
    }
    const s = (runsOf, field) => spread(runsOf, field);
    const seconds = (field) => s(e.bulkLoad.map((x) => ({ v: x[field] == null ? null : x[field] / 1000 })), 'v');
    row(`bulk load, s (n=${e.bulkLoad.length})`, n, cell(seconds('pocketDynamoMs'), 2),
      `${cell(seconds('dexieMs'), 2)} / ${cell(seconds('rawIdbMs'), 2)}`, ratio(e.bulkLoad, 'pocketDynamoMs', 'dexieMs'));
    row(`page load to first GetItem, ms (n=${e.open.length})`, n, cell(s(e.open, 'pocketDynamoMs')),
      `${cell(s(e.open, 'dexieMs'))} / ${cell(s(e.open, 'rawIdbMs'))}`, ratio(e.open, 'pocketDynamoMs', 'dexieMs'));
    row('wasm memory after 1,000 reads, MB', n, cell(s(e.open, 'wasmMemoryMB'), 0), '', '');
    row('1,000 random GetItems after open, ms', n, cell(s(e.open, 'thousandGetsMs'), 0), '', '');
    if (e.budget?.length) {
      row(`the same under memoryBudget ${MEMORY_BUDGET / 2 ** 20} MB: wasm memory, MB / items held, MB / time, ms`, n,
        `${cell(s(e.budget, 'wasmMemoryMB'), 0)} / ${cell(s(e.budget, 'itemMB'), 1)} / ${cell(s(e.budget, 'thousandGetsMs'), 0)}`, '', '');
    }
    row(`GetItem awaited one at a time, us (n=${e.reads.length})`, n, cell(s(e.reads, 'getPocketDynamoUs')),
      `${cell(s(e.reads, 'getDexieUs'))} / ${cell(s(e.reads, 'getRawIdbUs'))}`, times(s(e.reads, 'getVsDexie')));
    row('Query of 100 items, us (Dexie between(), raw getAll)', n, cell(s(e.reads, 'queryPocketDynamoUs')),
      `${cell(s(e.reads, 'queryDexieUs'))} / ${cell(s(e.reads, 'queryRawIdbUs'))}`, times(s(e.reads, 'queryVsDexie')));
    row('gets/s, 3,000 in flight', n, cell(s(e.reads, 'inFlightPocketDynamoPerS'), 0),
      `${cell(s(e.reads, 'inFlightDexiePerS'), 0)} / ${cell(s(e.reads, 'inFlightRawIdbPerS'), 0)}`,
      ratio(e.reads, 'inFlightPocketDynamoPerS', 'inFlightDexiePerS', true));
    if (e.writes.length) {
      row(`awaited put p50 / p99 / max, ms (8 writers, 4 s, n=${e.writes.length})`, n,
        `${cell(s(e.writes, 'putP50Ms'), 2)} / ${cell(s(e.writes, 'putP99Ms'), 1)} / ${cell(s(e.writes, 'putMaxMs'), 0)}`,
        `${cell(s(e.writes, 'dexiePutP50Ms'), 2)} / ${cell(s(e.writes, 'dexiePutP99Ms'), 1)} / ${cell(s(e.writes, 'dexiePutMaxMs'), 0)}`,
        ratio(e.writes, 'putP99Ms', 'dexiePutP99Ms'));
    }
  }
  if (r.coldStart) {
    const c = r.coldStart.runs;
    const s = (field) => spread(c, field);
    row(`Vite page: navigation to first answer, cold, ms (n=${c.length})`, '', cell(s('pocketDynamoColdMs'), 0), cell(s('dexieColdMs'), 0),
      `${(1 / s('coldVsDexie').median).toFixed(2)}x`);
    row('Vite page: navigation to first answer, warm, ms', '', cell(s('pocketDynamoWarmMs'), 0), cell(s('dexieWarmMs'), 0),
      `${(1 / s('warmVsDexie').median).toFixed(2)}x`);
    const busyRatio = (kind) => `${(s(`dexie${kind}BusyMs`).median / s(`pocketDynamo${kind}BusyMs`).median).toFixed(2)}x`;
    row('Vite page: main-thread busy until first answer, cold, ms', '', cell(s('pocketDynamoColdBusyMs'), 0), cell(s('dexieColdBusyMs'), 0), busyRatio('Cold'));
    row('Vite page: main-thread busy until first answer, warm, ms', '', cell(s('pocketDynamoWarmBusyMs'), 0), cell(s('dexieWarmBusyMs'), 0), busyRatio('Warm'));
  }
  for (const { what, why } of r.notRun) lines.push(`Not run: ${what}: ${why}.`);
  lines.push('', r.size);
  return lines.join('\n');
}
