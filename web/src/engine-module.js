// Loads and instantiates the wasm engine module once per page/process (per wasm URL) and shares
// it: every open database gets its own Engine object from the same module.
import { compileWasm, defaultWasmUrl } from './wasm-fetch.js';

const modules = new Map();

// Computed so bundlers do not try to resolve or bundle a Node built-in for the browser.
const NODE_FS = ['node', 'fs/promises'].join(':');

const isNode = () => typeof process === 'object' && typeof process.versions?.node === 'string'
  && typeof window === 'undefined';

/**
 * @param {string | URL} [wasmUrl] where pocketdynamo.wasm is; default: next to the module
 * @returns {Promise<{ Engine: new () => { execute(operation: string, body: string): { ok: boolean, body: string, wrote: boolean }, delete(): void } }>}
 */
export function loadEngineModule(wasmUrl) {
  const url = String(wasmUrl ?? defaultWasmUrl(new URL('../dist/pocketdynamo.wasm', import.meta.url)));
  let loading = modules.get(url);
  if (!loading) {
    loading = instantiate(url);
    modules.set(url, loading);
    // A failed load is not cached, so a later open can try again.
    loading.catch(() => modules.delete(url));
  }
  return loading;
}

async function instantiate(url) {
  try {
    const options = { locateFile: () => url };
    // Node cannot fetch() a file: URL, so hand the module the bytes; browsers stream-compile the URL.
    if (isNode() && url.startsWith('file:')) {
      const fs = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS);
      options.wasmBinary = await fs.readFile(new URL(url));
    } else if (typeof WebAssembly.compileStreaming === 'function') {
      // Compiled here (not by the glue) so that a failure says what went wrong (wasm-fetch.js).
      // The wasm's download and compile start now, alongside the glue's: neither waits for the other.
      const compiling = compileWasm(url);
      compiling.catch(() => {}); // awaited below; a glue failure first must not leave it unhandled
      const [{ default: createPocketDynamoModule }, compiled] = await Promise.all([import('../dist/pocketdynamo.js'), compiling]);
      return await instantiateCompiled(createPocketDynamoModule, options, compiled);
    }
    const { default: createPocketDynamoModule } = await import('../dist/pocketdynamo.js');
    return await createPocketDynamoModule(options);
  } catch (cause) {
    throw new Error(`PocketDynamo: could not load the engine from ${url}: ${cause?.message ?? cause}`, { cause });
  }
}

// The glue's instantiateWasm hook cannot reject the module's promise, so its failure is raced.
export function instantiateCompiled(createModule, options, compiled) {
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  options.instantiateWasm = (imports, receive) => {
    WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), fail);
    return {};
  };
  return Promise.race([createModule(options), failed]);
}
