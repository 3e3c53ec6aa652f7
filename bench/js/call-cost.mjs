// Per-call cost of PutItem and GetItem through the package, in Node and in headless Chromium,
// for the current build (web/dist) and, with --before <dir>, for another build of the engine
// (a folder holding its pocketdynamo.js and .wasm) side by side: each round runs in a fresh
// process (Node) or a fresh page (Chromium), the builds alternate (ABBA) so that a drift of the
// shared machine falls on both. Prints medians with min-max and the ratio current/before.
// Run: node bench/js/call-cost.mjs [rounds] [--before <dir>] [--node | --chromium]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const args = process.argv.slice(2);

if (args[0] === '--child') {
  // One Node round: `--child <tree>` prints the result as JSON.
  const tree = args[1];
  const { PocketDynamo } = await import(pathToFileURL(path.join(tree, 'src/index.js')).href);
  const { executeRaw } = await import(pathToFileURL(path.join(tree, 'src/database.js')).href);
  const { loadEngineModule } = await import(pathToFileURL(path.join(tree, 'src/engine-module.js')).href);
  const { runCallCost } = await import(pathToFileURL(path.join(tree, 'call-cost-workload.js')).href);
  console.log(JSON.stringify(await runCallCost({ PocketDynamo, executeRaw, loadEngineModule })));
  process.exit(0);
}

const rounds = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 6);
const beforeAt = args.indexOf('--before');
const beforeDir = beforeAt >= 0 ? path.resolve(args[beforeAt + 1]) : null;
const only = args.includes('--node') ? 'node' : args.includes('--chromium') ? 'chromium' : null;

// One tree per build: a copy of web/src next to that build's dist, plus the workload and page.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-call-cost-'));
const builds = beforeDir ? { before: beforeDir, current: path.join(repo, 'web/dist') } : { current: path.join(repo, 'web/dist') };
for (const [name, dist] of Object.entries(builds)) {
  const tree = path.join(root, name);
  fs.cpSync(path.join(repo, 'web/src'), path.join(tree, 'src'), { recursive: true });
  fs.mkdirSync(path.join(tree, 'dist'));
  for (const file of ['pocketdynamo.js', 'pocketdynamo.wasm']) fs.copyFileSync(path.join(dist, file), path.join(tree, 'dist', file));
  fs.copyFileSync(path.join(here, 'call-cost-workload.js'), path.join(tree, 'call-cost-workload.js'));
}
fs.writeFileSync(path.join(root, 'page.js'), `
const build = new URL(location.href).searchParams.get('build');
const { PocketDynamo } = await import(\`./\${build}/src/index.js\`);
const { executeRaw } = await import(\`./\${build}/src/database.js\`);
const { loadEngineModule } = await import(\`./\${build}/src/engine-module.js\`);
const { runCallCost } = await import(\`./\${build}/call-cost-workload.js\`);
window.runRound = () => runCallCost({ PocketDynamo, executeRaw, loadEngineModule });
window.benchmarkReady = true;
`);
fs.writeFileSync(path.join(root, 'page.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>');

// ABBA order over the rounds, so that neither build always runs first.
const order = [];
const names = Object.keys(builds);
for (let i = 0; i < rounds; i++) order.push(...(i % 2 === 0 ? names : [...names].reverse()));

function nodeRound(name) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', path.join(root, name)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

function serveRoot() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
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

async function chromiumRounds() {
  const { launchBrowser } = await import('../../tests/support/browser.mjs');
  const server = await serveRoot();
  const { context } = await launchBrowser();
  const results = [];
  try {
    for (const name of order) {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/page.html?build=${name}`);
      await page.waitForFunction(() => window.benchmarkReady === true);
      results.push({ name, ...(await page.evaluate(() => window.runRound())) });
      await page.close();
    }
    const version = (await context.browser()?.version()) ?? 'Chromium';
    return { version, results };
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function report(label, results) {
  console.log(`${label}: ${rounds} rounds per build, microseconds per call (median, min-max)`);
  for (const metric of ['putItem', 'getItem', 'engineGetItem', 'bareCall']) {
    const medians = {};
    const cells = names.map((name) => {
      const values = results.filter((r) => r.name === name).map((r) => r[metric]);
      medians[name] = median(values);
      return `${name} ${medians[name].toFixed(3)} (${Math.min(...values).toFixed(3)}-${Math.max(...values).toFixed(3)})`;
    });
    const ratio = medians.before ? `   current/before ${(medians.current / medians.before).toFixed(3)}` : '';
    console.log(`  ${metric.padEnd(14)} ${cells.join('   ')}${ratio}`);
  }
}

console.log(`load average before: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
try {
  if (only !== 'chromium') report(`Node ${process.version}`, order.map((name) => ({ name, ...nodeRound(name) })));
  if (only !== 'node') {
    const { version, results } = await chromiumRounds();
    report(`Chromium ${version}`, results);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
console.log(`load average after: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
