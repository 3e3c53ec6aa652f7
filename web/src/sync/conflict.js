// A change whose version check failed on the remote: the policy picks the outcome from the
// local and remote items (remote-wins, the default; local-wins; or the app's merge function),
// and the outcome is then written on both sides with a version above both.
import { applyLocal } from './apply-local.js';
import { alreadyApplied, isTombstone, markerNow } from './remote-items.js';
import { canonical, nextVersion } from './values.js';

/**
 * @returns {Promise<{ done: true, applied?: boolean } | { done: false, change: object, afterAck: object }>}
 *   done: nothing left to push (the remote's item won and is now local, or the change was there
 *   already); otherwise the change to push instead, and the local write once it is acknowledged
 */
export async function resolveConflict({ db, call, policy, emit }, table, settings, change) {
  const { Item } = await call('GetItem', { TableName: settings.remoteTable, Key: change.keys, ConsistentRead: true });
  const remote = Item ?? null;
  if (alreadyApplied(change, remote, settings)) return { done: true, applied: true };
  const remoteLive = isTombstone(remote, settings) ? null : remote;
  const local = change.item;
  const outcome = typeof policy === 'function'
    ? await policy({ table, key: change.keys, local, remote: remoteLive })
    : policy === 'local-wins' ? local : remoteLive;
  const remoteWon = canonical(outcome ?? null) === canonical(remoteLive);
  emit({ type: 'conflict', table, key: change.keys, local, remote: remoteLive, resolved: outcome ?? null, winner: remoteWon ? 'remote' : 'local' });
  const version = settings.version;
  if (remoteWon) {
    await applyLocal(db, [{ table, key: change.keys, item: remoteLive, version }]);
    return { done: true };
  }
  let item = null;
  if (outcome) {
    item = { ...outcome, ...change.keys, [version]: nextVersion(remote?.[version], local?.[version]) };
    if (settings.marker) item[settings.marker] = markerNow(outcome[settings.marker] ?? remote?.[settings.marker]);
  }
  const resolved = { keys: change.keys, item, expected: remote?.[version] ?? null, marker: change.marker };
  return { done: false, change: resolved, afterAck: { table, key: change.keys, item, version } };
}
