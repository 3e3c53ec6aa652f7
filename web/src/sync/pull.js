// One pull: each table's targets read from the remote (Scan or Query, page by page, only items
// changed since the last pull when the table has a change marker) and applied locally with echo
// markers, so they are not pushed back. Items with a local change not yet acknowledged are left
// alone: that change meets the remote's version on push, and the conflict policy decides. A
// tombstone deletes the local item. The position moves only after a target's pages are all
// applied and stored, so a pull cut short starts that target again: an item already applied is
// the same as the local one and is skipped, never applied twice.
import { applyLocal } from './apply-local.js';
import { backoff, isNetworkError, isRetryable, sleep } from './failures.js';
import { engineCall, getSyncItem, putAction, writeSyncActions } from './internal-table.js';
import { laterMarker, pullTargets, sinceInput } from './pull-targets.js';
import { StreamPuller } from './pull-stream.js';
import { isTombstone } from './remote-items.js';
import { canonical, keyOf, keyText } from './values.js';

export class Puller {
  #db;
  #outbox;
  #options;
  #emit;

  #streams;

  constructor(db, outbox, options, emit) {
    this.#db = db;
    this.#outbox = outbox;
    this.#options = options;
    this.#emit = emit;
    this.#streams = new StreamPuller(db, outbox, (run, counts) => this.#retrying(run, counts));
  }

  async pull() {
    const counts = { pulled: 0, deleted: 0, requests: 0 };
    for (const [table, settings] of this.#options.tables) {
      const { Table } = engineCall(this.#db, 'DescribeTable', { TableName: table });
      const keyNames = Table.KeySchema.map((element) => element.AttributeName);
      for (const target of pullTargets(settings, keyNames[0])) await this.#pullTarget(table, settings, keyNames, target, counts);
      if (settings.stream) await this.#streams.pull(table, settings, this.#options.call, counts);
    }
    return counts;
  }

  async #pullTarget(table, settings, keyNames, target, counts) {
    const positionKey = `${table}\u0000${target.id}`;
    const stored = getSyncItem(this.#db, 'pull', positionKey);
    const since = stored ? JSON.parse(stored.since.S) : null;
    const base = { ...sinceInput(target.input, settings.marker, since), TableName: settings.remoteTable };
    if (!base.IndexName) base.ConsistentRead = true;
    let latest = since;
    let ExclusiveStartKey;
    do {
      const page = await this.#request(target.operation, { ...base, ExclusiveStartKey }, counts);
      const pending = this.#outbox.pendingKeys();
      const writes = [];
      for (const item of page.Items ?? []) {
        if (settings.marker) latest = laterMarker(latest, item[settings.marker]);
        const write = this.#decide(table, settings, keyNames, item, pending);
        if (write) writes.push(write);
      }
      await applyLocal(this.#db, writes);
      for (const write of writes) counts[write.item ? 'pulled' : 'deleted'] += 1;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    if (latest && canonical(latest) !== canonical(since)) {
      writeSyncActions(this.#db, [putAction({ p: { S: 'pull' }, s: { S: positionKey }, since: { S: JSON.stringify(latest) } })]);
      await this.#db.flush();
    }
  }

  // The local write a remote item calls for, or null (same as local, or a local change waits).
  #decide(table, settings, keyNames, item, pending) {
    const key = keyOf(item, keyNames);
    if (pending.has(keyText(table, key))) return null;
    const { Item: local } = engineCall(this.#db, 'GetItem', { TableName: table, Key: key, ConsistentRead: true });
    const expect = { version: local?.[settings.version] ?? null };
    if (isTombstone(item, settings)) return local ? { table, key, item: null, version: settings.version, expect } : null;
    if (local && canonical(local) === canonical(item)) return null;
    return { table, key, item, version: settings.version, expect };
  }

  #request(operation, input, counts) {
    return this.#retrying(() => this.#options.call(operation, input), counts);
  }

  async #retrying(run, counts) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        counts.requests += 1;
        return await run();
      } catch (error) {
        if (!isRetryable(error) || isNetworkError(error) || attempt >= this.#options.retry.attempts) throw error;
        this.#emit({ type: 'retry', attempt, error });
        await sleep(backoff(attempt, this.#options.retry));
      }
    }
  }
}
