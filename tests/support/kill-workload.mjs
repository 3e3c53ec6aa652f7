// The kill tests' workload and its model (tests/browser/persistence-kill.test.mjs in Chromium,
// tests/web/persistence-kill-fs.test.mjs in a child process). Each writer runs a deterministic
// sequence of awaited writes on keys of its own: puts of new items, overwrites, ADD updates and
// deletes of a small pool of keys kept across rounds, and transactions over three of them. The
// test applies every operation it saw acknowledged to a model. A writer's writes are awaited one
// after the other, so what is stored of them after a kill is the state after some prefix of its
// operations: at least every one the test saw acknowledged, then maybe some that were not yet
// (in flight, or acknowledged in the killed process but not yet reported), each wholly or not at
// all. Anything else fails: a lost write or update, a resurrected delete, a corrupted value, a
// half-applied transaction, an item never written. Runs in browsers and in Node: no imports.

export const TABLE = 'Things';
const POOL = 12; // keys per writer, rewritten round after round

// mulberry32 seeded from (round, writer, index): the same operation every time it is asked for.
function generator(round, writer, index) {
  let seed = hash(hash(hash(0x9e3779b9 ^ round) ^ writer) ^ index);
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    return hash(seed) / 2 ** 32;
  };
}

// A 32-bit integer hash (murmur3's finalizer): nearby inputs give unrelated outputs.
function hash(x) {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x = (x ^ (x >>> 13)) >>> 0;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const poolKey = (writer, k) => `w${writer}-p${k}`;

// A value that differs all along from every other one (a corruption anywhere in it shows).
function valueOf(tag, bytes) {
  const unit = `${tag}|`;
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, Math.max(bytes, unit.length));
}

// A value as the model holds it: "<tag>|…<length>" when it is exactly valueOf(tag, length), else
// the whole value (a corrupted one), so that reading a database back sends kilobytes, not megabytes.
function compact(value) {
  const bar = value.indexOf('|');
  if (bar < 0) return value;
  const tag = value.slice(0, bar);
  return value === valueOf(tag, value.length) ? `${tag}|…${value.length}` : value;
}

/**
 * Operation `index` of `writer` in `round`:
 * { kind: 'insert' | 'overwrite' | 'add' | 'delete' | 'transact', writes: [{ key, put?, add?, remove? }] }
 * where put is { v, n }, add a number added to n, remove true.
 */
export function operation(round, writer, index, valueBytes) {
  const random = generator(round, writer, index);
  const pick = () => poolKey(writer, Math.floor(random() * POOL));
  const put = () => ({ v: valueOf(`r${round}.w${writer}.${index}`, valueBytes), n: index });
  const add = () => 1 + Math.floor(random() * 9);
  const roll = random();
  if (roll < 0.15) return { kind: 'insert', writes: [{ key: `r${round}-w${writer}-${index}`, put: put() }] };
  if (roll < 0.5) return { kind: 'overwrite', writes: [{ key: pick(), put: put() }] };
  if (roll < 0.7) return { kind: 'add', writes: [{ key: pick(), add: add() }] };
  if (roll < 0.85) return { kind: 'delete', writes: [{ key: pick(), remove: true }] };
  const keys = new Set();
  while (keys.size < 3) keys.add(pick());
  const [a, b, c] = keys;
  return { kind: 'transact', writes: [{ key: a, put: put() }, { key: b, add: add() }, { key: c, remove: true }] };
}

const itemOf = (key, { v, n }) => ({ id: { S: key }, v: { S: v }, n: { N: String(n) } });

