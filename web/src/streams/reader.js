// One reader of a table's stream: a shard iterator that GetRecords advances after every write
// request, handing each record (shaped) to a sink exactly once and in order. Reading and
// handing over are apart so that, with persistence, a record is handed over only once it is
// stored, and records of writes a failed flush undid are read again from the reloaded engine.

// The engine's shard iterators expire 15 minutes after they were issued; each GetRecords issues
// a fresh one. A reader idle for a third of that reads on before the next write, which renews it.
const RENEW_AFTER_MS = 5 * 60 * 1000;
// GetRecords' largest page: a shorter page means the reader has caught up.
const PAGE = 1000;

export class StreamReader {
  #call;
  #streamArn;
  #shardId;
  #startingPosition;
  #iterator;
  #issuedAt;
  #shape;
  #sink;
  // Records read but not yet handed over (with persistence, until the flush holding them is
  // done), and how many were read and handed over in all: a durable point is a `read` count.
  #pending = [];
  #read = 0;
  #delivered = 0;
  #lastSequence = null; // SequenceNumber of the last record handed over
  #closed = false; // the shard is read to its end: the reader ends once its records are out
  ended = false;

  /**
   * @param {{ call: (operation: string, input: object) => any, streamArn: string, shardId: string,
   *   startingPosition: string, shape: (record: object) => object,
   *   sink: { push(record: object): void, end(error?: unknown): void }, now: number, after?: string }} options
   *   `after`: start after this SequenceNumber instead of at startingPosition
   */
  constructor({ call, streamArn, shardId, startingPosition, shape, sink, now, after }) {
    this.#call = call;
    this.#streamArn = streamArn;
    this.#shardId = shardId;
    this.#startingPosition = startingPosition;
    this.#shape = shape;
    this.#sink = sink;
    if (after === undefined) {
      this.#start({ ShardIteratorType: startingPosition }, now);
    } else {
      this.#lastSequence = after;
      this.#start({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }, now);
    }
  }

  /** How many records this reader has read so far (a mark for deliver()). */
  get readCount() {
    return this.#read;
  }

  /** Before a write: an iterator close to expiry is refreshed by reading on from it. */
  renewIfIdle(now) {
    if (!this.ended && now - this.#issuedAt >= RENEW_AFTER_MS) this.read(now);
  }

  /** Reads every new record into the pending list, advancing the iterator. */
  read(now) {
    this.#guard(() => {
      while (!this.ended) {
        const { Records, NextShardIterator } = this.#call('GetRecords', { ShardIterator: this.#iterator, Limit: PAGE });
        this.#pending.push(...Records);
        this.#read += Records.length;
        if (NextShardIterator === undefined) {
          // The stream was disabled (or its table deleted) and is read to its end.
          this.#closed = true;
          return;
        }
        this.#iterator = NextShardIterator;
        this.#issuedAt = now;
        if (Records.length < PAGE) return;
      }
    });
  }

  /** Hands over the pending records read before the mark (all by default), in order. */
  deliver(mark = this.#read) {
    while (this.#delivered < mark && this.#pending.length && !this.ended) {
      const record = this.#pending.shift();
      this.#delivered += 1;
      this.#lastSequence = record.dynamodb.SequenceNumber;
      this.#guard(() => this.#sink.push(this.#shape(record)));
    }
    if (this.#closed && this.#pending.length === 0) this.end();
  }

  /**
   * The records pending were never stored (a flush failed and the engine was reloaded): drops
   * them and reads on from the last record handed over, in the reloaded engine.
   */
  rewind(now) {
    if (this.ended) return;
    this.#pending = [];
    this.#read = this.#delivered;
    this.#closed = false;
    const position = this.#lastSequence === null
      ? { ShardIteratorType: this.#startingPosition }
      : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: this.#lastSequence };
    this.#guard(() => this.#start(position, now));
  }

  /** Stops reading; the sink is told once (with the error that stopped it, if any). */
  end(error) {
    if (this.ended) return;
    this.ended = true;
    this.#sink.end(error);
  }

  #start(position, now) {
    const input = { StreamArn: this.#streamArn, ShardId: this.#shardId, ...position };
    this.#iterator = this.#call('GetShardIterator', input).ShardIterator;
    this.#issuedAt = now;
  }

  // A reader that cannot go on ends with the error; the write that triggered it is not affected.
  #guard(body) {
    if (this.ended) return;
    try {
      body();
    } catch (error) {
      this.end(error);
    }
  }
}
