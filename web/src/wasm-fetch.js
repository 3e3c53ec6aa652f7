// Fetches and compiles pocketdynamo.wasm in a browser or a worker, and when that fails says
// what happened (nothing served there, an HTML page instead, a Content-Security-Policy refusal)
// and what to change, instead of WebAssembly's "expected magic word".

const HOW_TO_SERVE = 'The bundler did not serve pocketdynamo.wasm at that URL. '
  + "With Vite's dev server add `optimizeDeps: { exclude: ['pocketdynamo'] }` to vite.config; "
  + 'with esbuild (or any bundler that does not copy files named by `new URL(..., import.meta.url)`) '
  + 'copy node_modules/pocketdynamo/dist/pocketdynamo.wasm into your site and pass its URL as '
  + "PocketDynamo.open({ wasmUrl }). The package's README says what each bundler needs (\"Bundlers\").";

/**
 * The wasm's URL next to the module, corrected for Vite's dev server: Vite 5 to 7 pre-bundle the
 * package into node_modules/.vite/deps/, where `../dist/pocketdynamo.wasm` names nothing; the
 * file is still served from the package's own folder beside it.
 * @param {URL} nextToModule `new URL('../dist/pocketdynamo.wasm', import.meta.url)`
 */
export function defaultWasmUrl(nextToModule) {
  // (also for the PartiQL module's pocketdynamo-partiql.wasm, loaded on first use)
  const file = nextToModule.pathname.slice(nextToModule.pathname.lastIndexOf('/') + 1);
  const preBundled = `/node_modules/.vite/dist/${file}`;
  if (!nextToModule.pathname.endsWith(preBundled)) return nextToModule;
  const url = new URL(nextToModule);
  url.pathname = `${url.pathname.slice(0, -preBundled.length)}/node_modules/pocketdynamo/dist/${file}`;
  return url;
}

/**
 * @param {string} wasmUrl
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileWasm(wasmUrl) {
  const url = new URL(wasmUrl, globalThis.location?.href).href; // the absolute URL, for the messages
  const response = await fetchWasm(url);
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/html')) {
    throw new Error(`the server answered with an HTML page, not the engine's wasm. ${HOW_TO_SERVE}`);
  }
  const bytes = type.includes('application/wasm') ? null : new Uint8Array(await response.arrayBuffer());
  if (bytes && !isWasm(bytes)) {
    const html = /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 64)));
    throw new Error(`the server answered with ${html ? 'an HTML page' : `${bytes.length} bytes of ${type || 'unknown type'}`}, `
      + `not the engine's wasm. ${HOW_TO_SERVE}`);
  }
  try {
    return await (bytes ? WebAssembly.compile(bytes) : WebAssembly.compileStreaming(response));
  } catch (cause) {
    if (/Content.Security.Policy|unsafe-eval/i.test(String(cause?.message))) {
      throw new Error("the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its "
        + `script-src (${cause.message})`, { cause });
    }
    throw new Error(`the file is not a valid engine wasm (${cause?.message ?? cause})`, { cause });
  }
}

async function fetchWasm(url) {
  // A Content-Security-Policy refusal looks like a network error to fetch; the event says which it was.
  let refusedBy = null;
  const onViolation = (event) => { if (event.blockedURI && url.startsWith(event.blockedURI)) refusedBy = event.violatedDirective; };
  globalThis.addEventListener?.('securitypolicyviolation', onViolation);
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    await new Promise((resolve) => setTimeout(resolve, 0)); // the violation event is queued as a task
    if (refusedBy) {
      throw new Error(`the page's Content-Security-Policy (${refusedBy}) refused to fetch ${url}: allow its origin `
        + "in connect-src, or serve the wasm from the page's own origin", { cause });
    }
    throw new Error(`the fetch failed (${cause?.message ?? cause}): the server could not be reached`, { cause });
  } finally {
    globalThis.removeEventListener?.('securitypolicyviolation', onViolation);
  }
  if (!response.ok) throw new Error(`the server answered HTTP ${response.status} for ${url}. ${HOW_TO_SERVE}`);
  return response;
}

function isWasm(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}
