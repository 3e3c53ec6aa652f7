// An engine whose changes are stored: loads the stored files into a new engine, commits its
// changes through the group-commit Committer, and when a flush fails drops the engine (its
// memory is ahead of the disk) and loads a new one from what is stored. Holds the one-writer
// lock from open to close.
import { StorageError } from '../errors.js';
import { Committer } from './committer.js';
import { toStorageError } from './files.js';

export class StoredEngine {
  /** The engine requests run on; null while it is being reloaded after a failed flush. */
  engine = null;
  // What the last load's openStorage() found.
  #openReport = null;
  #module;
  #backend;
  #lock;
  #committer;
  #loading = null;
  // What is stored, as the last load found it and every flush since changed it: name -> bytes.
  #files = new Map();
  #lastFlush = null;
  #flushes = 0;
  #warned = false;

  /**
   * Loads the database; on failure releases what it took.
   * @param {{ module: { Engine: new () => object }, backend: object, lock: { release(): unknown } }} parts
   */
  static async open({ module, backend, lock }) {
    const stored = new StoredEngine(module, backend, lock);
    try {
      await stored.ready();
    } catch (error) {
      await backend.close();
      await lock.release();
      throw error;
    }
    return stored;
  }

  constructor(module, backend, lock) {
    this.#module = module;
    this.#backend = backend;
    this.#lock = lock;
    this.#committer = new Committer({
      flushOnce: (batch) => this.#flushOnce(batch),
      onFailure: () => this.#reload(),
      // After a reload, the last commit it found; -1 when the reload itself failed.
      durableCommit: () => (this.engine ? this.#openReport?.commit ?? -1 : -1),
    });
  }

  /**
   * What the last load found: { tables, items, problems, unacknowledged, commit }, where
   * `problems` is what this load found (open, then partition files read on first touch), `items`
   * the items in memory after open, and `unacknowledged` every problem kept with the database
   * until acknowledgeRecoveryProblems().
   */
  get report() {
    const report = this.#openReport;
    if (!report || !this.engine) return report;
    const { problems, unacknowledged } = JSON.parse(this.engine.recoveryState());
    if (problems.length === 0 && unacknowledged.length === report.unacknowledged.length) return report;
    return { ...report, problems: [...report.problems, ...problems], unacknowledged };
  }

  /** Resolves when `engine` is set: at once, or after loading it (again) from storage. */
  ready() {
    if (this.engine) return Promise.resolve();
    this.#loading ??= this.#load().finally(() => { this.#loading = null; });
    return this.#loading;
  }

  /** Sizes of the stored files, and when the last flush completed (db.storageInfo()). */
  info() {
    return { files: new Map(this.#files), lastFlush: this.#lastFlush, flushes: this.#flushes };
  }

  /** Runs one request on the current engine (callers wait for ready() first). */
  execute(operation, text) {
    if (!this.engine) throw new StorageError('PocketDynamo storage: the database is being reloaded after a failed flush; try again');
    return this.engine.execute(operation, text);
  }

  /** execute() for a read answered in document form (Engine.executeDocument: { ok, form, body }). */
  executeDocument(operation, text) {
    if (!this.engine) throw new StorageError('PocketDynamo storage: the database is being reloaded after a failed flush; try again');
    return this.engine.executeDocument(operation, text);
  }

  /** Forgets the kept recovery problems; resolves once that is durable. */
  async acknowledgeRecoveryProblems() {
    await this.ready();
    this.engine.acknowledgeRecoveryProblems();
    await this.#committer.afterWrite(false);
    if (this.#openReport) this.#openReport = { ...this.#openReport, unacknowledged: [] };
  }

  /** After a write was applied: a promise of its durability, or undefined when relaxed. */
  afterWrite(relaxed) {
    return this.#committer.afterWrite(relaxed);
  }

  /** Everything applied so far made durable. */
  flush() {
    return this.#committer.flush();
  }

  /** Flushes, then frees the engine, the storage connection and the lock (even if the flush failed). */
  async close() {
    let error = null;
    try {
      await this.#committer.flush();
    } catch (failure) {
      error = failure;
    }
    await this.#loading?.catch(() => {});
    this.engine?.delete();
    this.engine = null;
    await this.#backend.close();
    await this.#lock.release();
    if (error) throw error;
  }

  async #load() {
    let files;
    try {
      files = await this.#backend.load();
    } catch (error) {
      throw toStorageError(error, 'load');
    }
    const engine = new this.#module.Engine();
    this.#files = new Map([...files].map(([name, bytes]) => [name, bytes.byteLength]));
    try {
      // Partition files stay here until the engine first touches one of their keys: open then
      // decodes only the catalog and the log, and wasm memory holds only what was touched.
      const unread = new Map();
      for (const [name, bytes] of files) {
        if (isPartitionFile(name)) {
          unread.set(name, bytes);
          engine.knowFile(name);
        } else {
          engine.loadFile(name, bytes);
        }
      }
      // Each is read once per engine (a reload after a failed flush loads the files again).
      engine.setFileReader((name) => {
        const bytes = unread.get(name);
        unread.delete(name);
        return bytes;
      });
      const report = JSON.parse(engine.openStorage());
      // What the backend could not even hand over (a stored chunk that is not bytes) comes first.
      report.problems = [...(files.problems ?? []), ...report.problems];
      this.#openReport = report;
    } catch (error) {
      engine.delete();
      throw toStorageError(error, 'open');
    }
    this.engine = engine;
    this.#warnOnce();
    // Opening queues only removals of files a loaded checkpoint replaced. They are tidying: on a
    // full disk, or if they fail, the database stays open and the next open tries again.
    const removals = takeOps(engine, 'takeOps');
    if (removals.length) await this.#applied(removals).catch(() => {});
  }

  // In the browser the console is where a developer looks: say once what recovery found.
  #warnOnce() {
    const kept = this.report?.unacknowledged ?? [];
    if (this.#warned || kept.length === 0 || typeof globalThis.process?.versions?.node === 'string') return;
    this.#warned = true;
    console.warn(`PocketDynamo: recovery problems kept with this database (see db.recoveryReport; db.acknowledgeRecoveryProblems() clears them):\n${kept.map((p) => `- ${p.problem}`).join('\n')}`);
  }

  async #flushOnce(batch) {
    const engine = this.engine;
    if (!engine) return; // dropped after a failure: nothing in memory is ahead of the disk
    try {
      const ops = takeOps(engine);
      if (ops.length) batch.commit = engine.lastCommit();
      if (ops.length) await this.#applied(ops);
    } catch (error) {
      throw toStorageError(error, 'flush');
    }
  }

  // Applies a flush's operations, then notes what the files now hold.
  async #applied(ops) {
    await this.#backend.apply(ops);
    for (const { op, name, bytes } of ops) {
      if (op === 'remove') this.#files.delete(name);
      else this.#files.set(name, (op === 'append' ? this.#files.get(name) ?? 0 : 0) + bytes.byteLength);
    }
    this.#lastFlush = new Date();
    this.#flushes += 1;
  }

  // Discards the engine at once (requests wait in ready()) and loads the stored state.
  #reload() {
    this.engine?.delete();
    this.engine = null;
    return this.ready();
  }
}

// A partition file (core/doc/storage-format.md): read by the engine when it first needs it.
const isPartitionFile = (name) => name.startsWith('part-');

// The engine's pending storage operations (engine.flush(), or engine.takeOps() for only those
// already queued), with bytes as Uint8Array whatever typed array Embind hands over (a view on the
// same memory, no copy).
function takeOps(engine, method = 'flush') {
  const ops = engine[method]();
  for (const op of ops) {
    const { bytes } = op;
    if (bytes && !(bytes instanceof Uint8Array)) op.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return ops;
}
