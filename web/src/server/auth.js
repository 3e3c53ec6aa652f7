// Who may call. Without credentials any request is accepted, signed or not (as DynamoDB Local).
// With credentials (--credentials ID:SECRET), a request must carry a valid AWS SigV4 signature in
// its Authorization header made with one of them, over this request's method, path, query,
// signed headers and body, dated within 15 minutes of the server's clock. The checks and their
// errors come in DynamoDB's order (as recorded by dynalite, which mimics it).
import {
  ALGORITHM, canonicalRequest, formatAmzDate, parseAmzDate, sameSignature, signatureOf, signingKey, stringToSign,
} from './sigv4.js';

const SERVICE = 'dynamodb';
const MAX_SKEW_MS = 15 * 60 * 1000;
const QUERY_AUTH_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'];

const denied = (name, message) => ({ name, message });
const MISSING = 'Request is missing Authentication Token';
const UNRECOGNIZED = 'The security token included in the request is invalid.';
const MISMATCH = 'The request signature we calculated does not match the signature you provided. '
  + 'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * The secret of each access key id, checked: every entry needs a non-empty accessKeyId and
 * secretAccessKey, and one id cannot have two secrets.
 * @param {Iterable<{ accessKeyId: string, secretAccessKey: string }>} credentials
 * @returns {Map<string, string>}
 */
export function secretsOf(credentials) {
  const secrets = new Map();
  for (const entry of credentials) {
    const { accessKeyId, secretAccessKey } = entry ?? {};
    if (typeof accessKeyId !== 'string' || accessKeyId === '' || typeof secretAccessKey !== 'string' || secretAccessKey === '') {
      throw new TypeError('pocketdynamo server: each credential needs a non-empty accessKeyId and secretAccessKey');
    }
    if (secrets.has(accessKeyId) && secrets.get(accessKeyId) !== secretAccessKey) {
      throw new TypeError(`pocketdynamo server: access key id "${accessKeyId}" is given twice with different secrets`);
    }
    secrets.set(accessKeyId, secretAccessKey);
  }
  if (secrets.size === 0) throw new TypeError('pocketdynamo server: credentials must hold at least one { accessKeyId, secretAccessKey }');
  return secrets;
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {Uint8Array} body the request body as received
 * @param {Map<string, string> | undefined} secrets access key id -> secret; undefined to let anyone in
 * @param {number} [now] the server's clock (ms)
 * @returns {{ name: string, message: string } | null} the error to answer with, or null
 */
export function authError(request, body, secrets, now = Date.now()) {
  if (!secrets) return null;
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : url.slice(queryStart + 1);
  const queryNames = new Set(query.split('&').map((part) => decodeName(part.split('=')[0])));
  const header = request.headers.authorization;

  if (header !== undefined && queryNames.has('X-Amz-Algorithm')) {
    return denied('InvalidSignatureException', "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  if (header === undefined) {
    // Presigned (query-string) signatures are refused rather than half-checked.
    if (QUERY_AUTH_PARAMS.some((name) => queryNames.has(name))) {
      return denied('MissingAuthenticationTokenException',
        `${MISSING}: this endpoint takes the signature in the Authorization header only (query-string signatures, as in presigned URLs, are not accepted)`);
    }
    return denied('MissingAuthenticationTokenException', MISSING);
  }
  if (!header.trim().startsWith('AWS4-')) return denied('MissingAuthenticationTokenException', MISSING);

  // "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...": commas or spaces between.
  const [algorithm, ...pairs] = header.trim().split(/[\s,]+/);
  const params = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals > 0) params[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  const amzDate = amzDateOf(request.headers);
  let incomplete = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params[name]) incomplete += `Authorization header requires '${name}' parameter. `;
  }
  if (amzDate === undefined) incomplete += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (incomplete) return denied('IncompleteSignatureException', `${incomplete}Authorization=${header}`);

  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) {
    return denied('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  if (signedAt < now - MAX_SKEW_MS) {
    return denied('InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`);
  }
  if (signedAt > now + MAX_SKEW_MS) {
    return denied('InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`);
  }
  const signedHeaders = params.SignedHeaders;
  if (!signedHeaders.toLowerCase().split(';').includes('host')) {
    return denied('InvalidSignatureException', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (algorithm !== ALGORITHM) {
    return denied('IncompleteSignatureException', `Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `);
  }
  const credential = params.Credential.replace(/\/+$/, '');
  const scope = credential.split('/');
  if (scope.length !== 5) {
    return denied('IncompleteSignatureException',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, date, region, service, terminator] = scope;
  const scopeProblems = [];
  // Any region is accepted: a local endpoint has none of its own, and clients must name one.
  if (region === '') scopeProblems.push("Credential should be scoped to a valid region, not ''.");
  if (service !== SERVICE) scopeProblems.push(`Credential should be scoped to correct service: '${SERVICE}'.`);
  if (terminator !== 'aws4_request') scopeProblems.push(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`);
  if (date !== amzDate.slice(0, 8)) {
    scopeProblems.push(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  if (scopeProblems.length) return denied('InvalidSignatureException', scopeProblems.join(' '));

  const secret = secrets.get(accessKeyId);
  if (secret === undefined) return denied('UnrecognizedClientException', UNRECOGNIZED);
  const canonical = canonicalRequest({
    method: request.method, path, query, rawHeaders: request.rawHeaders, signedHeaders, body,
  });
  const expected = signatureOf(signingKey(secret, date, region, service), stringToSign(amzDate, scope.slice(1).join('/'), canonical));
  if (!sameSignature(expected, params.Signature)) return denied('InvalidSignatureException', MISMATCH);
  // Session tokens are never issued here, so a request carrying one cannot be valid.
  if (request.headers['x-amz-security-token'] !== undefined) {
    return denied('UnrecognizedClientException', 'The security token included in the request is invalid');
  }
  return null;
}

// X-Amz-Date as sent, or the Date header (RFC 1123) in the same basic format; undefined if neither.
function amzDateOf(headers) {
  if (headers['x-amz-date'] !== undefined) return headers['x-amz-date'];
  if (headers.date === undefined) return undefined;
  const time = Date.parse(headers.date);
  return Number.isNaN(time) ? headers.date : formatAmzDate(time);
}

function decodeName(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
