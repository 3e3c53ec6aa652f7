// Local writes -> outbox entries. Runs synchronously right after every write request on the
// engine (the database's write tap), so the entries are written in the same flush as the change
// itself: once the app's write resolves, its outbox entry is on disk too. The changes are read
// from each synced table's stream from the position kept in the sync table, which moves in the
// same transaction as the entries: a crash between a write and its capture leaves the records in
// the stream, and the next capture (at the latest, when sync is set up again) takes them.
import { keyText, sameValue } from './values.js';
import {
  deleteAction, engineCall, entrySortKey, getSyncItem, putAction, writeSyncActions,
} from './internal-table.js';

const TRANSACTIONS = new Set(['TransactWriteItems', 'ExecuteTransaction']);
const PAGE = 1000;

export class Capture {
  #db;
  #tables; // local name -> settings
  #streams = new Map(); // local name -> { arn, shardId }

  constructor(db, tables) {
    this.#db = db;
    this.#tables = tables;
  }

  /**
   * Reads every record not yet captured and writes the outbox entries; returns how many entries
   * it added, and the gap (records lost to the stream's 24-hour trim) if there was one.
   * @param {string} operation the write request that just ran ('' when catching up)
   */
  run(operation) {
    const meta = getSyncItem(this.#db, 'meta', 'capture');
    const positions = meta ? JSON.parse(meta.positions.S) : {};
    let next = meta ? Number(meta.next.N) : 1;
    const read = [];
    let gap = null;
    for (const table of this.#tables.keys()) {
      const { records, trimmed } = this.#readStream(table, positions[table]);
      if (trimmed) gap = table;
      for (const record of records) read.push({ table, record });
    }
    if (read.length === 0) return { added: 0, gap };
    const group = TRANSACTIONS.has(operation) ? `g${next}` : null;
    // Pulled items are written by TransactWriteItems with their markers; after a crash, anything.
    const mayEcho = operation === '' || operation === 'TransactWriteItems';
    const actions = [];
    let added = 0;
    for (const { table, record } of read) {
      const entry = this.#entryOf(table, record, actions, mayEcho);
      positions[table] = { arn: this.#streams.get(table).arn, after: record.dynamodb.SequenceNumber };
      if (entry) {
        const number = next++;
        actions.push(putAction({
          p: { S: 'outbox' }, s: { S: entrySortKey(number) }, e: { S: JSON.stringify({ ...entry, group: group ?? `g${number}` }) },
        }));
        added += 1;
      }
      // Each transaction of entries carries the positions up to its last record.
      if (actions.length >= 98) this.#commit(actions.splice(0), positions, next);
    }
    this.#commit(actions, positions, next);
    return { added, gap };
  }

  #commit(actions, positions, next) {
    actions.push(putAction({ p: { S: 'meta' }, s: { S: 'capture' }, positions: { S: JSON.stringify(positions) }, next: { N: String(next) } }));
    writeSyncActions(this.#db, actions);
  }

  // The outbox entry for a record, or null for the echo of a pulled item (its marker is removed).
  #entryOf(table, record, actions, mayEcho) {
    // Expiry is each side's own (the remote table's TTL), as DynamoDB's TTL deletes are its own.
    if (record.userIdentity?.type === 'Service') return null;
    const { Keys, NewImage, OldImage } = record.dynamodb;
    const { version, marker } = this.#tables.get(table);
    const echoKey = keyText(table, Keys);
    const echo = mayEcho ? getSyncItem(this.#db, 'echo', echoKey) : undefined;
    if (echo) {
      actions.push(deleteAction('echo', echoKey));
      const pulled = JSON.parse(echo.v.S);
      if (sameValue(pulled ?? undefined, NewImage?.[version]) || (pulled === null && !NewImage)) return null;
    }
    return { table, keys: Keys, image: NewImage ?? null, oldVersion: OldImage?.[version] ?? null, existed: Boolean(OldImage),
      marker: marker ? (NewImage ?? OldImage)?.[marker] ?? null : null };
  }

  // The records after `position` (or all kept, the first time or when the stream is new).
  #readStream(table, position) {
    const stream = this.#stream(table);
    const samePosition = position && position.arn === stream.arn;
    let iterator;
    let trimmed = false;
    try {
      iterator = this.#iterator(stream, samePosition ? position.after : null);
    } catch (error) {
      if (error.name !== 'TrimmedDataAccessException') throw error;
      trimmed = true; // offline writes older than the stream keeps: taken from the oldest kept
      iterator = this.#iterator(stream, null);
    }
    const records = [];
    while (iterator) {
      const page = engineCall(this.#db, 'GetRecords', { ShardIterator: iterator, Limit: PAGE });
      records.push(...page.Records);
      iterator = page.Records.length === PAGE ? page.NextShardIterator : null;
    }
    return { records, trimmed };
  }

  #iterator({ arn, shardId }, after) {
    const position = after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' };
    return engineCall(this.#db, 'GetShardIterator', { StreamArn: arn, ShardId: shardId, ...position }).ShardIterator;
  }

  // The table's stream, enabled with both images if it has none (sync needs the old version).
  #stream(table) {
    const known = this.#streams.get(table);
    if (known) return known;
    let { Table } = engineCall(this.#db, 'DescribeTable', { TableName: table });
    if (!Table.StreamSpecification?.StreamEnabled) {
      engineCall(this.#db, 'UpdateTable', { TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
      ({ Table } = engineCall(this.#db, 'DescribeTable', { TableName: table }));
    } else if (Table.StreamSpecification.StreamViewType !== 'NEW_AND_OLD_IMAGES') {
      throw new TypeError(`db.sync: table ${table} has a ${Table.StreamSpecification.StreamViewType} stream; sync needs NEW_AND_OLD_IMAGES (or no stream, and enables one)`);
    }
    const { StreamDescription } = engineCall(this.#db, 'DescribeStream', { StreamArn: Table.LatestStreamArn });
    const stream = { arn: Table.LatestStreamArn, shardId: StreamDescription.Shards[0].ShardId };
    this.#streams.set(table, stream);
    return stream;
  }
}

