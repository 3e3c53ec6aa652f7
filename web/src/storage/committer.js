// Group commit. A write applied in memory waits for the next flush; one flush runs at a time, and
// the writes that arrive while it runs are committed together by the following one. A relaxed
// write does not wait: it only makes sure a flush happens shortly.

const RELAXED_DELAY_MS = 10;

export class Committer {
  #flushOnce; // (batch) => Promise<void>: takes the engine's pending operations (noting the
  //             commit number they end with as batch.commit), calling batch.takeLater() right
  //             before, and applies them
  #onFailure; // (error) => Promise<void>: drops what was not durable (reloads from disk)
  #durableCommit; // () => number: the last commit the reload found on disk (-1: unknown)
  #next = null; // the batch the next flush commits: { promise, resolve, reject, relaxed }
  #running = null;
  #timer = null;
  #lostError = null; // a failed flush that had relaxed (already acknowledged) writes in it

  /**
   * @param {{ flushOnce: (batch: { commit?: number, takeLater(): void }) => Promise<void>,
   *   onFailure: (error: Error) => Promise<void>, durableCommit?: () => number }} hooks
   */
  constructor({ flushOnce, onFailure, durableCommit = () => -1 }) {
    this.#flushOnce = flushOnce;
    this.#onFailure = onFailure;
    this.#durableCommit = durableCommit;
  }

  /**
   * Called right after a write was applied in memory.
   * @returns {Promise<void> | undefined} for a strict write, resolves once it is durable
   */
  afterWrite(relaxed) {
    const batch = this.#batch();
    if (relaxed) {
      batch.relaxed = true;
      this.#startSoon();
      return undefined;
    }
    this.#startNow();
    return batch.promise;
  }

  /**
   * Resolves once everything applied so far is durable. Rejects with the error of a flush that
   * failed since the previous call and took relaxed writes with it.
   */
  async flush() {
    const batch = this.#batch();
    this.#startNow();
    let error = null;
    try {
      await batch.promise;
    } catch (failure) {
      error = failure;
    }
    const lost = this.#lostError;
    this.#lostError = null;
    if (error ?? lost) throw error ?? lost;
  }

  /** True while a flush runs or one is due. */
  get busy() {
    return this.#running !== null || this.#next !== null;
  }

  #batch() {
    if (!this.#next) {
      let resolve;
      let reject;
      const promise = new Promise((ok, fail) => { resolve = ok; reject = fail; });
      promise.catch(() => {}); // a batch of relaxed writes only has no one to report to
      this.#next = { promise, resolve, reject, relaxed: false };
    }
    return this.#next;
  }

  #startNow() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#running ??= this.#loop();
  }

  #startSoon() {
    if (this.#running || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#startNow();
    }, RELAXED_DELAY_MS);
  }

  async #loop() {
    try {
      // Let every write of the current task join the first batch.
      await null;
      while (this.#next) {
        const batch = this.#next;
        this.#next = null;
        // The writes applied before the flush takes the engine's operations are in its commit,
        // even those that arrived while it fetched files first: they share its outcome.
        const joined = [batch];
        batch.takeLater = () => {
          if (!this.#next) return;
          joined.push(this.#next);
          this.#next = null;
        };
        try {
          await this.#flushOnce(batch);
          for (const each of joined) each.resolve();
        } catch (error) {
          // Memory is ahead of the disk, so the engine is reloaded from what is stored. The
          // writes applied after this flush took its operations were in no flush: they are
          // lost. This flush's own writes may have reached the disk all the same (a log append
          // synced before a checkpoint failed): the reload's commit number tells, and only then
          // are they told.
          const next = this.#next;
          this.#next = null;
          clearTimeout(this.#timer);
          this.#timer = null;
          await this.#onFailure(error).catch(() => {}); // a failed reload is retried by the next request
          const stored = batch.commit !== undefined && this.#durableCommit() >= batch.commit;
          for (const each of next ? [...joined, next] : joined) {
            if (each !== next && stored) {
              each.resolve();
              continue;
            }
            if (each.relaxed) this.#lostError = error;
            each.reject(error);
          }
        }
      }
    } finally {
      this.#running = null;
    }
  }
}
