// An engine whose changes are stored: loads the stored files into a new engine, commits its
// changes through the group-commit Committer, and when a flush fails drops the engine (its
// memory is ahead of the disk) and loads a new one from what is stored. Holds the one-writer
// lock from open to close. Open reads the catalog and the log, not the partition files: before a
// request (prepare) or a flush the engine names the partition files it will read, which are
// fetched and handed in first, since the engine runs synchronously and storage does not; the
// rest may load in the background, one file at a time.
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
  // Partition files fetched for the current engine and not yet handed to it: name -> bytes, or
  // null when storage has no such file. Reset with every load.
  #fetched = new Map();
  // Fetches in flight for the current engine, by name, so that two requests share one.
  #fetching = new Map();
  // Names the engine asked for that were not fetched in time (the net under prepare()).
  #misses = [];
  // What reading deferred files found (a stored chunk that is not bytes), after open's problems.
  #lateProblems = [];
  // Every partition of the current engine is loaded: prepare() has nothing left to do.
  #allLoaded = false;
  #loadInBackground;
  #background = null;
  // open({ memoryBudget }): item bytes kept in memory at most (0: no bound), and the pending trim.
  #memoryBudget;
  #trimTimer = null;
  // Requests waiting for their files under a memory budget: the touch count before each named
  // them (a trim keeps what was touched from the lowest on).
  #fences = new Map();
  #closed = false;

  /**
   * Loads the database; on failure releases what it took.
   * @param {{ module: { Engine: new () => object }, backend: object, lock: { release(): unknown },
   *   loadInBackground?: boolean, memoryBudget?: number }} parts
   */
  static async open({ module, backend, lock, loadInBackground = false, memoryBudget }) {
    const stored = new StoredEngine(module, backend, lock, loadInBackground, memoryBudget);
    try {
      await stored.ready();
    } catch (error) {
      await backend.close();
      await lock.release();
      throw error;
    }
    return stored;
  }

  constructor(module, backend, lock, loadInBackground = false, memoryBudget = Infinity) {
    this.#loadInBackground = loadInBackground;
    this.#memoryBudget = Number.isFinite(memoryBudget) && memoryBudget > 0 ? memoryBudget : 0;
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
    const late = this.#lateProblems;
    if (problems.length === 0 && late.length === 0 && unacknowledged.length === report.unacknowledged.length) return report;
    return { ...report, problems: [...report.problems, ...late, ...problems], unacknowledged };
  }

  /** Resolves when `engine` is set: at once, or after loading it (again) from storage. */
  ready() {
    if (this.engine) return Promise.resolve();
    this.#loading ??= this.#load().finally(() => { this.#loading = null; });
    return this.#loading;
  }

  /**
   * Sizes of the stored files, and when the last flush completed (db.storageInfo()). IndexedDB
   * tells a file's size only by reading it: the catalog's sizes of partition files are taken
   * instead, and only a file it has none for (format 1 or 2) is read here.
   */
  async info() {
    const facts = this.engine?.storageFacts ? JSON.parse(this.engine.storageFacts()) : null;
    for (const [name, size] of Object.entries(facts?.fileSizes ?? {})) {
      if (this.#files.get(name) === null) this.#files.set(name, size);
    }
    const unknown = [...this.#files].filter(([, size]) => size === null).map(([name]) => name);
    if (unknown.length && this.#backend.readFiles) {
      const read = await this.#backend.readFiles(unknown);
      for (const [name, bytes] of read) if (this.#files.get(name) === null) this.#files.set(name, bytes.byteLength);
    }
    const files = new Map([...this.#files].map(([name, size]) => [name, size ?? 0]));
    return {
      files, lastFlush: this.#lastFlush, flushes: this.#flushes, logEntriesApplied: facts?.logEntriesApplied ?? 0,
      itemBytesInMemory: facts?.itemBytesInMemory ?? 0,
    };
  }

  /**
   * Before a request: a promise that the partition files it will read are in the engine, or
   * undefined when there is nothing to fetch (so that the usual path does not pay for an await).
   */
  prepare(operation, text) {
    const engine = this.engine;
    if (this.#memoryBudget) this.#scheduleTrim();
    if (!engine || this.#allLoaded) return undefined;
    const fence = this.#memoryBudget ? engine.touchCount() : 0;
    const names = engine.filesNeeded(operation, text); // counts the partitions it names as touched
    if (names.length === 0) return undefined;
    return this.#fenced(fence, this.#fetchAndLoad(engine, names));
  }

  /**
   * After a request: whether it asked for a partition file prepare() did not fetch (then it
   * failed before reading it, and a read may run again once fetchMissed() resolves).
   */
  missed() {
    return this.#misses.length > 0;
  }

  /** Fetches and loads the files the last requests missed. */
  fetchMissed() {
    const names = [...new Set(this.#misses.splice(0))];
    // Nothing is dropped meanwhile: what the request touched before it missed stays.
    return this.engine ? this.#fenced(0, this.#fetchAndLoad(this.engine, names)) : this.ready();
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
    this.#closed = true;
    clearTimeout(this.#trimTimer);
    await this.#background;
    await Promise.all([...this.#fetching.values()].map((fetch) => fetch.catch(() => {})));
    this.engine?.delete();
    this.engine = null;
    await this.#backend.close();
    await this.#lock.release();
    if (error) throw error;
  }

  async #load() {
    let files;
    try {
      // A backend without readFiles (a test's wrapper) hands over every file at once.
      files = await this.#backend.load(this.#backend.readFiles ? { defer: isPartitionFile } : undefined);
    } catch (error) {
      throw toStorageError(error, 'load');
    }
    const engine = new this.#module.Engine();
    this.#files = new Map([...files].map(([name, bytes]) => [name, bytes.byteLength]));
    for (const [name, size] of files.deferred ?? []) this.#files.set(name, size);
    // Each partition file is read once per engine (a reload after a failed flush starts again).
    const fetched = new Map();
    const misses = [];
    this.#fetched = fetched;
    this.#fetching = new Map();
    this.#misses = misses;
    this.#lateProblems = [];
    this.#allLoaded = false;
    try {
      // Partition files stay in storage until the engine first touches one of their keys: open
      // then reads and decodes only the catalog and the log, and wasm memory holds only what was
      // touched.
      for (const [name, bytes] of files) {
        if (isPartitionFile(name)) {
          fetched.set(name, bytes);
          engine.knowFile(name);
        } else {
          engine.loadFile(name, bytes);
        }
      }
      for (const name of files.deferred?.keys() ?? []) engine.knowFile(name);
      // false: not fetched (the engine then leaves the partition unloaded and fails the request);
      // undefined: storage has no such file.
      engine.setFileReader((name) => {
        if (!fetched.has(name)) {
          misses.push(name);
          return false;
        }
        const bytes = fetched.get(name);
        fetched.delete(name);
        return bytes ?? undefined;
      });
      const report = JSON.parse(engine.openStorage());
      if (this.#memoryBudget) engine.trimMemory(this.#memoryBudget, Infinity); // sets it
      // What the backend could not even hand over (a stored chunk that is not bytes) comes first.
      report.problems = [...(files.problems ?? []), ...report.problems];
      this.#openReport = report;
    } catch (error) {
      engine.delete();
      throw toStorageError(error, 'open');
    }
    this.engine = engine;
    // A database with nothing stored yet (or every file loaded at open) has nothing to prepare;
    // under a memory budget, a partition dropped later is fetched again.
    this.#allLoaded = !this.#memoryBudget && engine.nextUnloadedFiles().length === 0;
    this.#warnOnce();
    if (this.#loadInBackground) this.#background ??= this.#loadRest(engine).finally(() => { this.#background = null; });
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
      // A checkpoint rewrites the partitions the log changed, so those load first. Writes that
      // ran while they were fetched may have made more partitions due: asked again until none is
      // missing (a step leaves out one still missing, so a few rounds are enough).
      for (let round = 0; round < 3; round++) {
        const needed = engine.filesNeededToFlush();
        if (needed.length === 0) break;
        await this.#fetchAndLoad(engine, needed);
        if (this.engine !== engine) return;
      }
      batch.takeLater?.(); // the writes that arrived meanwhile are in these operations too
      const ops = takeOps(engine);
      if (ops.length) batch.commit = engine.lastCommit();
      if (ops.length) await this.#applied(ops);
    } catch (error) {
      throw toStorageError(error, 'flush');
    }
    if (this.#memoryBudget) this.#scheduleTrim();
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

  // Fetches the files (those not fetched or being fetched yet, in one read) and hands each to
  // `engine`, unless it was replaced or closed meanwhile. A file whose partition loaded meanwhile
  // (or that a checkpoint replaced) is simply not taken.
  async #fetchAndLoad(engine, names) {
    const fetched = this.#fetched;
    const fetching = this.#fetching;
    const wanted = names.filter((name) => !fetched.has(name) && !fetching.has(name));
    if (wanted.length) {
      const read = this.#read(wanted).then((files) => {
        for (const name of wanted) fetched.set(name, files.get(name) ?? null);
        this.#lateProblems.push(...(files.problems ?? []));
      });
      const shared = read.finally(() => { for (const name of wanted) fetching.delete(name); });
      for (const name of wanted) fetching.set(name, shared);
    }
    await Promise.all(names.map((name) => fetching.get(name)).filter(Boolean));
    if (this.engine !== engine || this.#closed) return;
    for (const name of names) {
      if (!fetched.has(name)) continue; // another caller handed it in already
      let loaded;
      try {
        loaded = engine.loadStoredFile(name);
      } catch (error) {
        throw toStorageError(error, 'load');
      }
      if (!loaded) fetched.delete(name);
    }
    if (this.#memoryBudget) this.#scheduleTrim();
    else if (engine.nextUnloadedFiles().length === 0) this.#allLoaded = true;
  }

  // Under a memory budget: drops the partitions touched least recently beyond it (the engine's
  // trimMemory), in a task of its own, so never between a fetch handing a request its
  // partitions and the request running; keeping those of the requests still waiting for files
  // (#fenced); and only while every write is stored (no flush running or due), so that what is
  // dropped is read back whole. Otherwise tried again a little later.
  #scheduleTrim(delay = 0) {
    this.#trimTimer ??= setTimeout(() => {
      this.#trimTimer = null;
      const engine = this.engine;
      if (!engine || this.#closed) return;
      if (this.#committer.busy) this.#scheduleTrim(5);
      else engine.trimMemory(this.#memoryBudget, this.#oldestFence());
    }, delay);
  }

  #oldestFence() {
    let oldest = Infinity;
    for (const fence of this.#fences.values()) oldest = Math.min(oldest, fence);
    return oldest;
  }

  // `fetching` (a request's files), during which a trim keeps every partition touched from
  // `fence` on: those the request named (filesNeeded counted them as touched) and later ones.
  #fenced(fence, fetching) {
    if (!this.#memoryBudget) return fetching;
    const token = {};
    this.#fences.set(token, fence);
    return fetching.finally(() => this.#fences.delete(token));
  }

  async #read(names) {
    try {
      return await this.#backend.readFiles(names);
    } catch (error) {
      throw toStorageError(error, 'load');
    }
  }

  // Background loading: one partition file per slice, with a pause between slices that lets the
  // page (and requests) run; stops at close or when the engine is replaced. A failed read stops
  // it quietly: a request that needs the file fetches it itself and reports the failure.
  async #loadRest(engine) {
    for (;;) {
      await pause();
      if (this.engine !== engine || this.#closed) return;
      const files = engine.nextUnloadedFiles(); // a partition's file and its deltas
      if (files.length === 0) { // none left, or the memory budget is full
        this.#allLoaded = !this.#memoryBudget;
        return;
      }
      try {
        await this.#fetchAndLoad(engine, files);
      } catch {
        return;
      }
    }
  }

  // Discards the engine at once (requests wait in ready()) and loads the stored state.
  #reload() {
    this.engine?.delete();
    this.engine = null;
    return this.ready();
  }
}

// Yields to the event loop (a macrotask, so that rendering and input come in between slices).
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

// A partition file or a partition's delta (core/doc/storage-format.md): read by the engine when it
// first needs the partition.
const isPartitionFile = (name) => name.startsWith('part-') || name.startsWith('delta-');

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
