// Opens a stored database: takes the one-writer lock, connects the backend, loads the engine.
import { openDirectory } from './directory-storage.js';
import { acquireDatabaseLock } from './web-lock.js';
import { StoredEngine } from './stored-engine.js';

/**
 * @param {{ Engine: new () => object }} module the engine module
 * @param {string} name
 * @param {{ kind: 'idb' | 'fs', path?: string }} where
 * @param {'fail' | 'wait'} lockMode
 * @param {{ wrapBackend?: (backend: object) => object, indexedDB?: IDBFactory, timeoutMs?: number,
 *   heldLock?: { release(): unknown }, loadInBackground?: boolean, memoryBudget?: number }} [hooks]
 *   for tests: fault injection around the backend, another IndexedDB factory, a shorter timeout;
 *   for tabs: the Web Lock already held; and open's loadInBackground and memoryBudget options
 * @returns {Promise<StoredEngine>}
 */
export async function openStoredEngine(module, name, where, lockMode, hooks = {}) {
  const { backend, lock } = where.kind === 'fs'
    ? await openDirectory(name, where.path, lockMode)
    : await openIndexedDB(name, lockMode, hooks);
  const wrapped = hooks.wrapBackend ? hooks.wrapBackend(backend) : backend;
  return StoredEngine.open({ module, backend: wrapped, lock, loadInBackground: hooks.loadInBackground === true, memoryBudget: hooks.memoryBudget });
}

async function openIndexedDB(name, lockMode, { indexedDB, timeoutMs, heldLock }) {
  // Tabs (tabs/tab-link.js) hand over the lock they already hold.
  const lock = heldLock ?? await acquireDatabaseLock(name, lockMode);
  try {
    const { openIdbBackend } = await import('./idb-backend.js');
    return { backend: await openIdbBackend(name, { indexedDB, timeoutMs }), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
