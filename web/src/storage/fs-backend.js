// Stored files in a directory (Node). A flush's operations are applied in order and each is made
// durable before the next begins (file fsync, then directory fsync after a rename, create or
// unlink), so after a crash the directory holds a prefix of the operations, which the engine's
// format recovers from (a new catalog is on disk before the files it replaced are removed). A
// 'write' goes to a temporary file renamed over the old one, so no file is ever half rewritten.
// Consecutive removals share one directory fsync: their order does not matter.
import { FILE_NAME, checkFileName, ownBuffer, toStorageError } from './files.js';

// A temporary file of a 'write' that a crash interrupted.
const TEMPORARY = /^[a-z0-9-]+\.tmp$/;

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
  #existing = new Set(); // engine files known to exist: an append to any other may create it

  constructor(fs, path, dir) {
    this.#fs = fs;
    this.#path = path;
    this.#dir = dir;
  }

  get directory() { return this.#dir; }

  /**
   * Every stored file; those `defer(name)` picks are only named, with their sizes, in
   * `files.deferred` (name -> bytes), and read by readFiles when needed.
   * @param {{ defer?: (name: string) => boolean }} [options]
   * @returns {Promise<Array<[string, Uint8Array]>>}
   */
  load({ defer = () => false } = {}) {
    return this.#serial(() => this.#load(defer));
  }

  /**
   * Files load() deferred: name -> bytes, without the names not found. Not queued behind
   * flushes: a file the engine has not read yet is never rewritten (a checkpoint rewrites only
   * what is loaded), and one a checkpoint replaced meanwhile is simply not found.
   * @param {string[]} names
   * @returns {Promise<Map<string, Uint8Array>>}
   */
  async readFiles(names) {
    const files = new Map();
    try {
      for (const name of names) {
        checkFileName(name);
        try {
          files.set(name, new Uint8Array(await this.#fs.readFile(this.#file(name))));
        } catch (error) {
          if (error.code !== 'ENOENT') throw error;
        }
      }
    } catch (error) {
      throw toStorageError(error, `reading ${this.#dir}`);
    }
    return files;
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

  async #load(defer) {
    try {
      const entries = await this.#fs.readdir(this.#dir);
      // Runs under the directory lock, so no other writer's temporary file can be among them.
      for (const name of entries.filter((entry) => TEMPORARY.test(entry))) {
        await this.#fs.rm(this.#file(name), { force: true });
      }
      const names = entries.filter((name) => FILE_NAME.test(name)).sort();
      this.#existing = new Set(names);
      const files = [];
      const deferred = new Map();
      Object.defineProperty(files, 'deferred', { value: deferred });
      for (const name of names) {
        if (defer(name)) deferred.set(name, (await this.#fs.stat(this.#file(name))).size);
        else files.push([name, new Uint8Array(await this.#fs.readFile(this.#file(name)))]);
      }
      return files;
    } catch (error) {
      throw toStorageError(error, `reading ${this.#dir}`);
    }
  }

  async #apply(ops) {
    // The directory change not yet fsynced: null, 'create' (a rename or a new file) or 'remove'.
    let unsynced = null;
    try {
      for (const { op, name, bytes } of ops) {
        checkFileName(name);
        // What came before must be durable before this can be; removals may share one fsync.
        if (unsynced && !(unsynced === 'remove' && op === 'remove')) {
          await this.#syncDir();
          unsynced = null;
        }
        if (op === 'write') {
          const temporary = this.#file(`${name}.tmp`);
          await this.#writeSynced(temporary, bytes, 'w');
          await this.#fs.rename(temporary, this.#file(name));
          this.#existing.add(name);
          unsynced = 'create';
        } else if (op === 'append') {
          await this.#writeSynced(this.#file(name), bytes, 'a');
          if (!this.#existing.has(name)) {
            this.#existing.add(name);
            unsynced = 'create';
          }
        } else if (op === 'remove') {
          await this.#fs.rm(this.#file(name), { force: true });
          this.#existing.delete(name);
          unsynced = 'remove';
        } else {
          throw new TypeError(`unknown storage operation ${JSON.stringify(op)}`);
        }
      }
      if (unsynced) await this.#syncDir();
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