/** Runs one operation on `db` (awaited: strict durability, resolved once stored). */
export function perform(db, op) {
  const [write] = op.writes;
  const Key = { id: { S: write.key } };
  const update = (each) => ({
    TableName: TABLE, Key: { id: { S: each.key } }, UpdateExpression: 'ADD n :d', ExpressionAttributeValues: { ':d': { N: String(each.add) } },
  });
  switch (op.kind) {
    case 'insert':
    case 'overwrite':
      return db.putItem({ TableName: TABLE, Item: itemOf(write.key, write.put) });
    case 'add':
      return db.updateItem(update(write));
    case 'delete':
      return db.deleteItem({ TableName: TABLE, Key });
    default:
      return db.transactWriteItems({
        TransactItems: op.writes.map((each) => {
          if (each.put) return { Put: { TableName: TABLE, Item: itemOf(each.key, each.put) } };
          if (each.add) return { Update: update(each) };
          return { Delete: { TableName: TABLE, Key: { id: { S: each.key } } } };
        }),
      });
  }
}

/** Writes forever: each operation awaited, then reported with `acknowledge(index)` (awaited, if it returns a promise). */
export async function runWriter(db, { round, writer, valueBytes, acknowledge }) {
  for (let index = 0; ; index++) {
    await perform(db, operation(round, writer, index, valueBytes));
    await acknowledge(index);
  }
}

/** An item as the model holds it ({ v?, n? }), from a DynamoDB item; other attributes are kept to fail the check. */
export function stateOf(item) {
  const state = {};
  for (const [name, value] of Object.entries(item)) {
    if (name === 'id') continue;
    if (name === 'v' && 'S' in value) state.v = compact(value.S);
    else if (name === 'n' && 'N' in value) state.n = Number(value.N);
    else state[name] = value;
  }
  return state;
}

// Equal states (absent equals absent), whatever the order of their attributes.
const canonical = (state) => (state === undefined ? 'absent'
  : JSON.stringify(Object.keys(state).sort().map((name) => [name, state[name]])));
const same = (a, b) => canonical(a) === canonical(b);

// What an item looks like in a message: the tag of its value (not 1.5 KB of it) and its counter.
function describe(state) {
  if (state === undefined) return 'absent';
  const { v, n, ...rest } = state;
  const parts = [];
  if (v !== undefined) parts.push(v.length <= 40 ? `v=${v}` : `v=${v.slice(0, 40)}…(${v.length} chars)`);
  if (n !== undefined) parts.push(`n=${n}`);
  if (Object.keys(rest).length) parts.push(`other attributes ${JSON.stringify(rest)}`);
  return `{${parts.join(', ')}}`;
}

// A value stored whole in a state is not one the workload writes (those are compacted): corrupted.
const corrupted = (state) => (typeof state?.v === 'string' && !/\|…\d+$/.test(state.v) && state.v.length > 40
  ? ' (its v is not a value the workload writes: corrupted)' : '');

/**
 * The model: the state of every key after the operations seen acknowledged, and each writer's
 * last acknowledged index in the current round.
 */
export class KillModel {
  #valueBytes;
  #items = new Map(); // key -> { v?, n? }; a key not here is absent
  #deleted = new Set(); // keys an acknowledged operation deleted (and nothing wrote since)
  #round = -1;
  #lastAck = [];
  /** Acknowledged operations by kind; unacknowledged ones found applied after the kills. */
  counts = { insert: 0, overwrite: 0, add: 0, delete: 0, transact: 0, unacknowledgedApplied: 0 };

  constructor(valueBytes) {
    this.#valueBytes = valueBytes;
  }

  get size() {
    return this.#items.size;
  }

  get acknowledged() {
    const { insert, overwrite, add, delete: deletes, transact } = this.counts;
    return insert + overwrite + add + deletes + transact;
  }

  /** Forgets every item (the database is gone, as when the browser deleted its storage); counts stay. */
  forget() {
    this.#items.clear();
    this.#deleted.clear();
  }

  startRound(round, writers) {
    this.#round = round;
    this.#lastAck = Array(writers).fill(-1);
  }

