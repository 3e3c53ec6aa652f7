// Compressed bodies, as DynamoDB takes and sends them: a request body in gzip (or deflate) by
// its Content-Encoding, and a response of 4 KB or more compressed when the client's
// Accept-Encoding asks for gzip or deflate (DynamoDB's threshold and choice rules, as recorded
// against it by ScyllaDB's Alternator tests).
import zlib from 'node:zlib';

export const COMPRESS_AT_BYTES = 4096;

/**
 * A request body decoded by its Content-Encoding: { bytes }, { tooLarge: true } past `maxBytes`,
 * or { error } for an encoding it cannot take or a body that is not in it (DynamoDB answers
 * both with a 500).
 */
export function decodeRequestBody(contentEncoding, bytes, maxBytes) {
  const coding = String(contentEncoding ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return { bytes };
  const inflate = coding === 'gzip' ? zlib.gunzipSync : coding === 'deflate' ? zlib.inflateSync : null;
  if (!inflate) return { error: `The Content-Encoding '${contentEncoding}' is not supported` };
  try {
    return { bytes: inflate(bytes, { maxOutputLength: maxBytes }) };
  } catch (error) {
    if (error?.code === 'ERR_BUFFER_TOO_LARGE') return { tooLarge: true };
    return { error: `The request body is not valid ${coding} content` };
  }
}

/**
 * 'gzip', 'deflate' or null: the coding of a response to a request with this Accept-Encoding.
 * The highest quality wins; at equal quality a coding named outright beats one allowed by '*',
 * and the one named first beats the later; with '*' alone gzip is preferred.
 */
export function responseCoding(acceptEncoding) {
  if (typeof acceptEncoding !== 'string') return null;
  const named = new Map(); // coding -> { q, at }
  let wildcard = 0;
  acceptEncoding.split(',').forEach((entry, at) => {
    const [token, ...params] = entry.split(';');
    const name = token.trim().toLowerCase();
    if (name === '' || !/^[a-z0-9*!#$%&'+.^_`|~-]+$/.test(name)) return;
    const q = qualityOf(params);
    if (name === '*') wildcard = Math.max(wildcard, q);
    else if (!named.has(name) || named.get(name).q < q) named.set(name, { q, at: named.get(name)?.at ?? at });
  });
  const candidates = ['gzip', 'deflate'].map((coding) => (named.has(coding)
    ? { coding, q: named.get(coding).q, rank: named.get(coding).at }
    : { coding, q: wildcard, rank: Infinity }));
  candidates.sort((a, b) => b.q - a.q || a.rank - b.rank);
  return candidates[0].q > 0 ? candidates[0].coding : null;
}

// The first q parameter; a value that is not a number counts as 1, and values outside [0, 1]
// are clamped (what DynamoDB was seen to do).
function qualityOf(params) {
  for (const param of params) {
    const equals = param.indexOf('=');
    if (equals < 0 || param.slice(0, equals).trim().toLowerCase() !== 'q') continue;
    const text = param.slice(equals + 1).trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return 1;
    return Math.min(1, Math.max(0, Number(text)));
  }
  return 1;
}

/** The response bytes in `coding` (null: as they are). */
export function encodeResponseBody(coding, bytes) {
  if (coding === 'gzip') return zlib.gzipSync(bytes);
  if (coding === 'deflate') return zlib.deflateSync(bytes);
  return bytes;
}
