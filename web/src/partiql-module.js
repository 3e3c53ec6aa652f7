// PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) lives in a wasm module
// of its own, loaded the first time one of them is called, so that an app that does not use
// PartiQL does not download it. The module turns statements into ordinary requests (GetItem,
// Query, PutItem, TransactWriteItems, ...) that it runs synchronously on the engine through the
// function it is given, and shapes their answers into the PartiQL operation's.
import { compileWasm, defaultWasmUrl } from './wasm-fetch.js';
import { instantiateCompiled } from './engine-module.js';

const modules = new Map();
const loaded = new Map();

// Computed so bundlers do not try to resolve or bundle a Node built-in for the browser.
const NODE_FS = ['node', 'fs/promises'].join(':');

const isNode = () => typeof process === 'object' && typeof process.versions?.node === 'string'
  && typeof window === 'undefined';

/**
 * Where the PartiQL wasm is: `partiqlWasmUrl` when given, else beside an explicit `wasmUrl`
 * (an app that copies the engine's wasm copies this one next to it), else next to the module.
 * @param {{ wasmUrl?: string | URL, partiqlWasmUrl?: string | URL }} options
 */
export function partiqlWasmUrl({ wasmUrl, partiqlWasmUrl: explicit } = {}) {
  if (explicit !== undefined) return String(explicit);
  if (wasmUrl !== undefined) {
    try {
      return new URL('pocketdynamo-partiql.wasm', new URL(String(wasmUrl), globalThis.location?.href)).href;
    } catch {
      // a relative wasmUrl with no page to resolve it against: the package's own copy
    }
  }
  return String(defaultWasmUrl(new URL('../dist/pocketdynamo-partiql.wasm', import.meta.url)));
}

/** The module once loaded (so that later statements run without waiting), else undefined. */
export const loadedPartiqlModule = (url) => loaded.get(url);

/**
 * @param {string} url from partiqlWasmUrl
 * @returns {Promise<{ execute(operation: string, body: string,
 *   run: (operation: string, body: string) => { ok: boolean, body: string, wrote: boolean }):
 *   { ok: boolean, body: string, wrote: boolean } }>}
 */
export function loadPartiqlModule(url) {
  let loading = modules.get(url);
  if (!loading) {
    loading = instantiate(url).then((module) => {
      loaded.set(url, module);
      return module;
    });
    modules.set(url, loading);
    loading.catch(() => modules.delete(url)); // a failed load is tried again by the next statement
  }
  return loading;
}

async function instantiate(url) {
  try {
    const { default: createModule } = await import('../dist/pocketdynamo-partiql.js');
    const options = { locateFile: () => url };
    if (isNode() && url.startsWith('file:')) {
      const fs = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS);
      options.wasmBinary = await fs.readFile(new URL(url));
    } else if (typeof WebAssembly.compileStreaming === 'function') {
      return await instantiateCompiled(createModule, options, await compileWasm(url));
    }
    return await createModule(options);
  } catch (cause) {
    throw new Error(`PocketDynamo: could not load PartiQL from ${url}: ${cause?.message ?? cause}`, { cause });
  }
}
