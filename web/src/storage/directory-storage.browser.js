// What browser builds get for directory-storage.js (package.json "browser"): storage 'fs' is Node's.
import { StorageError } from '../errors.js';

export async function openDirectory() {
  throw new StorageError("PocketDynamo: storage 'fs' works in Node only; in the browser use storage: 'idb'");
}
