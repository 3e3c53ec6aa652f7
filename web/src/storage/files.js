// Small helpers shared by the storage backends: file names, byte buffers, error mapping.
import { StorageError, StorageQuotaExceededError } from '../errors.js';

/** The engine names its files with these characters only; anything else in a store is not ours. */
export const FILE_NAME = /^[a-z0-9-]+$/;

export function checkFileName(name) {
  if (typeof name !== 'string' || !FILE_NAME.test(name)) {
    throw new StorageError(`PocketDynamo storage: refusing the file name ${JSON.stringify(name)}`);
  }
}

/** The bytes in a buffer of their own (storing a view would store its whole underlying buffer). */
export function ownBuffer(bytes) {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return bytes.slice();
}

/** One Uint8Array made of the chunks, in order. */
export function concat(chunks) {
  if (chunks.length === 1) return chunks[0];
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const QUOTA_NAMES = new Set(['QuotaExceededError']);
const QUOTA_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** Our error class for an error of IndexedDB or of the file system, with the original as `cause`. */
export function toStorageError(error, what) {
  if (error instanceof StorageError) return error;
  const detail = error?.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error?.message ?? String(error);
  if (QUOTA_NAMES.has(error?.name) || QUOTA_CODES.has(error?.code)) {
    return new StorageQuotaExceededError(`PocketDynamo storage is full (${what}): ${detail}`, { cause: error });
  }
  return new StorageError(`PocketDynamo storage failed (${what}): ${detail}`, { cause: error });
}
