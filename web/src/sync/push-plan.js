// Outbox entries -> units pushed as one request each, in commit order: a local transaction alone
// (one TransactWriteItems), other changes packed up to `pushBatch` per TransactWriteItems as long
// as no item repeats (DynamoDB refuses two actions on one item), or one PutItem/DeleteItem each
// when pushBatch is 1.
import { keyText } from './values.js';

/** @returns {{ entries: object[], transaction: boolean, local: boolean }[]} `local`: a local transaction */
export function planUnits(entries, pushBatch) {
  const units = [];
  let packed = [];
  let keys = new Set();
  const close = () => {
    if (packed.length) units.push({ entries: packed, transaction: packed.length > 1, local: false });
    packed = [];
    keys = new Set();
  };
  for (let i = 0; i < entries.length;) {
    let end = i + 1;
    while (end < entries.length && entries[end].group === entries[i].group) end += 1;
    if (end - i > 1) {
      close();
      units.push({ entries: entries.slice(i, end), transaction: true, local: true });
    } else {
      const key = keyText(entries[i].table, entries[i].keys);
      if (packed.length >= pushBatch || keys.has(key)) close();
      packed.push(entries[i]);
      keys.add(key);
    }
    i = end;
  }
  close();
  return units;
}
