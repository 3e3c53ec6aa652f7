// Attribute values compared and named the same way everywhere in sync: a key as one string, an
// item or value in a form that does not depend on member order or number spelling.

/** A JSON text for an attribute value or item with sorted members and numbers in one spelling. */
export function canonical(value) {
  return JSON.stringify(normalize(value));
}

function normalize(value) {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const name of Object.keys(value).sort()) {
    const member = value[name];
    if (name === 'N' && typeof member === 'string') out.N = numberText(member);
    else if (name === 'NS' && Array.isArray(member)) out.NS = member.map(numberText).sort();
    else if ((name === 'SS' || name === 'BS') && Array.isArray(member)) out[name] = [...member].sort();
    else out[name] = normalize(member);
  }
  return out;
}

// '1.50', '01.5' and '1.5' are one number; precision beyond a double is not needed to compare versions.
const numberText = (text) => (Number.isFinite(Number(text)) ? String(Number(text)) : text);

/** Whether two attribute values (or items, or undefined) are the same. */
export const sameValue = (a, b) => (a === undefined || b === undefined ? a === b : canonical(a) === canonical(b));

/** The key attributes of `item` for a key schema's names. */
export function keyOf(item, keyNames) {
  const key = {};
  for (const name of keyNames) key[name] = item[name];
  return key;
}

/** One string per item of a table: the outbox and echo markers are keyed by it. */
export const keyText = (table, key) => `${table}\u0000${canonical(key)}`;

/** A version attribute's value plus one (an N); an absent version counts as 0. */
export function nextVersion(...values) {
  let highest = 0;
  for (const value of values) if (value?.N !== undefined) highest = Math.max(highest, Number(value.N));
  return { N: String(highest + 1) };
}
