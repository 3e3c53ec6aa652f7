// Stored files in a directory (Node). A flush's operations are applied in order and each is made
// durable before the next begins (file fsync, then directory fsync after a rename or unlink),
// so after a crash the directory holds a prefix of the operations, which the engine's format
// recovers from. A 'write' goes to a temporary file renamed over the old one, so no file is ever
// half rewritten.
import { FILE_NAME, checkFileName, ownBuffer, toStorageError } from './files.js';

// Computed so that bundlers do not try to resolve Node built-ins for the browser.
const NODE_FS = ['node', 'fs/promises'].join(':');
const NODE_PATH = ['node', 'path'].join(':');

/** @param {string} dir created if missing */
export async function openFsBackend(dir) {
  const fs = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS);
  const path = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_PATH);
  const root = path.resolve(dir);
  try {
    await fs.mkdir(root, { recursive: true });
  } catch (error) {
    throw toStorageError(error, `creating directory ${root}`);
  }
  return new FsBackend(fs, path, root);
}

class FsBackend {
  #fs;
  #path;
  #dir;
  #queue = Promise.resolve(); // one load or apply at a time, in call order, as IndexedDB does

  constructor(fs, path, dir) {
    this.#fs = fs;
    this.#path = path;
    this.#dir = dir;
  }

  get directory() { return this.#dir; }

  /** @returns {Promise<Array<[string, Uint8Array]>>} */
  load() {
    return this.#serial(() => this.#load());
  }

  /** Applies one flush's operations in order, each durable before the next. */
  apply(ops) {
    return this.#serial(() => this.#apply(ops));
  }

  #serial(task) {
    const result = this.#queue.then(task);
    this.#queue = result.catch(() => {});
    return result;
  }

  async #load() {
    try {
      const names = (await this.#fs.readdir(this.#dir)).filter((name) => FILE_NAME.test(name)).sort();
      const files = [];
      for (const name of names) {
        files.push([name, new Uint8Array(await this.#fs.readFile(this.#file(name)))]);
      }
      return files;
    } catch (error) {
      throw toStorageError(error, `reading ${this.#dir}`);
    }
  }

  async #apply(ops) {
    let dirChanged = false;
    try {
      for (const { op, name, bytes } of ops) {
        checkFileName(name);
        // A renamed or removed entry must be durable before a later operation can be.
        if (dirChanged && op !== 'remove') {
          await this.#syncDir();
          dirChanged = false;
        }
        if (op === 'write') {
          const temporary = this.#file(`${name}.tmp`);
          await this.#writeSynced(temporary, bytes, 'w');
          await this.#fs.rename(temporary, this.#file(name));
          dirChanged = true;
        } else if (op === 'append') {
          await this.#writeSynced(this.#file(name), bytes, 'a');
        } else if (op === 'remove') {
          await this.#fs.rm(this.#file(name), { force: true });
          dirChanged = true;
        } else {
          throw new TypeError(`unknown storage operation ${JSON.stringify(op)}`);
        }
      }
      if (dirChanged) await this.#syncDir();
    } catch (error) {
      throw toStorageError(error, `writing ${this.#dir}`);
    }
  }

  async close() {}

  #file(name) {
    return this.#path.join(this.#dir, name);
  }

  async #writeSynced(file, bytes, flags) {
    const handle = await this.#fs.open(file, flags);
    try {
      const data = ownBuffer(bytes);
      let at = 0;
      while (at < data.byteLength) {
        const { bytesWritten } = await handle.write(data, at, data.byteLength - at);
        at += bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async #syncDir() {
    let handle;
    try {
      handle = await this.#fs.open(this.#dir, 'r');
      await handle.sync();
    } catch (error) {
      // Some platforms (Windows) cannot open or fsync a directory; their renames are durable anyway.
      if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes(error.code)) throw error;
    } finally {
      await handle?.close();
    }
  }
}
