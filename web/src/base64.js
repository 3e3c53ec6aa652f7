// Base64 for B/BS values on the wire. Uses the native Uint8Array base64 methods where the runtime
// has them, else btoa/atob (in every browser and in Node 16+), in chunks to bound the call stack.

const CHUNK = 0x8000;

/** @param {Uint8Array} bytes */
export function bytesToBase64(bytes) {
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** @param {string} text canonical base64 (as the engine writes it) */
export function base64ToBytes(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The bytes of any binary value the SDK accepts (ArrayBuffer, Buffer, any typed array, DataView),
 * or undefined when `value` is not one. Views keep their offset and length.
 */
export function bytesOf(value) {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]') {
    return new Uint8Array(value);
  }
  return undefined;
}
