// One owner per key within this page or process, with waiters served in order: the lock of
// environments without Web Locks (Node), and the in-process half of the directory lock.
const owners = new Map(); // key -> queue of waiting grants; present while someone holds the key

/**
 * @param {string} key
 * @param {boolean} wait wait for the owner to release (else resolve to null when it is held)
 * @returns {Promise<{ release(): void } | null>}
 */
export function acquireLocalLock(key, wait) {
  if (!owners.has(key)) {
    owners.set(key, []);
    return Promise.resolve(grant(key));
  }
  if (!wait) return Promise.resolve(null);
  return new Promise((resolve) => owners.get(key).push(() => resolve(grant(key))));
}

function grant(key) {
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
