// `$metadata` for responses and errors, shaped like the SDK's ResponseMetadata. Request ids are
// unique per process: a random prefix and a counter (cheaper than 52 random characters a call).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const PREFIX = Array.from({ length: 40 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');
let counter = 0;

/** @param {number} [httpStatusCode] */
export function newMetadata(httpStatusCode = 200) {
  counter += 1;
  const requestId = PREFIX + counter.toString(36).toUpperCase().padStart(12, '0');
  return { httpStatusCode, requestId, extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 };
}

/** A random (version 4) UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function uuid() {
  const bytes = new Uint8Array(16);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
