// The serving side of the protocol (protocol.js): runs the requests of remote clients on an open
// database (in the tab that owns the storage, or in worker mode's worker) and sends each client
// its stream records. Every answer goes through `send`; the transport routes it by `to`.
import { StorageError } from '../errors.js';
import { followStream, requestText } from '../database.js';
import { CONTROL, errorText } from './protocol.js';

export class Host {
  #db;
  #id;
  #send;
  #closing = false;
  #inflight = new Set();
  #subscriptions = new Map(); // `${client} ${sub}` -> stop()

  /**
   * @param {import('../database.js').Database} db
   * @param {string | undefined} id this host's link id (tabs), checked against each request's `to`
   * @param {(message: object) => void} send
   */
  constructor(db, id, send) {
    this.#db = db;
    this.#id = id;
    this.#send = send;
  }

  get db() { return this.#db; }

  /** False once it stopped serving (closing, or its page is going away). */
  get serving() { return !this.#closing; }

  /** A message from a client: a request, or 'bye'; answers go through `send` (default: the host's). */
  receive(message, send = this.#send) {
    if (message.t === 'bye') {
      this.#dropClient(message.from);
      return;
    }
    if (message.t !== 'req' || message.to !== this.#id) return; // meant for an earlier owner
    const reply = (ok, body, retry) => send({ t: 'res', id: message.id, from: this.#id, to: message.from, ok, body, retry });
    if (this.#closing) {
      reply(false, errorText(new StorageError(`PocketDynamo database "${this.#db.name}": the tab serving it is closing; the request was not applied`)), true);
      return;
    }
    const running = this.#handle(message, send).then(
      (body) => reply(true, body),
      (error) => reply(false, errorText(error)),
    );
    this.#inflight.add(running);
    running.finally(() => this.#inflight.delete(running));
  }

  /** Later requests are answered "not applied, send it to the next owner". */
  stopServing() {
    this.#closing = true;
  }

  /** Stops serving: later requests are answered "not applied, retry"; waits for those under way; closes the database. */
  async close() {
    this.#closing = true;
    // Subscriptions stop quietly: their clients follow on with the next owner.
    const stops = [...this.#subscriptions.values()];
    this.#subscriptions.clear();
    for (const stop of stops) stop();
    await Promise.allSettled([...this.#inflight]);
    await this.#db.close();
  }

  async #handle({ op, body, relaxed, from }, send) {
    switch (op) {
      case CONTROL.flush: await this.#db.flush(); return '{}';
      case CONTROL.storageInfo: return JSON.stringify(await this.#db.storageInfo());
      case CONTROL.acknowledge: await this.#db.acknowledgeRecoveryProblems(); return '{}';
      case CONTROL.subscribe: return this.#subscribe(from, JSON.parse(body), send);
      case CONTROL.unsubscribe: {
        const key = `${from} ${JSON.parse(body).sub}`;
        const stop = this.#subscriptions.get(key);
        this.#subscriptions.delete(key);
        stop?.();
        return '{}';
      }
      default: return this.#db[requestText](op, body, relaxed);
    }
  }

  #subscribe(client, { sub, table, startingPosition, after }, send) {
    const key = `${client} ${sub}`;
    const sink = {
      push: (record) => send({ t: 'rec', sub, from: this.#id, to: client, record }),
      end: (error) => {
        if (!this.#subscriptions.delete(key)) return;
        send({ t: 'end', sub, from: this.#id, to: client, error: error === undefined ? undefined : errorText(error) });
      },
    };
    this.#subscriptions.set(key, () => {});
    let stop;
    try {
      stop = this.#db[followStream](table, { startingPosition, after }, sink);
    } catch (error) {
      this.#subscriptions.delete(key);
      throw error;
    }
    // (It may have ended already: a TRIM_HORIZON read that failed.)
    if (this.#subscriptions.has(key)) this.#subscriptions.set(key, stop);
    return '{}';
  }

  #dropClient(client) {
    for (const [key, stop] of this.#subscriptions) {
      if (key.startsWith(`${client} `)) {
        this.#subscriptions.delete(key);
        stop();
      }
    }
  }
}
