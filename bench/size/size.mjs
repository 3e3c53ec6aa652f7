// What a browser app downloads for PocketDynamo, gzipped: the package's main entry bundled and
// minified by esbuild as an app's bundler would (the Emscripten glue is imported by it, so it is
// in the bundle), plus the .wasm file. Budget: 250 KB. PartiQL's module (its glue and wasm) is
// loaded by the first PartiQL statement only, so it is left out of the bundle (as a bundler
// splits a dynamic import into a chunk of its own) and reported on its own. Run after the wasm build:
//   node bench/size/size.mjs
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const result = await build({
  entryPoints: [new URL('../../web/src/index.js', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  logLevel: 'error',
  external: ['*/pocketdynamo-partiql.js'],
});
const bundle = result.outputFiles[0].contents;
const wasm = readFileSync(new URL('../../web/dist/pocketdynamo.wasm', import.meta.url));
const glue = readFileSync(new URL('../../web/dist/pocketdynamo.js', import.meta.url));
console.log(`JS bundle (package + Emscripten glue), minified: ${kb(bundle.length)}, gzipped ${kb(gz(bundle))}`);
console.log(`  of which the glue alone, as shipped: gzipped ${kb(gz(glue))}`);
console.log(`wasm: ${kb(wasm.length)}, gzipped ${kb(gz(wasm))}`);
console.log(`total gzipped: ${kb(gz(bundle) + gz(wasm))} (budget 250 KB)`);
const partiqlWasm = readFileSync(new URL('../../web/dist/pocketdynamo-partiql.wasm', import.meta.url));
const partiqlGlue = (await build({
  entryPoints: [new URL('../../web/dist/pocketdynamo-partiql.js', import.meta.url).pathname],
  bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error',
})).outputFiles[0].contents;
console.log(`PartiQL, on first use: glue minified ${kb(partiqlGlue.length)}, gzipped ${kb(gz(partiqlGlue))}; `
  + `wasm ${kb(partiqlWasm.length)}, gzipped ${kb(gz(partiqlWasm))}; together gzipped ${kb(gz(partiqlGlue) + gz(partiqlWasm))}`);
