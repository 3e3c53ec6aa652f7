// The streams side of one database: db.subscribe and db.streamRecords. Each subscription is a
// StreamReader on its table's stream; the database tells the hub before and after every request,
// and after each write request every reader runs GetRecords through the engine, so records
// arrive as soon as they exist, with no polling.
import { bodyOrThrow } from '../error-body.js';
import { ValidationException } from '../errors.js';
import { newMetadata } from '../metadata.js';
import { neverWrites } from '../protocol.js';
import { requestBody } from '../wire.js';
import { HandlerSink } from './handler-sink.js';
import { readOptions } from './options.js';
import { StreamReader } from './reader.js';
import { RecordIterator } from './record-iterator.js';
import { recordShaper } from './shape.js';


export class StreamHub {
  #execute;
  #now;
  #persistence;
  #readers = new Set();

  /**
   * @param {(operation: string, text: string) => { ok: boolean, body: string }} execute runs a body on the engine,
   *   without telling the hub (the hub's own reads must not trigger it)
   * @param {() => number} [now] milliseconds; tests inject a clock
   * @param {{ durable: () => Promise<void>, ready: () => Promise<void> } | null} [persistence]
   *   with storage: `durable` resolves once everything applied so far is stored (and rejects
   *   when a flush failed), `ready` once the engine is reloaded after such a failure
   */
  constructor(execute, now = Date.now, persistence = null) {
    this.#execute = execute;
    this.#now = now;
    this.#persistence = persistence;
  }

  /** db.subscribe: calls `handler(record)` for each new record; returns the unsubscribe function. */
  subscribe(tableName, handler, options) {
    if (typeof handler !== 'function') throw new TypeError('subscribe: handler must be a function');
    const settings = readOptions('subscribe', tableName, options);
    const sink = new HandlerSink(handler, settings.onError);
    const reader = this.#open(tableName, settings, sink);
    return () => {
      sink.cancel();
      this.#stop(reader);
    };
  }

  /** db.streamRecords: an async iterator of the new records. */
  records(tableName, options) {
    const settings = readOptions('streamRecords', tableName, options);
    let reader;
    const iterator = new RecordIterator(() => this.#stop(reader));
    reader = this.#open(tableName, settings, iterator);
    return iterator;
  }

  /**
   * A remote client's subscription (remote/host.js): records as GetRecords returns them, from
   * `startingPosition`, or after the record `after` (the last one the client delivered before
   * its owner changed). Returns stop().
   */
  follow(tableName, { startingPosition, after }, sink) {
    const reader = this.#open(tableName, { startingPosition, shape: 'dynamodb' }, sink, after);
    return () => this.#stop(reader);
  }

  /** Called before every request the database runs. */
  beforeRequest(operation) {
    if (this.#readers.size === 0 || neverWrites(operation)) return;
    const now = this.#now();
    for (const reader of this.#readers) reader.renewIfIdle(now);
    this.#forgetEnded();
  }

  /** Called after every request the database runs (whether it succeeded or not). */
  afterRequest(operation) {
    if (this.#readers.size === 0 || neverWrites(operation)) return;
    const now = this.#now();
    for (const reader of this.#readers) reader.read(now);
    this.#deliverWhenStored();
  }

  // Without storage, records go out at once. With it, a record goes out once the flush holding
  // it is done; if that flush failed, the readers read again from the reloaded engine.
  #deliverWhenStored() {
    if (!this.#persistence) {
      for (const reader of this.#readers) reader.deliver();
      this.#forgetEnded();
      return;
    }
    const marks = [...this.#readers].map((reader) => [reader, reader.readCount]);
    this.#persistence.durable().then(
      () => {
        for (const [reader, mark] of marks) reader.deliver(mark);
        this.#forgetEnded();
      },
      () => this.#persistence.ready().then(() => {
        const now = this.#now();
        for (const [reader] of marks) reader.rewind(now);
        this.#afterRewind();
      }, () => {}),
    );
  }

  // Records the reloaded engine holds beyond what was handed over (writes of the failed flush
  // that were stored after all) are read and handed over in turn.
  #afterRewind() {
    if (this.#readers.size === 0) return;
    const now = this.#now();
    for (const reader of this.#readers) reader.read(now);
    this.#deliverWhenStored();
  }

  /** The database closed: every subscription ends (records already read are still delivered). */
  close() {
    for (const reader of this.#readers) reader.end();
    this.#readers.clear();
  }

  #open(tableName, settings, sink, after = undefined) {
    const { streamArn, shardId } = this.#locate(tableName);
    const reader = new StreamReader({
      call: (operation, input) => this.#call(operation, input),
      streamArn,
      shardId,
      startingPosition: settings.startingPosition,
      shape: recordShaper(settings.shape, settings.unmarshallOptions),
      sink,
      now: this.#now(),
      after,
    });
    this.#readers.add(reader);
    // TRIM_HORIZON (or after a given record): the records already in the stream are delivered now (once stored).
    if (settings.startingPosition === 'TRIM_HORIZON' || after !== undefined) {
      reader.read(this.#now());
      this.#deliverWhenStored();
    }
    return reader;
  }

  #stop(reader) {
    reader.end();
    this.#readers.delete(reader);
  }

  #forgetEnded() {
    for (const reader of this.#readers) if (reader.ended) this.#readers.delete(reader);
  }

  // The table's enabled stream and its one shard. A missing table is DescribeTable's
  // ResourceNotFoundException; a table without an enabled stream is a ValidationException, as
  // DynamoDB answers a request that needs a stream the table does not have.
  #locate(tableName) {
    const { Table } = this.#call('DescribeTable', { TableName: tableName });
    if (!Table.StreamSpecification?.StreamEnabled || !Table.LatestStreamArn) {
      const $metadata = newMetadata(400);
      throw new ValidationException({
        message: `Table has no enabled stream: TableName: ${tableName} (enable one with StreamSpecification in CreateTable or UpdateTable)`,
        $metadata,
      });
    }
    const { StreamDescription } = this.#call('DescribeStream', { StreamArn: Table.LatestStreamArn });
    return { streamArn: Table.LatestStreamArn, shardId: StreamDescription.Shards[0].ShardId };
  }

  #call(operation, input) {
    return bodyOrThrow(this.#execute(operation, requestBody(input)));
  }
}
