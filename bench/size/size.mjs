// What a browser app downloads for PocketDynamo, gzipped: the package's main entry bundled,
// split and minified by esbuild as an app's bundler would, plus the .wasm file. Features an app
// opts into (sync, PartiQL, worker mode) load on first use from chunks of their own; those are
// listed apart. Budget: 250 KB for an app that uses none of them.
// Run after the wasm build:
//   node bench/size/size.mjs
import { build } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const dist = new URL('../../web/dist/', import.meta.url);

const result = await build({
  entryPoints: [new URL('../../web/src/index.js', import.meta.url).pathname],
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  outdir: '/size-bundle',
  write: false,
  metafile: true,
  logLevel: 'error',
});
// Every chunk an app that opens a database in the page loads (the Emscripten glue and the
// IndexedDB backend are imported lazily but always needed) is the first download; only the
// chunks of features an app opts into (below) are not.
const OPT_IN = ['web/src/sync/', 'web/dist/pocketdynamo-partiql.js', 'web/src/worker/'];
const outputs = result.metafile.outputs;
const optIn = (path) => {
  const inputs = Object.keys(outputs[path].inputs);
  return inputs.length > 0 && inputs.every((input) => OPT_IN.some((folder) => input.includes(folder)));
};
const chunks = Object.keys(outputs).filter((path) => path.endsWith('.js'));
const gzOf = (path) => gz(result.outputFiles.find((file) => file.path === resolve(path)).contents);
const jsInitial = chunks.filter((path) => !optIn(path)).reduce((sum, path) => sum + gzOf(path), 0);

const wasm = readFileSync(new URL('pocketdynamo.wasm', dist));
const glue = readFileSync(new URL('pocketdynamo.js', dist));
console.log(`JS loaded at start (package + Emscripten glue), gzipped: ${kb(jsInitial)}`);
console.log(`  of which the glue alone, as shipped: gzipped ${kb(gz(glue))}`);
console.log(`wasm: ${kb(wasm.length)}, gzipped ${kb(gz(wasm))}`);
console.log(`total gzipped: ${kb(jsInitial + gz(wasm))} (budget 250 KB)`);
const later = chunks.filter(optIn);
console.log(`loaded on first use of ${OPT_IN.join(', ')} (not in the total):`);
for (const path of later) console.log(`  ${basename(path)}: gzipped ${kb(gzOf(path))}`);
for (const name of readdirSync(dist).filter((n) => n.endsWith('.wasm') && n !== 'pocketdynamo.wasm')) {
  console.log(`  ${name}: gzipped ${kb(gz(readFileSync(new URL(name, dist))))}`);
}
