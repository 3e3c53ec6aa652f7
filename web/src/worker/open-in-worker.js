// Worker mode, the page's side: open({ ..., worker: true }) starts a dedicated module Worker
// (engine-worker.js) that opens the database and serves it with the protocol of remote/, and
// returns a database whose every request goes there. Same results, same errors, streams included.
import { Database } from '../database.js';
import { RemoteClient } from '../remote/client.js';
import { CONTROL } from '../remote/protocol.js';

/**
 * @param {{ name: string, storage: string, path?: string, durability: string, lock?: string, wasmUrl?: string | URL,
 *   partiqlWasmUrl?: string | URL }} options
 * @param {string} closingKey see closing.js
 */
export async function openInWorker(options, closingKey) {
  if (typeof globalThis.Worker !== 'function') {
    throw new TypeError('PocketDynamo.open: worker: true needs module Workers (a browser)');
  }
  // A wasm URL relative to the page means the same file from inside the worker.
  const base = globalThis.location?.href;
  const absolute = (url) => (url === undefined ? undefined : String(base ? new URL(url, base) : url));
  const wasmUrl = absolute(options.wasmUrl);
  const partiqlWasmUrl = absolute(options.partiqlWasmUrl);
  // A plain module file next to this one, so that bundlers find it and emit it as a worker; the
  // options are a literal, which Vite needs to read them.
  const worker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
  const client = new RemoteClient(options.name, {
    post: (message) => {
      worker.postMessage(message);
      return undefined; // one server, never replaced
    },
  });
  worker.onmessage = ({ data }) => client.receive(data);
  worker.onerror = (event) => {
    event.preventDefault?.();
    client.fail(new Error(`PocketDynamo: the engine worker failed: ${event.message ?? 'it could not be loaded'}`));
  };
  let opened;
  try {
    opened = await client.call(CONTROL.open, { ...options, wasmUrl, partiqlWasmUrl });
  } catch (error) {
    worker.terminate();
    throw error;
  }
  const remote = {
    client,
    report: opened.report,
    async close() {
      // Sent before the client closes: closing waits for its answer (everything flushed).
      const closing = client.request(CONTROL.close, '{}').catch(() => {});
      await client.close();
      await closing;
      worker.terminate();
    },
  };
  return new Database(null, options.name, options.storage, { remote, durability: options.durability, closingKey });
}
