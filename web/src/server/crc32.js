// CRC-32 (IEEE 802.3, as zlib) of the response bytes, for DynamoDB's x-amz-crc32 header (SDKs
// that check it, like boto3 and the v2 JS SDK, retry on a mismatch). zlib.crc32 where Node has it.
import zlib from 'node:zlib';

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

function crc32Table(bytes) {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** @param {Uint8Array} bytes @returns {number} the unsigned CRC-32 */
export const crc32 = typeof zlib.crc32 === 'function' ? (bytes) => zlib.crc32(bytes) : crc32Table;

export { crc32Table };
