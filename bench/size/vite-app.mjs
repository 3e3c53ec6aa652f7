// What a browser downloads for the root README's first example built by Vite 8 with no
// configuration (the packed package, from tests/consumers): every file the page fetches, gzipped
// (level 9), JS and wasm apart. Needs tests/consumers' packages (scripts/install-deps.sh) and the
// wasm build. Run: node bench/size/vite-app.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../tests/support/browser.mjs';
import { installPackedPackage, consumersDir } from '../../tests/consumers/pack.mjs';
import { serveStatic } from '../../tests/consumers/support.mjs';
import { gzipSync } from 'node:zlib';

const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const example = readme.match(/```js\n([\s\S]*?)```/)[1];

await installPackedPackage();
// The app lives inside tests/consumers so that it resolves the packed package from there.
const app = fs.mkdtempSync(path.join(consumersDir, 'bundlers', '.size-'));
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-size-'));
const { context } = await launchBrowser();
try {
  fs.writeFileSync(path.join(app, 'main.js'), `${example}\nwindow.exampleItem = Item;\n`);
  fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
  const { build } = await import(path.join(consumersDir, 'node_modules', 'vite8', 'dist', 'node', 'index.js'));
  await build({ root: app, configFile: false, logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
  const site = await serveStatic(out);
  const page = await context.newPage();
  const sizes = { js: 0, wasm: 0, other: 0 };
  page.on('response', async (response) => {
    const body = await response.body().catch(() => null);
    if (!body) return;
    const kind = response.url().endsWith('.wasm') ? 'wasm' : response.url().endsWith('.js') ? 'js' : 'other';
    sizes[kind] += gzipSync(body, { level: 9 }).length;
  });
  await page.goto(site.url);
  await page.waitForFunction(() => window.exampleItem !== undefined);
  await page.close();
  await site.close();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`Vite 8 build of the README's first example, downloaded, gzipped: JS ${kb(sizes.js)}, wasm ${kb(sizes.wasm)}, `
    + `total ${kb(sizes.js + sizes.wasm)} (+ ${kb(sizes.other)} of HTML)`);
} finally {
  await context.close();
  fs.rmSync(app, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
}
