// Many tabs, one database: the tab holding the database's Web Lock owns the storage and serves
// every other tab's requests over a BroadcastChannel named after the database (remote/host.js);
// the other tabs queue for the lock, and the first in the queue takes over when the owner closes,
// reloads, is discarded or crashes (the browser releases a dead page's locks). The owner's own
// requests go to its host directly, with no message. Who owns is learnt from the owner's
// announcement ({ t: 'owner', id }), sent when it starts serving and in answer to a 'hello'.
//
// BroadcastChannel carries everything and works everywhere Web Locks do (Chrome Android has no
// SharedWorker). Where the browser has SharedWorker, a client also asks the owner for a
// MessageChannel of its own through a tiny broker (port-broker.js) and, once the owner answers on
// it, sends its requests there: a round trip about twice as fast in Chromium, with a much shorter
// tail, and no copy of every request to every tab.
import { uuid } from '../metadata.js';
import { Host } from '../remote/host.js';
import { RemoteClient } from '../remote/client.js';
import { holdWebLock } from '../storage/web-lock.js';

/** Whether this environment can share a database between tabs (Web Locks and BroadcastChannel). */
export const canShareTabs = () => Boolean(globalThis.navigator?.locks) && typeof globalThis.BroadcastChannel === 'function';

/**
 * Joins the tabs sharing database `name`: owns it if nobody does, else connects to the owner.
 * Resolves once a tab (this one or another) serves it.
 * @param {string} name
 * @param {(lock: { release(): Promise<void> }) => Promise<import('../database.js').Database>} openOwned
 *   opens the storage for this tab, holding `lock` (released when that database closes)
 * @param {() => void} [prepare] called once this tab waits to take over: loads what taking over
 *   needs (the storage code), so that a takeover does not wait for it
 * @returns {Promise<{ client: RemoteClient, report: object | null, close(): Promise<void> }>}
 */
export async function joinTabs(name, openOwned, prepare = () => {}) {
  const link = new TabLink(name, openOwned, prepare);
  await link.start();
  return link.remote;
}

// Runs `task` when the page is idle (soon after in any case), or after a timeout where there is no
// requestIdleCallback.
function whenIdle(task) {
  if (typeof globalThis.requestIdleCallback === 'function') globalThis.requestIdleCallback(task, { timeout: 500 });
  else setTimeout(task, 0);
}

// The broker's port, or null without SharedWorker (or when it cannot start: a strict CSP, a
// bundler that did not emit it); BroadcastChannel then carries the requests too.
function connectBroker() {
  if (typeof globalThis.SharedWorker !== 'function') return null;
  try {
    const worker = new SharedWorker(new URL('./port-broker.js', import.meta.url), { name: 'pocketdynamo-port-broker' });
    worker.onerror = () => {};
    worker.port.start();
    return worker.port;
  } catch {
    return null;
  }
}

class TabLink {
  #name;
  #key;
  #openOwned;
  #prepare;
  #id = uuid();
  #channel;
  #owner = null; // the serving tab's link id
  #host = null; // set while this tab owns the database
  #waiting = new AbortController();
  #served;
  #closed = false;
  #broker = null; // the SharedWorker's port, where there is one
  #direct = null; // { owner, port }: the MessageChannel to the current owner, once it answered
  #syncListeners = new Set(); // db.sync in this tab (sync/tab-sync.js): its messages, and taking over
  remote;