  /** Writer `writer` had operation `index` acknowledged; they come in order. */
  acknowledge(writer, index) {
    if (index !== this.#lastAck[writer] + 1) {
      throw new Error(`writer ${writer}: acknowledgement ${index} after ${this.#lastAck[writer]}`);
    }
    const op = operation(this.#round, writer, index, this.#valueBytes);
    for (const [key, state] of afterOp(op, this.#items)) this.#set(key, state);
    this.#lastAck[writer] = index;
    this.counts[op.kind] += 1;
  }

  #set(key, state) {
    if (state === undefined) {
      this.#items.delete(key);
      this.#deleted.add(key);
    } else {
      this.#items.set(key, state);
      this.#deleted.delete(key);
    }
  }

  // The writer of the current round whose operations may write `key`, or -1.
  #ownerOf(key) {
    const pool = key.match(/^w(\d+)-p\d+$/);
    const insert = key.match(/^r(\d+)-w(\d+)-\d+$/);
    const writer = pool ? Number(pool[1]) : insert && Number(insert[1]) === this.#round ? Number(insert[2]) : -1;
    return writer >= 0 && writer < this.#lastAck.length ? writer : -1;
  }

  /**
   * Compares what the reopened database holds (key -> state) with the model; returns the problems
   * found. With none, the unacknowledged operations found applied are now in the model.
   * `maxAhead` bounds how many unacknowledged operations of one writer may have applied.
   */
  check(observed, maxAhead = 1000) {
    const problems = [];
    const mismatched = new Map(); // writer -> keys whose stored state is not the model's
    for (const key of new Set([...this.#items.keys(), ...observed.keys()])) {
      if (same(observed.get(key), this.#items.get(key))) continue;
      const writer = this.#ownerOf(key);
      if (writer < 0) problems.push(this.#mismatch(key, observed.get(key)));
      else mismatched.set(writer, [...(mismatched.get(writer) ?? []), key]);
    }
    const found = [];
    for (const [writer, keys] of mismatched) {
      const ahead = this.#prefixMatching(writer, new Set(keys), observed, maxAhead);
      if (ahead) found.push(ahead);
      else {
        problems.push(...keys.map((key) => this.#mismatch(key, observed.get(key))));
        problems.push(`and no prefix of writer ${writer}'s unacknowledged operations (after ${this.#lastAck[writer]}) gives what is stored`);
      }
    }
    if (problems.length === 0) {
      for (const { states, applied } of found) {
        for (const [key, state] of states) this.#set(key, state);
        this.counts.unacknowledgedApplied += applied;
      }
    }
    return problems;
  }

  // Applies writer's unacknowledged operations one by one, from the model's state, until every
  // key of its that differed is as stored: { states, applied }, or null if no prefix does it.
  #prefixMatching(writer, differing, observed, maxAhead) {
    const states = new Map(); // key -> state after the prefix so far (keys it wrote)
    const view = { get: (key) => (states.has(key) ? states.get(key) : this.#items.get(key)) };
    for (let ahead = 1; ahead <= maxAhead; ahead++) {
      const op = operation(this.#round, writer, this.#lastAck[writer] + ahead, this.#valueBytes);
      for (const [key, state] of afterOp(op, view)) {
        states.set(key, state);
        if (same(observed.get(key), state)) differing.delete(key);
        else differing.add(key);
      }
      if (differing.size === 0) return { states, applied: ahead };
    }
    return null;
  }

  // How a key's stored state differs from the model's.
  #mismatch(key, found) {
    const expected = this.#items.get(key);
    if (found === undefined) return `lost: ${key} should be ${describe(expected)} but is absent`;
    if (expected === undefined) {
      return this.#deleted.has(key) ? `resurrected: ${key} was deleted (acknowledged) but is ${describe(found)}`
        : `unknown: ${key} was never written (acknowledged) but is ${describe(found)}`;
    }
    return `wrong value: ${key} should be ${describe(expected)} but is ${describe(found)}${corrupted(found)}`;
  }
}

// The state of each key an operation writes, once it has applied on `items` (get(key) -> state).
function afterOp(op, items) {
  const after = new Map();
  for (const write of op.writes) {
    if (write.put) after.set(write.key, { v: compact(write.put.v), n: write.put.n });
    else if (write.remove) after.set(write.key, undefined);
    else {
      const before = items.get(write.key);
      after.set(write.key, { ...before, n: (before?.n ?? 0) + write.add });
    }
  }
  return after;
}
