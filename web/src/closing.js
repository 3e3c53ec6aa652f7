// Databases closing in this page (or thread), by storage key, so that an open() right after a
// close() of the same database waits for that close instead of finding the storage still locked
// (React StrictMode mounts, unmounts and mounts again at once). The table lives on globalThis
// under a Symbol.for name, so two copies of the package in one realm see each other's closes.
const closing = () => (globalThis[Symbol.for('pocketdynamo.closing')] ??= new Map());

/** The key of a database's storage: the same key, the same stored database. */
export const closingKey = (where, name) => `${where.kind}\u0000${where.path ?? ''}\u0000${name}`;

/** Notes a close under way; it is forgotten once done. */
export function noteClosing(key, promise) {
  const table = closing();
  const done = promise.then(() => {}, () => {});
  table.set(key, done);
  done.then(() => {
    if (table.get(key) === done) table.delete(key);
  });
}

/** A promise of the close under way for `key`, or undefined. */
export const closingNow = (key) => closing().get(key);
