// Translation between the SDK's JS shapes and the engine's wire text (DynamoDB JSON).
// In: binary values -> base64 strings; strings must be valid Unicode (a lone surrogate would be
// silently mangled on its way into C++). Out: B/BS base64 -> Uint8Array, *DateTime -> Date.
import { base64ToBytes, bytesOf, bytesToBase64 } from './base64.js';
import { ValidationException } from './errors.js';

const MAX_DEPTH = 1000;

/**
 * Marks a database that takes inputs already in wire form (binaries as base64 text): the
 * DocumentClient then marshalls straight to that form, and the input is not walked again.
 */
export const takesWireInput = Symbol('pocketdynamo.takesWireInput');
/** A marshall option (the DocumentClient's, for such a database): binaries become base64 text. */
export const binariesAsBase64 = Symbol('pocketdynamo.binariesAsBase64');
const wireInputs = new WeakSet();

/** Says that `input` holds no binary object (they are base64 text already): requestBody skips its walk. */
export function markWireInput(input) {
  wireInputs.add(input);
  return input;
}

/** A binary value (Uint8Array, ArrayBuffer, Buffer, ...) as the base64 text the wire carries. */
export function binaryToWire(value) {
  const bytes = bytesOf(value);
  if (bytes) return bytesToBase64(bytes);
  if (typeof Blob === 'function' && value instanceof Blob) throw blobError();
  return value;
}

const blobError = () => new ValidationException({ message: 'A Blob or File cannot be sent as a binary value: pass new Uint8Array(await blob.arrayBuffer()) instead' });

/** Request input -> request body text. Throws ValidationException for input that cannot be sent. */
export function requestBody(input) {
  return wireInputBody(wireInputs.has(input) ? input : replaceBinaries(input ?? {}, 0));
}

/** requestBody() of an input already in wire form (binaries as base64 text): no walk, the same checks. */
export function wireInputBody(input) {
  const text = JSON.stringify(input);
  // JSON.stringify writes a lone surrogate as an escape like \ud800 (preceded by an even number
  // of backslashes): the cheap includes() keeps the regex off the common path.
  if (text.includes('\\ud') && /(?:^|[^\\])(?:\\\\)*\\ud[89a-f]/.test(text)) {
    throw loneSurrogateError(`request member ${pathOfLoneSurrogate(input, '') ?? '(unknown)'}`);
  }
  return text;
}

/** Throws unless a raw body text can cross into the engine intact. */
export function checkBodyText(text) {
  if (!isWellFormed(text)) throw loneSurrogateError('the request body');
}

/** Response (or error) body text -> JS shape, with binaries and timestamps decoded. */
export function parseBody(text) {
  const body = JSON.parse(text);
  // Only a binary type tag or a timestamp needs the walk ("BOOL" does not).
  if (text.includes('"B":') || text.includes('"BS":') || text.includes('DateTime"')) decodeMembers(body);
  return body;
}

/** parseBody() of a body parsed already: binaries and timestamps decoded in place. */
export function decodeWireBody(body) {
  decodeMembers(body);
  return body;
}

// Returns `value`, or a copy with every binary value replaced by its base64 text (copy on write:
// a request without binaries is not copied).
function replaceBinaries(value, depth) {
  if (typeof value !== 'object' || value === null) return value;
  // Plain objects and arrays (nearly every node) cannot be binaries: skip those checks.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null) {
    const bytes = bytesOf(value);
    if (bytes) return bytesToBase64(bytes);
    if (typeof Blob === 'function' && value instanceof Blob) throw blobError();
  }
  if (depth > MAX_DEPTH) {
    throw new ValidationException({ message: `The request is nested more than ${MAX_DEPTH} levels deep or contains a circular reference` });
  }
  if (typeof value.toJSON === 'function') return value;
  let copy;
  for (const key of Object.keys(value)) {
    const member = value[key];
    const replaced = replaceBinaries(member, depth + 1);
    if (replaced !== member) {
      copy ??= Array.isArray(value) ? value.slice() : { ...value };
      copy[key] = replaced;
    }
  }
  return copy ?? value;
}

function decodeMembers(node) {
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (typeof value === 'string') {
      if (key === 'B') node[key] = base64ToBytes(value);
    } else if (typeof value === 'number') {
      // Timestamps are epoch seconds on the wire and Date objects in the SDK.
      if (key.endsWith('DateTime')) node[key] = new Date(Math.round(value * 1000));
    } else if (key === 'BS' && Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      node[key] = value.map(base64ToBytes);
    } else if (value !== null && typeof value === 'object') {
      decodeMembers(value);
    }
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (text) => (typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text));

function loneSurrogateError(where) {
  return new ValidationException({
    message: `Invalid string in ${where}: it contains a lone surrogate (an unpaired UTF-16 code unit), which is not valid Unicode and cannot be stored`,
  });
}

// Names where the first ill-formed string (a member name or a value) is, like Item.name.S.
function pathOfLoneSurrogate(value, path) {
  if (typeof value === 'string') return isWellFormed(value) ? undefined : path || '(root)';
  if (typeof value !== 'object' || value === null || bytesOf(value)) return undefined;
  for (const key of Object.keys(value)) {
    const member = Array.isArray(value) ? `${path}[${key}]` : `${path}${path ? '.' : ''}${isWellFormed(key) ? key : JSON.stringify(key)}`;
    if (!isWellFormed(key)) return `${member} (in the member name)`;
    const found = pathOfLoneSurrogate(value[key], member);
    if (found) return found;
  }
  return undefined;
}
