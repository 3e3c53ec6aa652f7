// One writer per database in the browser: a Web Lock named after the database, held for as long
// as the database is open. Web Locks are shared by every tab and worker of the origin, and the
// browser releases them when a page goes away, even when it crashes.
import { DatabaseLockedError, StorageError } from '../errors.js';
import { acquireLocalLock } from './local-lock.js';

/**
 * @param {string} name the PocketDynamo database name
 * @param {'fail' | 'wait'} mode
 * @returns {Promise<{ release(): void }>}
 */
export async function acquireDatabaseLock(name, mode) {
  const key = `pocketdynamo:${name}`;
  const locks = globalThis.navigator?.locks;
  if (!locks) {
    // Without Web Locks a browser has no way to keep a second tab out of the store.
    if (typeof globalThis.process?.versions?.node !== 'string') throw noWebLocks();
    // Node (with fake IndexedDB): only this process can reach the store anyway.
    const lock = await acquireLocalLock(key, mode === 'wait');
    if (!lock) throw new DatabaseLockedError(name);
    return lock;
  }
  const lock = await holdWebLock(key, mode === 'wait' ? {} : { ifAvailable: true });
  if (!lock) throw new DatabaseLockedError(name);
  return lock;
}

/**
 * Requests the Web Lock `key` (options as navigator.locks.request's) and holds it until
 * release(), whose promise resolves once the browser has let it go. Null when `ifAvailable`
 * found it held; rejects when `signal` aborted the wait.
 * @returns {Promise<{ release(): Promise<void> } | null>}
 */
export function holdWebLock(key, options) {
  return new Promise((resolve, reject) => {
    let release;
    const held = new Promise((done) => { release = done; });
    const requested = globalThis.navigator.locks.request(key, options, (lock) => {
      if (lock === null) {
        resolve(null);
        return undefined;
      }
      resolve({ release: () => { release(); return requested; } });
      return held; // the lock is held until this settles
    });
    requested.catch(reject);
  });
}

function noWebLocks() {
  const why = globalThis.isSecureContext === false
    ? 'this page is not a secure context (Web Locks need https: or localhost)'
    : 'this browser does not have the Web Locks API (navigator.locks)';
  return new StorageError(`PocketDynamo: storage 'idb' needs Web Locks to keep two tabs from writing one database, and ${why}`);
}
