// What the bundler tests share: each bundler's build and dev server, driven through its Node API
// with no option that concerns pocketdynamo, a static server for a build's output, and a page
// that runs the fixture app (bundlers/app/) and reports what it downloaded.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { consumersDir } from './pack.mjs';

export const appDir = path.join(consumersDir, 'bundlers', 'app');
export const workerAppDir = path.join(consumersDir, 'bundlers', 'worker-app');
const modules = path.join(consumersDir, 'node_modules');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css', '.map': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1 as a production host would: 404 for what is missing, or with
 * `fallback` the index page instead (a single-page app's host); `headers` are added to each answer.
 */
export async function serveStatic(dir, { fallback = false, headers = {} } = {}) {
  const server = http.createServer((request, response) => {
    let relative = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (relative.endsWith('/')) relative += 'index.html';
    let file = path.resolve(dir, `.${relative}`);
    const found = file.startsWith(dir + path.sep) && fs.existsSync(file) && !fs.statSync(file).isDirectory();
    if (!found && !fallback) {
      response.writeHead(404, { 'content-type': 'text/plain', ...headers }).end('not found');
      return;
    }
    if (!found) file = path.join(dir, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) };
}

/** The files of a build's output (relative paths) that only Node can use: they must not be there. */
export function nodeOnlyFiles(outDir) {
  const files = fs.readdirSync(outDir, { recursive: true }).map(String);
  return files.filter((file) => /fs-backend|fs-lock|directory-storage/.test(file)
    || (file.endsWith('.js') && /openFsBackend|acquireDirectoryLock/.test(fs.readFileSync(path.join(outDir, file), 'utf8'))));
}

/**
 * Opens `url` in a new page and waits for the fixture app's result.
 * @returns {Promise<{ result: { ok: boolean, texts?: string[], error?: string }, errors: string[],
 *   downloads: { url: string, gzipped: number }[] }>}
 */
export async function runFixture(context, url) {
  const page = await context.newPage();
  const errors = [];
  const downloads = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', async (response) => {
    try {
      const body = await response.body();
      downloads.push({ url: response.url(), gzipped: gzipSync(body, { level: 9 }).length });
    } catch { /* a redirect or an aborted response has no body */ }
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.fixtureResult !== undefined);
    const result = await page.evaluate(() => window.fixtureResult);
    return { result, errors, downloads };
  } finally {
    await page.close();
  }
}

const vite = (version) => import(path.join(modules, version, 'dist', 'node', 'index.js'));

/** A production build with Vite `version` ('vite5', 'vite7', 'vite8') of `root`; resolves to the output folder. */
export async function viteBuild(version, outDir, root = appDir) {
  const { build } = await vite(version);
  // Vite 5 and 7 build workers as IIFE unless told otherwise, which cannot hold the package's
  // worker (it loads parts of the package on demand): the one line the README gives for them.
  const worker = version === 'vite8' ? {} : { worker: { format: 'es' } };
  await build({ root, configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true }, ...worker });
  return outDir;
}

/** Vite's dev server on the app, from an empty dependency cache (so pre-bundling runs). */
export async function viteDev(version) {
  fs.rmSync(path.join(modules, '.vite'), { recursive: true, force: true });
  const { createServer } = await vite(version);
  const server = await createServer({
    root: appDir, configFile: false, logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
  const { port } = server.httpServer.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** A webpack 5 build (`mode` 'production' or 'development') with the smallest config: entry and output. */
export async function webpackBuild(mode, outDir) {
  const { default: webpack } = await import(path.join(modules, 'webpack', 'lib', 'index.js'));
  const compiler = webpack({
    mode, context: appDir, entry: './main.js',
    output: { path: outDir, filename: 'main.js', clean: true },
    devtool: false,
  });
  const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  writeIndex(outDir, './main.js');
  return outDir;
}

/** esbuild's own dev server (`serve`) on the esbuild entry, building on request. */
export async function esbuildServe(outDir) {
  const esbuild = await import(path.join(modules, 'esbuild', 'lib', 'main.js'));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  writeIndex(outDir, './main.js');
  const context = await esbuild.context({
    entryPoints: { main: path.join(appDir, 'main-esbuild.js') }, bundle: true, format: 'esm', splitting: true,
    outdir: outDir, loader: { '.wasm': 'file' }, logLevel: 'error',
  });
  const { port } = await context.serve({ servedir: outDir, host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${port}/`, close: () => context.dispose() };
}

/** An esbuild bundle (minified or not) with the options its docs give for an app with a .wasm asset. */
export async function esbuildBuild(minify, outDir) {
  const esbuild = await import(path.join(modules, 'esbuild', 'lib', 'main.js'));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { main: path.join(appDir, 'main-esbuild.js') }, bundle: true, format: 'esm', splitting: true,
    outdir: outDir, minify, loader: { '.wasm': 'file' }, logLevel: 'error',
  });
  writeIndex(outDir, './main.js');
  return outDir;
}

function writeIndex(outDir, script) {
  fs.writeFileSync(path.join(outDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="${script}"></script></body></html>\n`);
}
