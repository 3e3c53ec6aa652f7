// storage 'fs' in Node: the directory backend and its LOCK file. Browser builds get
// directory-storage.browser.js instead (package.json "browser"), so no bundler emits these chunks.
import { StorageError } from '../errors.js';

/** @returns {Promise<{ backend: object, lock: { release(): Promise<void> } }>} */
export async function openDirectory(name, path, lockMode) {
  if (typeof globalThis.process?.versions?.node !== 'string') {
    throw new StorageError("PocketDynamo: storage 'fs' works in Node only; in the browser use storage: 'idb'");
  }
  const [{ openFsBackend }, { acquireDirectoryLock }] = await Promise.all([import('./fs-backend.js'), import('./fs-lock.js')]);
  const backend = await openFsBackend(path);
  const lock = await acquireDirectoryLock(backend.directory, name, lockMode);
  return { backend, lock };
}
