// What this database holds in IndexedDB, read from the outside: the package documents that
// storage 'idb' keeps database `name` in the IndexedDB database `pocketdynamo:<name>`. This walks
// its records read-only (a cursor: one small task per record) and counts bytes, and files by
// kind (the prefix of their name: part-, log-, catalog-, ... as in core/doc/storage-format.md).
// It never creates the database: an upgrade (the database missing) is aborted.

const sizeOf = (value) => {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof Blob) return value.size;
  if (typeof value === 'string') return value.length * 2;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
};

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * @param {string} name the PocketDynamo database name
 * @returns {Promise<null | { bytes: number, records: number, files: Map<string, number> }>} null if absent
 */
export async function idbStats(name) {
  const dbName = `pocketdynamo:${name}`;
  if (typeof indexedDB === 'undefined') return null;
  if (indexedDB.databases && !(await indexedDB.databases()).some((info) => info.name === dbName)) return null;
  const open = indexedDB.open(dbName);
  let missing = false;
  open.onupgradeneeded = () => { missing = true; open.transaction.abort(); };
  let db;
  try {
    db = await request(open);
  } catch (error) {
    if (missing) return null;
    throw error;
  }
  db.onversionchange = () => db.close(); // never stand in the owner's way
  try {
    const stats = { bytes: 0, records: 0, files: new Map() };
    const fileNames = new Set();
    const stores = [...db.objectStoreNames];
    if (stores.length === 0) return stats;
    const transaction = db.transaction(stores, 'readonly');
    for (const store of stores) {
      await new Promise((resolve, reject) => {
        const cursor = transaction.objectStore(store).openCursor();
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const current = cursor.result;
          if (!current) { resolve(); return; }
          stats.records += 1;
          stats.bytes += sizeOf(current.value);
          const file = Array.isArray(current.key) ? current.key[0] : current.key;
          if (typeof file === 'string') fileNames.add(file);
          current.continue();
        };
      });
    }
    for (const file of fileNames) {
      const kind = file.includes('-') ? file.slice(0, file.indexOf('-')) : file;
      stats.files.set(kind, (stats.files.get(kind) ?? 0) + 1);
    }
    return stats;
  } finally {
    db.close();
  }
}
