// The requests that put one local change on the remote, each guarded by the version the change
// was made on, and how to tell whether the remote already holds a change (a replay after a crash).
import { canonical, nextVersion, sameValue } from './values.js';

/** Whether a remote item is a tombstone (the app's deleted-item marker). */
export const isTombstone = (item, settings) => Boolean(settings.tombstone && item?.[settings.tombstone]?.BOOL);

/** The app's change marker for "now", in the type the item already uses (ISO string or epoch ms). */
export function markerNow(existing) {
  return existing?.S !== undefined ? { S: new Date().toISOString() } : { N: String(Date.now()) };
}

/**
 * The write action (PutItem or DeleteItem input, with TableName) for a change.
 * @param {{ keys: object, item: object | null, expected: object | null, marker: object | null }} change
 *   `expected`: the remote version the change was made on (null: the item is new)
 */
export function writeFor(change, settings) {
  const names = { '#v': settings.version };
  const values = {};
  let condition;
  if (change.expected) {
    condition = '#v = :v';
    values[':v'] = change.expected;
  } else {
    condition = 'attribute_not_exists(#v)';
    if (settings.tombstone) {
      // A new item may take the place of a deleted one.
      condition += ' OR #t = :t';
      names['#t'] = settings.tombstone;
      values[':t'] = { BOOL: true };
    }
  }
  const guard = { ConditionExpression: condition, ExpressionAttributeNames: names };
  if (Object.keys(values).length) guard.ExpressionAttributeValues = values;
  const TableName = settings.remoteTable;
  const item = change.item ?? (settings.tombstone ? tombstoneFor(change, settings) : null);
  if (item) return { kind: 'Put', input: { TableName, Item: item, ...guard } };
  return { kind: 'Delete', input: { TableName, Key: change.keys, ...guard } };
}

function tombstoneFor(change, settings) {
  const item = { ...change.keys, [settings.tombstone]: { BOOL: true }, [settings.version]: nextVersion(change.expected) };
  if (settings.marker) item[settings.marker] = markerNow(change.marker);
  return item;
}

/** Whether the remote item is what the change would have made it (so it was applied before). */
export function alreadyApplied(change, remote, settings) {
  if (change.item) return Boolean(remote) && !isTombstone(remote, settings) && canonical(remote) === canonical(change.item);
  if (!settings.tombstone) return !remote;
  return isTombstone(remote, settings) && sameValue(remote[settings.version], nextVersion(change.expected));
}
