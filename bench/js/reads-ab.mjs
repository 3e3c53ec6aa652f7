// Reads side by side in one headless Chromium page (bench/js/reads-ab-page.js): this tree and
// another (--before <dir> holding web/src and web/dist), alternating in 12 pairs, and Dexie.
// Prints medians (min-max) and the per-pair ratios. Run: node bench/js/reads-ab.mjs --before <dir>
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../tests/support/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const beforeAt = process.argv.indexOf('--before');
if (beforeAt < 0) throw new Error('usage: node bench/js/reads-ab.mjs --before <dir with web/src and web/dist>');
const trees = { before: path.resolve(process.argv[beforeAt + 1]), current: repo };

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-reads-ab-'));
for (const [name, tree] of Object.entries(trees)) {
  fs.cpSync(path.join(tree, 'web/src'), path.join(root, name, 'src'), { recursive: true });
  fs.cpSync(path.join(tree, 'web/dist'), path.join(root, name, 'dist'), { recursive: true });
}
fs.copyFileSync(path.join(repo, 'node_modules/dexie/dist/dexie.mjs'), path.join(root, 'dexie.mjs'));
fs.copyFileSync(path.join(here, 'reads-ab-page.js'), path.join(root, 'page.js'));
fs.writeFileSync(path.join(root, 'page.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>');

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
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const cell = (values) => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)})`;

console.log(`load average before: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
const { context } = await launchBrowser();
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/page.html`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 120_000 });
  const out = await page.evaluate(() => window.run());
  console.log(`${await context.browser()?.version() ?? 'Chromium'}: 12 pairs; median (min-max)`);
  const labels = { get: 'get awaited one at a time, us', query: 'Query of 100 items, us', inflight: 'gets per second in flight' };
  for (const metric of ['get', 'query', 'inflight']) {
    const [before, current, dexie] = [out.before[metric], out.current[metric], out.dexie[metric]];
    // "x faster" per pair: time ratios for latencies, rate ratios for throughput.
    const faster = (slow, fast) => (metric === 'inflight' ? fast.map((x, i) => x / slow[i]) : slow.map((x, i) => x / fast[i]));
    console.log(`  ${labels[metric]}: before ${cell(before)}  current ${cell(current)}  Dexie ${cell(dexie)}`);
    console.log(`    current vs before ${cell(faster(before, current))}x   current vs Dexie ${cell(faster(dexie, current))}x`);
  }
} finally {
  await context.close();
  server.close();
  fs.rmSync(root, { recursive: true, force: true });
}
console.log(`load average after: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
