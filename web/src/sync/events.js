// Sync's progress for the app: listeners by type (or '*' for all), and async iterators of every
// event from the moment each is made.
import { RecordIterator } from '../streams/record-iterator.js';

export class SyncEvents {
  #listeners = new Map();
  #iterators = new Set();

  /** Calls `listener(event)` for each event of `type` ('*': every event); returns the unsubscribe function. */
  on(type, listener) {
    if (typeof listener !== 'function') throw new TypeError('sync.on: listener must be a function');
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.#listeners.get(type)?.delete(listener);
  }

  iterator() {
    let iterator;
    iterator = new RecordIterator(() => this.#iterators.delete(iterator));
    this.#iterators.add(iterator);
    return iterator;
  }

  emit(event) {
    for (const type of [event.type, '*']) {
      for (const listener of this.#listeners.get(type) ?? []) {
        try {
          listener(event);
        } catch (error) {
          // A listener's error is reported like one in an event listener; sync goes on.
          if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
          else queueMicrotask(() => { throw error; });
        }
      }
    }
    for (const iterator of this.#iterators) iterator.push(event);
  }

  /** Sync closed: iterators end. */
  end() {
    for (const iterator of this.#iterators) iterator.end();
    this.#iterators.clear();
  }
}