  constructor(name, openOwned, prepare) {
    this.#name = name;
    this.#prepare = prepare;
    this.#key = `pocketdynamo:${name}`;
    this.#openOwned = openOwned;
    const client = new RemoteClient(name, { post: (message) => this.#post(message) });
    this.remote = { client, report: null, close: () => this.#close(), sync: this.#syncLink(), local: () => this.#servingHere() };
    let served;
    this.#served = new Promise((resolve) => { served = resolve; });
    this.#served.resolve = served;
  }

  async start() {
    this.#channel = new BroadcastChannel(this.#key);
    this.#channel.onmessage = ({ data }) => this.#receive(data);
    try {
      const lock = await holdWebLock(this.#key, { ifAvailable: true });
      if (lock) {
        await this.#own(lock);
      } else {
        this.#queueForLock();
        this.#channel.postMessage({ t: 'hello', from: this.#id });
        this.#prepare();
        await this.#served;
      }
      whenIdle(() => this.#startBroker());
    } catch (error) {
      this.#closed = true;
      this.#waiting.abort();
      this.#channel.close();
      this.#broker?.close();
      throw error;
    }
  }

  // Sends a client message to the owner; returns the owner's id (null while none is known).
  #post(message) {
    if (this.#owner === null) return null;
    message.from = this.#id;
    message.to = this.#owner;
    if (this.#host) this.#host.receive(message);
    else if (this.#direct?.owner === this.#owner) this.#direct.port.postMessage(message);
    else this.#channel.postMessage(message);
    return this.#owner;
  }

  #receive(message) {
    switch (message.t) {
      case 'req':
      case 'bye':
        this.#host?.receive(message);
        break;
      case 'hello':
        if (this.#host) this.#announce();
        break;
      case 'owner':
        if (message.id !== this.#owner) this.#serverChanged(message.id, message.report);
        break;
      case 'sync':
        for (const listener of this.#syncListeners) listener.message?.(message);
        break;
      case 'vacant': // the owner is gone and a tab is taking over: hold requests until it serves
        if (message.id === this.#owner && !this.#host) this.#owner = null;
        break;
      default: // 'res', 'rec', 'end'
        if (message.to === this.#id) this.remote.client.receive(message);
    }
  }

  // The host's answers: to this tab's own client directly, to other tabs over the channel.
  #send(message) {
    if (message.to === this.#id) this.remote.client.receive(message);
    else if (!this.#closed || this.#host) this.#channel.postMessage(message);
  }

  async #own(lock) {
    let db;
    try {
      db = await this.#openOwned(lock);
    } catch (error) {
      lock.release();
      throw error;
    }
    if (this.#closed) {
      await db.close();
      return;
    }
    this.#host = new Host(db, this.#id, (message) => this.#send(message));
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    this.#registerWithBroker();
    this.#announce();
    this.#serverChanged(this.#id, db.recoveryReport);
    for (const listener of this.#syncListeners) listener.owned?.(db);
  }

  // The database this tab serves, once its own requests go to it (after #serverChanged) and
  // until it stops serving; else null.
  #servingHere() {
    return this.#host !== null && this.#owner === this.#id && this.#host.serving ? this.#host.db : null;
  }

  // What db.sync needs from the tabs: the engine's database while this tab owns it, word when it
  // takes over, and the channel to the other tabs' syncs.
  #syncLink() {
    return {
      owned: () => this.#host?.db ?? null,
      post: (message) => this.#channel.postMessage({ ...message, t: 'sync', from: this.#id }),
      listen: (listener) => {
        this.#syncListeners.add(listener);
        return () => this.#syncListeners.delete(listener);
      },
    };
  }

  // The owner's page is going away (closed, reloaded, navigated): it stops serving at once, so
  // that the other tabs hold their requests for the next owner rather than send them into the void.
  #onPageHide = (event) => {
    if (event.persisted || !this.#host) return;
    this.#host.stopServing();
    this.#channel.postMessage({ t: 'vacant', id: this.#id });
  };

  #announce() {
    this.#channel.postMessage({ t: 'owner', id: this.#id, report: this.#host.db.recoveryReport });
  }

  // A client's own MessageChannel: its requests, answered on it.
  #serveDirect(client, port) {
    const send = (message) => port.postMessage(message);
    port.onmessage = ({ data }) => this.#host?.receive(data, send);
    send({ t: 'direct', from: this.#id, to: client });
  }

  // The broker (a SharedWorker) starts once this tab serves or has joined: starting it took 12 to
  // 35 ms of open (measured in Chromium here), and until it runs, requests go by BroadcastChannel.
  #startBroker() {
    if (this.#closed || this.#broker) return;
    this.#broker = connectBroker();
    if (this.#host) this.#registerWithBroker();
    else if (this.#owner !== null) this.#connectDirect(this.#owner);
  }

  // The owner: other tabs' MessageChannels reach it through the broker.
  #registerWithBroker() {
    if (!this.#broker) return;
    this.#broker.postMessage({ register: this.#id });
    this.#broker.onmessage = ({ data, ports: [port] }) => this.#serveDirect(data.from, port);
  }

  // Asks the new owner for a MessageChannel; requests move to it once the owner answers on it.
  #connectDirect(owner) {
    this.#direct?.port.close();
    this.#direct = null;
    if (!this.#broker || owner === this.#id) return;
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = ({ data }) => {
      if (data.t === 'direct') {
        if (this.#owner === owner) this.#direct = { owner, port: port1 };
      } else if (data.to === this.#id) {
        this.remote.client.receive(data);
      }
    };
    this.#broker.postMessage({ to: owner, from: this.#id }, [port2]);
  }

  #serverChanged(owner, report) {
    this.#connectDirect(owner);
    this.#owner = owner;
    this.remote.report = report ?? null;
    this.remote.client.serverChanged(owner);
    this.#served.resolve();
  }

  // Waits in the lock's queue; when granted (the owner is gone), opens the storage and serves.
  #queueForLock() {
    holdWebLock(this.#key, { signal: this.#waiting.signal }).then(async (lock) => {
      // The owner is gone: every tab holds its requests until this one serves.
      const gone = this.#owner;
      this.#owner = null;
      this.#channel.postMessage({ t: 'vacant', id: gone });
      try {
        await this.#own(lock);
      } catch (error) {
        // This tab could not open the storage: its requests fail; the next tab in the queue tries.
        this.remote.client.fail(error);
      }
    }, () => {}); // aborted: this database closed while waiting
  }

  async #close() {
    // Requests already sent are answered first (by this tab, should it take over meanwhile).
    await this.remote.client.close();
    this.#closed = true;
    this.#waiting.abort();
    try {
      if (this.#host) {
        globalThis.removeEventListener?.('pagehide', this.#onPageHide);
        this.#broker?.postMessage({ unregister: this.#id });
        await this.#host.close();
      } else if (this.#owner !== null) {
        this.#post({ t: 'bye' });
      }
    } finally {
      this.#channel.close();
      this.#direct?.port.close();
      this.#broker?.close();
    }
  }
}
