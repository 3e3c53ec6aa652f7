// What the browser says about the origin's storage (navigator.storage): whether it may evict it,
// and how much the origin uses of its quota. Node and browsers without the API have no answer.

const storageManager = () => globalThis.navigator?.storage;

/**
 * Asks the browser to keep the origin's storage under storage pressure; true when it will.
 * persist() is offered on pages only: in a worker this answers whether it was granted before.
 * @returns {Promise<boolean>}
 */
export async function askToPersist() {
  const storage = storageManager();
  if (typeof storage?.persist === 'function') return Boolean(await storage.persist());
  if (typeof storage?.persisted === 'function') return Boolean(await storage.persisted());
  return false;
}

/**
 * The origin's usage and quota in bytes (every database and cache of the origin, not only
 * PocketDynamo's); null where the browser does not tell (Node, no navigator.storage.estimate,
 * or an origin that may not ask, such as an opaque one).
 * @returns {Promise<{ usage: number | null, quota: number | null }>}
 */
export async function originEstimate() {
  const storage = storageManager();
  if (typeof storage?.estimate !== 'function') return { usage: null, quota: null };
  try {
    const { usage, quota } = await storage.estimate();
    return { usage: usage ?? null, quota: quota ?? null };
  } catch {
    return { usage: null, quota: null };
  }
}
