// AWS Signature Version 4, the parts a server needs to check a signature: the canonical request,
// the string to sign, the signing key and the signature (AWS's "Create a signed AWS API request"
// steps). Pure functions over strings and bytes; auth.js decides what a mismatch means.
import crypto from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest();

// RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is encoded,
// with upper-case hex digits.
function uriEncode(text) {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// Percent-decoding that leaves a malformed escape as it is, rather than throwing.
function uriDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The canonical URI: the path with `.` and `..` segments resolved, each segment encoded once
 * more (for every service but S3 the path is encoded twice: once on the wire, once here).
 */
export function canonicalPath(rawPath) {
  const segments = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return `/${segments.join('/')}${trailing}`.split('/').map((segment) => uriEncode(segment)).join('/');
}

/** The canonical query string: each name and value decoded, encoded again, sorted. */
export function canonicalQuery(rawQuery, { exclude = [] } = {}) {
  if (!rawQuery) return '';
  const pairs = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = uriEncode(uriDecode(equals < 0 ? part : part.slice(0, equals)));
    const value = uriEncode(uriDecode(equals < 0 ? '' : part.slice(equals + 1)));
    if (!exclude.includes(name)) pairs.push([name, value]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/**
 * `name:value` lines for the signed headers, in the order SignedHeaders lists them. `rawHeaders`
 * is Node's flat [name, value, ...] list, so a header sent twice keeps both values (joined with
 * commas, as SigV4 says); values are trimmed and inner runs of spaces collapsed.
 */
export function canonicalHeaders(rawHeaders, signedHeaderNames) {
  const values = new Map();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const value = String(rawHeaders[i + 1]).trim().replace(/\s+/g, ' ');
    values.set(name, values.has(name) ? `${values.get(name)},${value}` : value);
  }
  return signedHeaderNames.map((name) => `${name}:${values.get(name) ?? ''}\n`).join('');
}

/**
 * @param {{ method: string, path: string, query: string, rawHeaders: string[],
 *           signedHeaders: string, body: Uint8Array }} request
 * @returns {string} the canonical request
 */
export function canonicalRequest({ method, path, query, rawHeaders, signedHeaders, body }) {
  return [
    method,
    canonicalPath(path),
    canonicalQuery(query),
    canonicalHeaders(rawHeaders, signedHeaders.split(';')),
    signedHeaders,
    // The body's own hash, never a client's x-amz-content-sha256 claim: the body is always signed.
    sha256Hex(body),
  ].join('\n');
}

/** @param {string} amzDate like 20240101T000000Z @param {string} scope date/region/service/aws4_request */
export function stringToSign(amzDate, scope, canonical) {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function signingKey(secretAccessKey, date, region, service) {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

/** The hex signature of a string to sign. */
export function signatureOf(key, text) {
  return crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Compares two hex signatures in time that does not depend on where they differ. */
export function sameSignature(expected, given) {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** 20240101T000000Z -> milliseconds since the epoch, or NaN if it is not that format. */
export function parseAmzDate(text) {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return NaN;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  // Reject dates that Date.UTC would roll over (month 13, February 30, ...).
  return new Date(time).getUTCDate() === day && new Date(time).getUTCMonth() === month - 1 ? time : NaN;
}

/** Milliseconds since the epoch -> 20240101T000000Z. */
export function formatAmzDate(time) {
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
