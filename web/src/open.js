// PocketDynamo.open: checks the options, loads the shared engine module, makes a database.
import { Database } from './database.js';
import { loadEngineModule } from './engine-module.js';

const SUPPORTED_STORAGE = ['memory'];

/**
 * Opens a database. Only `storage: 'memory'` exists so far (data lives until close()); 'idb' and
 * 'node:<dir>' come with the persistence layer and are rejected until then.
 * @param {{ name: string, storage: 'memory', wasmUrl?: string | URL }} options
 * @returns {Promise<Database>}
 */
async function open(options) {
  const { name, storage, wasmUrl } = options ?? {};
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('PocketDynamo.open: `name` must be a non-empty string');
  }
  if (!SUPPORTED_STORAGE.includes(storage)) {
    throw new Error(`PocketDynamo.open: storage ${JSON.stringify(storage)} is not supported by this version; use storage: 'memory'`);
  }
  const module = await loadEngineModule(wasmUrl);
  return new Database(new module.Engine(), name, storage);
}

export const PocketDynamo = Object.freeze({ open });
