// ESM stand-in for mnemonist/lru-cache, the one CommonJS module in the AWS SDK's ESM graph
// (used by endpoint discovery, which is off here). A bundler would wrap the real one instead.
export default class LRUCache {
  #capacity;
  #map = new Map();

  constructor(capacity) {
    this.#capacity = capacity;
  }

  get size() { return this.#map.size; }

  has(key) { return this.#map.has(key); }

  peek(key) { return this.#map.get(key); }

  get(key) {
    if (!this.#map.has(key)) return undefined;
    const value = this.#map.get(key);
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  set(key, value) {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#capacity) this.#map.delete(this.#map.keys().next().value);
    return this;
  }

  clear() { this.#map.clear(); }
}
