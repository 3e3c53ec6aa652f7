// The DocumentClient's reads (get, query, scan) on a PocketDynamo database in this thread: the
// engine answers in document form (core/api/wire/document_form.h), plain JSON whose values are
// already what unmarshall would make of them, so one JSON.parse gives the output and no value is
// walked a second time. Only what JSON cannot say comes marked (binaries, sets, numbers past
// 2^52, strings starting with the mark) and is decoded in place; an answer the form cannot say
// comes in wire form and is unmarshalled as before.
import { base64ToBytes } from '../base64.js';
import { convertNumber } from '../marshall/convert-to-native.js';
import { unmarshallOutput } from './key-nodes.js';
import { decodeWireBody } from '../wire.js';

/** What the engine's executeDocument answered: document form, the same with marks, wire form. */
export const FORM = Object.freeze({ document: 0, marked: 1, wire: 2 });

const MARK = 1; // U+0001 starts every marked string
const NO_OPTIONS = Object.freeze({});

/** True when unmarshall with these options gives what the document form holds. */
export const takesDocumentForm = (unmarshallOptions) =>
  !unmarshallOptions.wrapNumbers && (unmarshallOptions.convertWithoutMapWrapper ?? true) === true;

/**
 * The DocumentClient output of a successful read's answer `body` (parsed) in the given form.
 * @param {object} body @param {number} form @param {object} $metadata @param {object} outputKeyNodes
 */
export function documentOutput(body, form, $metadata, outputKeyNodes) {
  if (form === FORM.wire) {
    return unmarshallOutput({ $metadata, ...decodeWireBody(body) }, outputKeyNodes, { convertWithoutMapWrapper: true });
  }
  if (form === FORM.marked) {
    if (body.Item) decodeMembers(body.Item);
    if (body.Items) for (const item of body.Items) decodeMembers(item);
    if (body.LastEvaluatedKey) decodeMembers(body.LastEvaluatedKey);
  }
  return { $metadata, ...body };
}

function decodeMembers(object) {
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (typeof value === 'object' ? value !== null : typeof value === 'string' && value.charCodeAt(0) === MARK) {
      object[key] = decodeValue(value);
    }
  }
}

function decodeValue(value) {
  if (typeof value === 'string') {
    if (value.charCodeAt(0) !== MARK) return value;
    const payload = value.slice(2);
    switch (value[1]) {
      case 'S': return payload;
      case 'N': return convertNumber(payload, NO_OPTIONS);
      default: return base64ToBytes(payload); // 'B'
    }
  }
  if (value === null || typeof value !== 'object') return value;
  if (!Array.isArray(value)) {
    decodeMembers(value);
    return value;
  }
  switch (value[0]) {
    case '\u0001SS': return new Set(value.slice(1));
    case '\u0001NS': return new Set(value.slice(1).map((text) => convertNumber(text, NO_OPTIONS)));
    case '\u0001BS': return new Set(value.slice(1).map(base64ToBytes));
    default:
      for (let i = 0; i < value.length; i++) value[i] = decodeValue(value[i]);
      return value;
  }
}
