// db.streamRecords(): an async iterator over a subscription's records. Records are buffered
// from the moment it is made (so a write made before the first next() is not missed) until they
// are read; break or return() ends it.
export class RecordIterator {
  #buffer = [];
  #head = 0;
  #waiting = [];
  #done = false;
  #error;
  #cancel;

  /** @param {() => void} cancel stops the subscription */
  constructor(cancel) {
    this.#cancel = cancel;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next() {
    if (this.#head < this.#buffer.length) {
      const value = this.#buffer[this.#head];
      this.#buffer[this.#head++] = undefined;
      if (this.#head === this.#buffer.length) {
        this.#buffer = [];
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#error !== undefined) {
      const error = this.#error;
      this.#error = undefined;
      return Promise.reject(error);
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Called by `break` in for await: stops the subscription and drops unread records. */
  return() {
    this.#cancel();
    this.#buffer = [];
    this.#head = 0;
    this.#finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Sink side: a record arrived. */
  push(record) {
    if (this.#done) return;
    const waiter = this.#waiting.shift();
    if (waiter) waiter.resolve({ value: record, done: false });
    else this.#buffer.push(record);
  }

  /** Sink side: the stream ended (the table's stream disabled, the database closed) or failed. */
  end(error) {
    if (this.#done) return;
    const waiter = error !== undefined ? this.#waiting.shift() : undefined;
    if (waiter) waiter.reject(error);
    else if (error !== undefined) this.#error = error;
    this.#finish();
  }

  #finish() {
    this.#done = true;
    for (const waiter of this.#waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
  }
}
