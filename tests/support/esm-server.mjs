// Serves the repo to a browser as native ES modules, with no bundler: the AWS SDK's ESM build
// (dist-es) from node_modules through an import map (package "exports" resolved with the
// browser conditions) and a server that resolves what only bundlers understand: extension-less
// and directory imports (redirected to the .js file, so each module has one URL), package.json
// "browser" replacements, and JSON imported as a module. Test tooling, loopback only.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const modulesDir = path.join(root, 'node_modules');
const CONDITIONS = ['browser', 'import', 'module', 'default'];
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' };

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function packageNames() {
  const names = [];
  for (const entry of fs.readdirSync(modulesDir)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const sub of fs.readdirSync(path.join(modulesDir, entry))) names.push(`${entry}/${sub}`);
    else names.push(entry);
  }
  return names.filter((name) => fs.existsSync(path.join(modulesDir, name, 'package.json')));
}

// The file an "exports" target picks under the browser conditions, or undefined.
function pick(target) {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  for (const condition of CONDITIONS) {
    if (condition in target) {
      const picked = pick(target[condition]);
      if (picked) return picked;
    }
  }
  return undefined;
}

/** An import map for every package in node_modules, plus `extra` entries. */
export function importMap(extra = {}) {
  const imports = {};
  for (const name of packageNames()) {
    const pkg = readJson(path.join(modulesDir, name, 'package.json'));
    const base = `/node_modules/${name}/`;
    let exportsMap = pkg.exports;
    if (typeof exportsMap === 'string' || (exportsMap && !Object.keys(exportsMap).some((key) => key.startsWith('.')))) exportsMap = { '.': exportsMap };
    if (exportsMap) {
      for (const [key, target] of Object.entries(exportsMap)) {
        const file = key.includes('*') || key === './package.json' ? undefined : pick(target);
        if (file) imports[name + key.slice(1)] = base + file.replace(/^\.\//, '');
      }
    } else {
      imports[name] = base + (pkg.module ?? pkg.main ?? 'index.js').replace(/^\.\//, '');
    }
    imports[`${name}/`] ??= base;
  }
  return { imports: { ...imports, ...extra } };
}

// The package.json "browser" replacement for a file of a package, as a URL path, or undefined.
function browserReplacement(urlPath) {
  const match = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(urlPath);
  if (!match) return undefined;
  const pkgFile = path.join(modulesDir, match[1], 'package.json');
  if (!fs.existsSync(pkgFile)) return undefined;
  const { browser } = readJson(pkgFile);
  if (!browser || typeof browser !== 'object') return undefined;
  const wanted = `./${match[2]}`;
  for (const [from, to] of Object.entries(browser)) {
    if (typeof to === 'string' && (from === wanted || `${from}.js` === wanted || from === `${wanted}.js`)) {
      const target = to.endsWith('.js') ? to : `${to}.js`;
      return `/node_modules/${match[1]}/${target.replace(/^\.\//, '')}`;
    }
  }
  return undefined;
}

const isFile = (file) => fs.existsSync(file) && fs.statSync(file).isFile();

/** @param {{ pages?: Record<string, string> }} options HTML pages served at fixed paths */
export function createEsmServer({ pages = {} } = {}) {
  return http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    if (pages[urlPath]) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(pages[urlPath]);
      return;
    }
    const redirect = (to) => {
      response.writeHead(302, { location: to });
      response.end();
    };
    const replacement = browserReplacement(urlPath);
    if (replacement && replacement !== urlPath) return redirect(replacement);
    const file = path.resolve(root, `.${urlPath}`);
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(403);
      response.end();
      return undefined;
    }
    if (!isFile(file)) {
      if (isFile(`${file}.js`)) return redirect(`${urlPath}.js`);
      if (isFile(path.join(file, 'index.js'))) return redirect(`${urlPath.replace(/\/$/, '')}/index.js`);
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return undefined;
    }
    const extension = path.extname(file);
    // `import packageInfo from "../package.json"` (no import attribute) needs a JS module.
    if (extension === '.json' && urlPath.startsWith('/node_modules/')) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(`export default ${fs.readFileSync(file, 'utf8')};`);
      return undefined;
    }
    response.writeHead(200, { 'content-type': TYPES[extension] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(response);
    return undefined;
  });
}
