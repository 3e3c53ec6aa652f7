// One owner per key within this page, process or thread, with waiters served in order: the lock
// of environments without Web Locks (Node), and the in-process half of the directory lock.
// The tables live on globalThis under Symbol.for names, so two copies of this package loaded in
// one realm (two versions, a bundled and an unbundled one) see each other's locks.

/** The owner table named `name` (created on first use), shared by every copy of the package. */
export function lockTable(name) {
  const symbol = Symbol.for(name);
  globalThis[symbol] ??= new Map(); // key -> queue of waiting grants; present while someone holds the key
  return globalThis[symbol];
}

/**
 * @param {string} key
 * @param {boolean} wait wait for the owner to release (else resolve to null when it is held)
 * @param {Map<string, Array<() => void>>} [owners] the table (default: the one for Web Lock names)
 * @returns {Promise<{ release(): void } | null>}
 */
export function acquireLocalLock(key, wait, owners = lockTable('pocketdynamo.localLocks')) {
  if (!owners.has(key)) {
    owners.set(key, []);
    return Promise.resolve(grant(owners, key));
  }
  if (!wait) return Promise.resolve(null);
  return new Promise((resolve) => owners.get(key).push(() => resolve(grant(owners, key))));
}

function grant(owners, key) {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const next = owners.get(key).shift();
      if (next) next();
      else owners.delete(key);
    },
  };
}
