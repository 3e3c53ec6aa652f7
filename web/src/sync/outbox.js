// The outbox as push sees it: entries in commit order, grouped (a local transaction is one
// group), removed once the remote acknowledged them, or parked when the remote refused them.
import { keyText } from './values.js';
import { deleteAction, putAction, readKind, writeSyncActions } from './internal-table.js';

export class Outbox {
  #db;

  constructor(db) {
    this.#db = db;
  }

  /** The entries waiting, in order: [{ id, table, keys, image, oldVersion, existed, group }]. */
  entries() {
    return readKind(this.#db, 'outbox').map((item) => ({ id: item.s.S, ...JSON.parse(item.e.S) }));
  }

  /** The parked entries, with the error that parked each. */
  parked() {
    return readKind(this.#db, 'parked').map((item) => ({ id: item.s.S, ...JSON.parse(item.e.S), error: JSON.parse(item.error.S) }));
  }

  /** The items (keyText) with a change not yet acknowledged: pull leaves them alone. */
  pendingKeys() {
    const keys = new Set();
    for (const entry of [...this.entries(), ...this.parked()]) keys.add(keyText(entry.table, entry.keys));
    return keys;
  }

  /** The remote acknowledged these entries: they leave, durably. */
  async remove(entries) {
    writeSyncActions(this.#db, entries.map((entry) => deleteAction('outbox', entry.id)));
    await this.#db.flush();
  }

  /** The remote refused this entry for good: it moves aside with the error, durably. */
  async park(entry, error) {
    const { id, ...rest } = entry;
    const reason = { name: error?.name ?? 'Error', message: String(error?.message ?? error) };
    writeSyncActions(this.#db, [
      deleteAction('outbox', id),
      putAction({ p: { S: 'parked' }, s: { S: id }, e: { S: JSON.stringify(rest) }, error: { S: JSON.stringify(reason) } }),
    ]);
    await this.#db.flush();
    return reason;
  }

  /** Puts parked entries back in the outbox (after the app fixed what was wrong); returns how many. */
  async retryParked() {
    const parked = readKind(this.#db, 'parked');
    writeSyncActions(this.#db, parked.flatMap((item) => [
      deleteAction('parked', item.s.S), putAction({ p: { S: 'outbox' }, s: item.s, e: item.e }),
    ]));
    await this.#db.flush();
    return parked.length;
  }
}
