// Reads in headless Chromium (bench/js/reads-workload.js): the current tree (web/src, web/dist)
// and, with --before <dir> (a folder holding another tree's web/src and web/dist), that one side by
// side, each round in a fresh page, the builds alternating (ABBA); Dexie in the same pages.
// Prints medians with min-max and the ratios that issue 16 sets targets for.
// Run: node bench/js/reads.mjs [rounds] [--before <dir>]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../tests/support/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const args = process.argv.slice(2);
const rounds = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 3);
const beforeAt = args.indexOf('--before');
const trees = { current: repo };
if (beforeAt >= 0) trees.before = path.resolve(args[beforeAt + 1]);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-reads-'));
for (const [name, tree] of Object.entries(trees)) {
  fs.cpSync(path.join(tree, 'web/src'), path.join(root, name, 'src'), { recursive: true });
  fs.cpSync(path.join(tree, 'web/dist'), path.join(root, name, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(here, 'reads-workload.js'), path.join(root, name, 'reads-workload.js'));
}
fs.copyFileSync(path.join(repo, 'node_modules/dexie/dist/dexie.mjs'), path.join(root, 'dexie.mjs'));
fs.writeFileSync(path.join(root, 'page.js'), `
import Dexie from './dexie.mjs';
const build = new URL(location.href).searchParams.get('build');
const { PocketDynamo, DynamoDBDocument } = await import(\`./\${build}/src/index.js\`);
const { runReads } = await import(\`./\${build}/reads-workload.js\`);
window.runRound = () => runReads({ PocketDynamo, DynamoDBDocument, Dexie });
window.benchmarkReady = true;
`);
fs.writeFileSync(path.join(root, 'page.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>');

function serveRoot() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
  const server = http.createServer((request, response) => {
    const file = path.resolve(root, '.' + decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const names = Object.keys(trees);
const order = [];
for (let i = 0; i < rounds; i++) order.push(...(i % 2 === 0 ? names : [...names].reverse()));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const cell = (values, digits = 1) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;

console.log(`load average before: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
const server = await serveRoot();
const { context } = await launchBrowser();
const results = [];
try {
  for (const name of order) {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/page.html?build=${name}`);
    await page.waitForFunction(() => window.benchmarkReady === true, null, { timeout: 120_000 });
    const result = await page.evaluate(() => window.runRound());
    results.push({ name, ...result });
    console.log(name, JSON.stringify(result));
    await page.close();
  }
  console.log(`${await context.browser()?.version() ?? 'Chromium'}: ${rounds} rounds per build; median (min-max)`);
  for (const name of names) {
    const of = (metric) => results.filter((r) => r.name === name).map((r) => r[metric]);
    const ratio = (dexie, ours) => of(dexie).map((d, i) => d / of(ours)[i]);
    console.log(`  ${name}:`);
    console.log(`    DocumentClient get, awaited one at a time  ${cell(of('get'), 2)} us   Dexie get ${cell(of('dexieGet'))} us   Dexie/ours ${cell(ratio('dexieGet', 'get'))}x`);
    console.log(`    DocumentClient Query of 100 items           ${cell(of('query'))} us   Dexie between() ${cell(of('dexieQuery'))} us   Dexie/ours ${cell(ratio('dexieQuery', 'query'))}x`);
    console.log(`    gets per second, 1000 in flight             ${cell(of('getsPerSecondInFlight'), 0)}   Dexie ${cell(of('dexieGetsPerSecondInFlight'), 0)}`);
    console.log(`    gets per second, 3000 in flight             ${cell(of('getsPerSecondInFlight3000'), 0)}`);
    console.log(`    low-level getItem ${cell(of('lowLevelGet'), 2)} us   low-level Query of 100 items ${cell(of('lowLevelQuery'))} us`);
  }
} finally {
  await context.close();
  server.close();
  fs.rmSync(root, { recursive: true, force: true });
}
console.log(`load average after: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
