// Stored files in a Map: the storage backend of the Node tests, kept out of the package (and a
// model of what the others must do). A flush's operations are applied to a copy that replaces the
// files only when all of them succeeded.
import { checkFileName, concat, ownBuffer } from '../../web/src/storage/files.js';

export class MemoryBackend {
  /** name -> chunks (Uint8Array[]), as the IndexedDB backend keeps them */
  files = new Map();

  /** @returns {Promise<Array<[string, Uint8Array]>>} every stored file, whole */
  async load() {
    return [...this.files].map(([name, chunks]) => [name, concat(chunks).slice()]);
  }

  /** Applies one flush's operations, all or nothing. */
  async apply(ops) {
    const files = new Map(this.files);
    for (const { op, name, bytes } of ops) {
      checkFileName(name);
      if (op === 'write') files.set(name, [ownBuffer(bytes).slice()]);
      else if (op === 'append') files.set(name, [...(files.get(name) ?? []), ownBuffer(bytes).slice()]);
      else if (op === 'remove') files.delete(name);
      else throw new TypeError(`unknown storage operation ${op}`);
    }
    this.files = files;
  }

  async close() {}
}
