// Turning DynamoDB values into text: JSON-safe copies (binary as base64, sets as arrays, exact
// numbers), one-line cell text for result tables, and the two editor formats.
import { NumberValue, marshall, unmarshall } from '../web/src/index.js';

export function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A copy that JSON.stringify can print faithfully: bytes -> base64, Set -> array, big numbers -> text. */
export function toJsonSafe(value) {
  if (value instanceof Uint8Array) return base64(value);
  if (ArrayBuffer.isView(value)) return base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  if (value instanceof NumberValue) {
    const number = Number(value.value);
    return String(number) === value.value ? number : value.value;
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Set) return [...value].map(toJsonSafe);
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonSafe(item)]));
  }
  return value;
}

/** One-line text for an AttributeValue in a result table. */
export function attributeCell(av) {
  if (av === undefined) return '';
  const [type, value] = Object.entries(av)[0];
  switch (type) {
    case 'S': case 'N': return value;
    case 'BOOL': return String(value);
    case 'NULL': return 'null';
    case 'B': return base64(value);
    case 'SS': case 'NS': return `{${value.join(', ')}}`;
    case 'BS': return `{${value.map(base64).join(', ')}}`;
    default: return JSON.stringify(toJsonSafe(unmarshall({ v: av }, { wrapNumbers: true }).v));
  }
}

/** One-line text for a DocumentClient (plain) value in a result table. */
export function plainCell(value) {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (value instanceof Set) return `{${[...value].map((item) => plainCell(item)).join(', ')}}`;
  if (typeof value === 'object' && !(value instanceof NumberValue) && !(value instanceof Uint8Array)) {
    return JSON.stringify(toJsonSafe(value));
  }
  const safe = toJsonSafe(value);
  return typeof safe === 'string' ? safe : String(safe);
}

/** Editor text for an item: 'dynamodb' (DynamoDB JSON, exact) or 'plain' (ordinary JSON). */
export function itemToText(item, format) {
  const data = format === 'dynamodb' ? item : unmarshall(item, { wrapNumbers: true });
  return JSON.stringify(toJsonSafe(data), null, 2);
}

/**
 * Editor text -> item (AttributeValue map). Plain JSON is marshalled as the DocumentClient does
 * (arrays are lists; sets and binary need DynamoDB JSON).
 */
export function textToItem(text, format) {
  const data = JSON.parse(text);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new SyntaxError('An item must be a JSON object');
  return format === 'dynamodb' ? data : marshall(data, { removeUndefinedValues: true });
}

/** The key attributes of an item, per a table's KeySchema. */
export function keyOf(item, keySchema) {
  return Object.fromEntries(keySchema.map(({ AttributeName }) => [AttributeName, item[AttributeName]]));
}
