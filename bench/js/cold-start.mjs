// Cold start of a built page: the root README's first example (open with a declared table, put,
// get) built by Vite 8 with no configuration against the packed package, and the same page on
// Dexie, served over HTTP on 127.0.0.1 as a production host would (hashed assets cacheable, the
// wasm as application/wasm). Times navigation to the first answer (performance.now() when the
// get resolves: milliseconds since navigation start), cold (a fresh browser profile: nothing
// cached, no database) and warm (the second reload: HTTP cache and Chromium's code caches
// filled, the database there). With --wrong-type the wasm is served as application/octet-stream
// (the fallback path: bytes compiled without streaming). Needs tests/consumers' packages.
// Run alone: node bench/js/cold-start.mjs [runs] [--wrong-type]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../../tests/support/browser.mjs';
import { consumersDir, installPackedPackage } from '../../tests/consumers/pack.mjs';
import { parseArgs } from './args.js';
import { loadAverage, printSpread, spread } from './report.js';

const POCKETDYNAMO_APP = `import { PocketDynamo, DynamoDBDocument } from 'pocketdynamo';
const started = performance.now();
const db = await PocketDynamo.open({ name: 'notes', storage: 'idb', tables: [{
  TableName: 'Notes', BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
}] });
const opened = performance.now();
const notes = DynamoDBDocument.from(db);
await notes.put({ TableName: 'Notes', Item: { id: '1', text: 'hello' } });
const { Item } = await notes.get({ TableName: 'Notes', Key: { id: '1' } });
window.firstAnswer = { ms: performance.now(), scriptStartMs: started, openedMs: opened, text: Item.text };
`;

const DEXIE_APP = `import Dexie from 'dexie';
const started = performance.now();
const db = new Dexie('notes');
db.version(1).stores({ notes: 'id' });
await db.open();
const opened = performance.now();
await db.notes.put({ id: '1', text: 'hello' });
const item = await db.notes.get('1');
window.firstAnswer = { ms: performance.now(), scriptStartMs: started, openedMs: opened, text: item.text };
`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };

// A production-like static host: hashed assets cacheable for a year, the page revalidated.
function serve(dir, { wasmType }) {
  const server = http.createServer((request, response) => {
    let relative = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(dir, `.${relative}`);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    const ext = path.extname(file);
    const type = ext === '.wasm' ? wasmType : TYPES[ext] ?? 'application/octet-stream';
    const cache = ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
    const stat = fs.statSync(file);
    response.writeHead(200, { 'content-type': type, 'cache-control': cache, 'content-length': stat.size,
      'last-modified': stat.mtime.toUTCString() });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(done); }),
  })));
}

export async function buildApps() {
  await installPackedPackage();
  const { build } = await import(pathToFileURL(path.join(consumersDir, 'node_modules', 'vite8', 'dist', 'node', 'index.js')).href);
  const built = {};
  for (const [name, source] of Object.entries({ pocketDynamo: POCKETDYNAMO_APP, dexie: DEXIE_APP })) {
    // The app lives inside tests/consumers so that it resolves the packed package from there.
    const app = fs.mkdtempSync(path.join(consumersDir, 'bundlers', '.cold-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), `pd-cold-${name}-`));
    try {
      fs.writeFileSync(path.join(app, 'main.js'), source);
      fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>\n');
      await build({ root: app, configFile: false, logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
    built[name] = out;
  }
  return built;
}

// The page's main-thread busy time (Chromium's TaskDuration) is given too: it is less sensitive
// than wall time to the other processes of a shared machine.
async function navigate(context, url) {
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const before = await busy();
  await page.goto(url);
  await page.waitForFunction(() => window.firstAnswer !== undefined);
  const answer = await page.evaluate(() => window.firstAnswer);
  const busyMs = await busy() - before;
  await cdp.detach();
  if (answer?.text !== 'hello') throw new Error(`the page did not answer: ${errors.join('; ')}`);
  return { ...answer, busyMs };
}

/**
 * Per run and app: a fresh profile, one cold navigation, then two reloads (the second is "warm").
 * Apps alternate first so that a drift of the machine falls on both.
 * @returns {Promise<{ runs: object[], wasmType: string }>} one object per run: {app}{Cold,Warm}Ms
 */
export async function runColdStart({ runs = 5, wrongType = false } = {}) {
  const wasmType = wrongType ? 'application/octet-stream' : 'application/wasm';
  const built = await buildApps();
  const sites = {};
  for (const [name, dir] of Object.entries(built)) sites[name] = await serve(dir, { wasmType });
  const results = [];
  try {
    for (let run = 0; run < runs; run++) {
      const result = {};
      const names = run % 2 ? ['dexie', 'pocketDynamo'] : ['pocketDynamo', 'dexie'];
      for (const name of names) {
        const { context, dir } = await launchBrowser();
        try {
          const cold = await navigate(context, sites[name].url);
          await navigate(context, sites[name].url);
          const warm = await navigate(context, sites[name].url);
          Object.assign(result, { [`${name}ColdMs`]: cold.ms, [`${name}ColdOpenedMs`]: cold.openedMs,
            [`${name}ScriptStartMs`]: cold.scriptStartMs, [`${name}ColdBusyMs`]: cold.busyMs,
            [`${name}WarmMs`]: warm.ms, [`${name}WarmBusyMs`]: warm.busyMs });
        } finally {
          await context.close();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
      result.coldVsDexie = result.pocketDynamoColdMs / result.dexieColdMs;
      result.warmVsDexie = result.pocketDynamoWarmMs / result.dexieWarmMs;
      results.push(result);
    }
  } finally {
    for (const site of Object.values(sites)) await site.close();
    for (const dir of Object.values(built)) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { runs: results, wasmType };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { runs, flag } = parseArgs(undefined, { runs: 5 });
  console.log(`load average before: ${loadAverage()}`);
  const { runs: results, wasmType } = await runColdStart({ runs, wrongType: flag('--wrong-type') });
  printSpread(`navigation to first answer, ms (wasm served as ${wasmType}), ${runs} runs: median [min .. max]`, results);
  const ratio = spread(results, 'coldVsDexie');
  console.log(`cold: PocketDynamo/Dexie ${ratio.median.toFixed(2)}x (target: within 2x)`);
  console.log(`load average after: ${loadAverage()}`);
}
