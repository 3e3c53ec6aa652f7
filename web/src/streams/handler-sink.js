// Delivers a subscription's records to its handler one at a time, in order, after the write
// that produced them has returned (never inside it, so a handler may itself write). An async
// handler is awaited before the next record.
export class HandlerSink {
  #handler;
  #onError;
  #queue = [];
  #head = 0;
  #running = false;
  #cancelled = false;

  constructor(handler, onError) {
    this.#handler = handler;
    this.#onError = onError;
  }

  push(record) {
    this.#queue.push({ record });
    this.#run();
  }

  // The stream ended: nothing more to deliver, unless it ended with an error, which is reported.
  end(error) {
    if (error !== undefined) {
      this.#queue.push({ error });
      this.#run();
    }
  }

  /** Unsubscribed: records not yet delivered are dropped. */
  cancel() {
    this.#cancelled = true;
    this.#queue = [];
    this.#head = 0;
  }

  async #run() {
    if (this.#running || this.#cancelled) return;
    this.#running = true;
    await null;
    while (this.#head < this.#queue.length && !this.#cancelled) {
      const entry = this.#queue[this.#head];
      this.#queue[this.#head++] = undefined;
      if ('error' in entry) {
        this.#report(entry.error);
        continue;
      }
      try {
        const result = this.#handler(entry.record);
        if (typeof result?.then === 'function') await result;
      } catch (error) {
        this.#report(error, entry.record);
      }
    }
    this.#queue = [];
    this.#head = 0;
    this.#running = false;
  }

  // A handler's error cannot fail the write that is long done: it goes to onError, or is
  // reported like an error in an event listener (the page's error event, or uncaughtException
  // in Node). Delivery goes on with the next record.
  #report(error, record) {
    try {
      if (this.#onError) {
        this.#onError(error, record);
        return;
      }
    } catch (thrown) {
      error = thrown;
    }
    if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
    else queueMicrotask(() => { throw error; });
  }
}
