// Pull from the remote table's DynamoDB stream, where the app grants one (a DynamoDBStreams
// client): every change since the last position, deletes included, with no tombstones. Shards
// are read parents first, each from the position kept in the sync table (moved after each page is
// applied). Stream records may repeat what a Scan already brought, or arrive after a newer local
// state, so a record is applied only when it is newer than the local item by version; a removal
// only when the local item is not newer than the removed one. Items with a local change waiting
// to go up are left alone, as in the other pulls.
import { applyLocal } from './apply-local.js';
import { engineCall, getSyncItem, putAction, writeSyncActions } from './internal-table.js';
import { isTombstone } from './remote-items.js';
import { keyText } from './values.js';

const versionOf = (item, settings) => (item?.[settings.version]?.N !== undefined ? Number(item[settings.version].N) : -Infinity);

export class StreamPuller {
  #db;
  #outbox;
  #request; // (run: () => Promise, counts) -> with retries

  constructor(db, outbox, request) {
    this.#db = db;
    this.#outbox = outbox;
    this.#request = request;
  }

  async pull(table, settings, call, counts) {
    const { client } = settings.stream;
    const streamArn = settings.stream.streamArn
      ?? (await this.#request(() => call('DescribeTable', { TableName: settings.remoteTable }), counts)).Table.LatestStreamArn;
    if (!streamArn) throw new TypeError(`db.sync: the remote table ${settings.remoteTable} has no stream`);
    for (const shard of await this.#shards(client, streamArn, counts)) {
      await this.#readShard(table, settings, client, streamArn, shard.ShardId, counts);
    }
  }

  // Every shard of the stream, each after its parent.
  async #shards(client, StreamArn, counts) {
    const shards = [];
    let ExclusiveStartShardId;
    do {
      const { StreamDescription } = await this.#request(() => client.describeStream({ StreamArn, ExclusiveStartShardId }), counts);
      shards.push(...StreamDescription.Shards);
      ExclusiveStartShardId = StreamDescription.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    const ids = new Set(shards.map((shard) => shard.ShardId));
    const ordered = [];
    const placed = new Set();
    while (ordered.length < shards.length) {
      for (const shard of shards) {
        if (placed.has(shard.ShardId)) continue;
        if (shard.ParentShardId && ids.has(shard.ParentShardId) && !placed.has(shard.ParentShardId)) continue;
        ordered.push(shard);
        placed.add(shard.ShardId);
      }
    }
    return ordered;
  }

  async #readShard(table, settings, client, StreamArn, ShardId, counts) {
    const positionKey = `${table}\u0000${StreamArn}\u0000${ShardId}`;
    const stored = getSyncItem(this.#db, 'rstream', positionKey);
    if (stored?.done?.BOOL) return;
    const after = stored?.after?.S;
    const position = after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' };
    let iterator;
    try {
      ({ ShardIterator: iterator } = await this.#request(() => client.getShardIterator({ StreamArn, ShardId, ...position }), counts));
    } catch (error) {
      if (error?.name !== 'TrimmedDataAccessException') throw error;
      ({ ShardIterator: iterator } = await this.#request(() => client.getShardIterator({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }), counts));
    }
    while (iterator) {
      const page = await this.#request(() => client.getRecords({ ShardIterator: iterator, Limit: 1000 }), counts);
      const records = page.Records ?? [];
      await this.#apply(table, settings, records, counts);
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      const done = !page.NextShardIterator;
      if (last || done) {
        const item = { p: { S: 'rstream' }, s: { S: positionKey }, after: { S: last ?? after ?? '' }, done: { BOOL: done } };
        writeSyncActions(this.#db, [putAction(item)]);
        await this.#db.flush();
      }
      // An empty page: caught up with an open shard.
      iterator = records.length ? page.NextShardIterator : null;
    }
  }

  // A page may change one item several times: decided in order against the item as the earlier
  // records left it, and written once (a transaction takes each item once).
  async #apply(table, settings, records, counts) {
    const pending = this.#outbox.pendingKeys();
    const items = new Map(); // keyText -> { write, local }
    for (const record of records) {
      const { Keys, NewImage, OldImage } = record.dynamodb;
      const name = keyText(table, Keys);
      if (pending.has(name)) continue;
      if (!items.has(name)) {
        const { Item } = engineCall(this.#db, 'GetItem', { TableName: table, Key: Keys, ConsistentRead: true });
        const expect = { version: Item?.[settings.version] ?? null };
        items.set(name, { local: Item ?? null, write: { table, key: Keys, version: settings.version, expect, item: undefined } });
      }
      const state = items.get(name);
      const { local } = state;
      if (record.eventName === 'REMOVE' || isTombstone(NewImage, settings)) {
        if (local && (!OldImage || versionOf(local, settings) <= versionOf(OldImage, settings) || isTombstone(NewImage, settings))) {
          state.write.item = null;
          state.local = null;
        }
      } else if (NewImage && (!local || versionOf(NewImage, settings) > versionOf(local, settings))) {
        state.write.item = NewImage;
        state.local = NewImage;
      }
    }
    const writes = [...items.values()].map((state) => state.write).filter((write) => write.item !== undefined);
    await applyLocal(this.#db, writes);
    for (const write of writes) counts[write.item ? 'pulled' : 'deleted'] += 1;
  }
}
