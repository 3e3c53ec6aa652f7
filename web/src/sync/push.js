// One push: the outbox's units, in order, to the remote. A unit's entries leave the outbox only
// once the remote answered it with success (its PutItem/DeleteItem/TransactWriteItems returned
// 200); a failed version check goes to the conflict policy; a refusal about an item (4xx
// ValidationException and the like) parks that entry; throttling and 5xx are retried with
// backoff, and when the attempts run out (or the network is down) the round stops with the
// error, every entry still in the outbox.
import { applyLocal } from './apply-local.js';
import { resolveConflict } from './conflict.js';
import { backoff, isAboutTheItem, isConditionFailure, isNetworkError, isRetryable, sleep } from './failures.js';
import { planUnits } from './push-plan.js';
import { writeFor } from './remote-items.js';

export class Pusher {
  #db;
  #outbox;
  #options;
  #emit;

  constructor(db, outbox, options, emit) {
    this.#db = db;
    this.#outbox = outbox;
    this.#options = options;
    this.#emit = emit;
  }

  /** Pushes every entry in the outbox; resolves with counts, rejects with the error that stopped it. */
  async push() {
    const counts = { pushed: 0, conflicts: 0, parked: 0, requests: 0 };
    for (const unit of planUnits(this.#outbox.entries(), this.#options.pushBatch)) await this.#pushUnit(unit, counts);
    return counts;
  }

  async #pushUnit(unit, counts) {
    let ops = unit.entries.map((entry) => ({
      entry,
      change: { keys: entry.keys, item: entry.image, expected: entry.oldVersion, marker: entry.marker },
      afterAck: null,
    }));
    const acknowledged = [];
    // A change that did not raise the version would pass a stale version check elsewhere: refused
    // here (with the whole local transaction it belongs to, which goes up whole or not at all).
    const stale = ops.filter((op) => !raisesVersion(op.entry, this.#settings(op.entry.table)));
    for (const op of unit.local && stale.length ? ops : stale) {
      const error = { name: 'ValidationException', message: `db.sync: the change did not raise the version attribute ${this.#settings(op.entry.table).version}; increment it on every write` };
      const reason = await this.#outbox.park(op.entry, error);
      counts.parked += 1;
      this.#emit({ type: 'parked', table: op.entry.table, key: op.entry.keys, item: op.change.item, error: reason });
    }
    ops = unit.local && stale.length ? [] : ops.filter((op) => !stale.includes(op));
    for (let round = 0; ops.length; round += 1) {
      if (round > 20) throw new Error('db.sync: a change kept conflicting; it stays in the outbox');
      const failure = await this.#send(ops, unit.transaction, counts);
      if (failure === null) {
        acknowledged.push(...ops);
        break;
      }
      if (failure.whole) {
        if (!unit.local) {
          for (const entry of ops.map((op) => op.entry)) await this.#pushUnit({ entries: [entry], transaction: false }, counts);
          return;
        }
        failure.refused = new Map(ops.map((op, i) => [i, failure.whole]));
        failure.conflicted = new Set();
      }
      const { conflicted, refused } = failure;
      const next = [];
      for (const [i, op] of ops.entries()) {
        if (refused.has(i)) {
          const reason = await this.#outbox.park(op.entry, refused.get(i));
          counts.parked += 1;
          this.#emit({ type: 'parked', table: op.entry.table, key: op.entry.keys, item: op.change.item, error: reason });
        } else if (conflicted.has(i)) {
          counts.conflicts += 1;
          const settings = this.#settings(op.entry.table);
          const outcome = await resolveConflict({ db: this.#db, call: this.#call, policy: this.#options.conflict, emit: this.#emit },
            op.entry.table, settings, op.change);
          if (outcome.done) acknowledged.push(op);
          else next.push({ ...op, change: outcome.change, afterAck: outcome.afterAck });
        } else next.push(op);
      }
      ops = next;
    }
    const localWrites = acknowledged.map((op) => op.afterAck).filter(Boolean);
    if (localWrites.length) await applyLocal(this.#db, localWrites);
    if (acknowledged.length) await this.#outbox.remove(acknowledged.map((op) => op.entry));
    counts.pushed += acknowledged.length;
    this.#emit({ type: 'push', changes: acknowledged.length });
  }

  // Sends the ops as one request, retrying what is worth retrying. Resolves null on success, or
  // with the ops that conflicted and those the remote refused (index -> error); throws otherwise.
  async #send(ops, transaction, counts) {
    const writes = ops.map((op) => writeFor(op.change, this.#settings(op.entry.table)));
    for (let attempt = 1; ; attempt += 1) {
      try {
        counts.requests += 1;
        if (!transaction && writes.length === 1) await this.#call(`${writes[0].kind}Item`, writes[0].input);
        else await this.#call('TransactWriteItems', { TransactItems: writes.map((write) => ({ [write.kind]: write.input })) });
        return null;
      } catch (error) {
        const sorted = sortFailure(error, ops.length);
        if (sorted) return sorted;
        if (!isRetryable(error) || isNetworkError(error) || attempt >= this.#options.retry.attempts) throw error;
        this.#emit({ type: 'retry', attempt, error });
        await sleep(backoff(attempt, this.#options.retry));
      }
    }
  }

  get #call() {
    return this.#options.call;
  }

  #settings(table) {
    return this.#options.tables.get(table);
  }
}

// The failure as item outcomes ({ conflicted: Set, refused: Map }), or null when it is about the
// request as a whole (to retry or to stop on).
function sortFailure(error, count) {
  if (count === 1 && isConditionFailure(error)) return { conflicted: new Set([0]), refused: new Map() };
  if (count === 1 && isAboutTheItem(error)) return { conflicted: new Set(), refused: new Map([[0, error]]) };
  if (error?.name === 'TransactionCanceledException' && Array.isArray(error.CancellationReasons)) {
    const conflicted = new Set();
    const refused = new Map();
    error.CancellationReasons.forEach((reason, i) => {
      if (reason?.Code === 'ConditionalCheckFailed') conflicted.add(i);
      else if (reason?.Code === 'ValidationError') refused.set(i, { name: 'ValidationException', message: reason.Message ?? 'ValidationError' });
    });
    if (conflicted.size || refused.size) return { conflicted, refused };
    return null; // only TransactionConflict/throttling reasons: retried as a whole
  }
  // A transaction refused as a whole (an item too large, say): pushed again op by op, or parked
  // whole when it is a local transaction.
  if (count > 1 && isAboutTheItem(error)) return { whole: error };
  return null;
}

// An update must carry a version above the one it was made on (new items and deletes need not).
function raisesVersion(entry, settings) {
  if (!entry.image || !entry.existed || entry.oldVersion === null) return true;
  const next = entry.image[settings.version];
  return next?.N !== undefined && entry.oldVersion.N !== undefined && Number(next.N) > Number(entry.oldVersion.N);
}
