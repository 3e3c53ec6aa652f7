// One reader of a table's stream: a shard iterator that GetRecords advances after every write
// request, handing each record (shaped) to a sink exactly once and in order.

// The engine's shard iterators expire 15 minutes after they were issued; each GetRecords issues
// a fresh one. A reader idle for a third of that is renewed before the next write.
const RENEW_AFTER_MS = 5 * 60 * 1000;
// GetRecords' largest page: a shorter page means the reader has caught up.
const PAGE = 1000;

export class StreamReader {
  #call;
  #streamArn;
  #shardId;
  #iterator;
  #issuedAt;
  #shape;
  #sink;
  ended = false;

  /**
   * @param {{ call: (operation: string, input: object) => any, streamArn: string, shardId: string,
   *   startingPosition: string, shape: (record: object) => object,
   *   sink: { push(record: object): void, end(error?: unknown): void }, now: number }} options
   */
  constructor({ call, streamArn, shardId, startingPosition, shape, sink, now }) {
    this.#call = call;
    this.#streamArn = streamArn;
    this.#shardId = shardId;
    this.#shape = shape;
    this.#sink = sink;
    this.#start(startingPosition, now);
  }

  /** Before a write: replaces an iterator close to expiry by a fresh LATEST one. */
  renewIfIdle(now) {
    if (this.ended || now - this.#issuedAt < RENEW_AFTER_MS) return;
    // The drain after every write read this stream to its end, and nothing has been written
    // since, so LATEST is exactly where this reader stands.
    this.#guard(() => this.#start('LATEST', now));
  }

  /** After a write (and once at the start): reads every new record and hands it to the sink. */
  drain(now) {
    this.#guard(() => {
      while (!this.ended) {
        const { Records, NextShardIterator } = this.#call('GetRecords', { ShardIterator: this.#iterator, Limit: PAGE });
        for (const record of Records) this.#sink.push(this.#shape(record));
        if (NextShardIterator === undefined) {
          // The stream was disabled (or its table deleted) and is read to its end.
          this.end();
          return;
        }
        this.#iterator = NextShardIterator;
        this.#issuedAt = now;
        if (Records.length < PAGE) return;
      }
    });
  }

  /** Stops reading; the sink is told once (with the error that stopped it, if any). */
  end(error) {
    if (this.ended) return;
    this.ended = true;
    this.#sink.end(error);
  }

  #start(position, now) {
    const input = { StreamArn: this.#streamArn, ShardId: this.#shardId, ShardIteratorType: position };
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
