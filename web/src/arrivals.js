// Requests made before close() that still wait to reach the engine (a partition file being
// fetched, a reload after a failed flush, sync's code loading): close() lets them run first, so
// that every request made before it is answered, as it is when nothing had to be waited for.
export class Arrivals {
  #pending = new Set();

  /** Keeps `promise` (settling once its request has run on the engine) pending until it settles. */
  track(promise) {
    const settled = promise.then(() => {}, () => {});
    this.#pending.add(settled);
    settled.then(() => this.#pending.delete(settled));
    return promise;
  }

  /** Resolves once every request tracked so far, and those they lead to, has settled. */
  async settled() {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
