// Which web pages and which host names may reach the endpoint: the Host check against DNS
// rebinding, and CORS (off unless origins are allowed). Both are browser threats: any program on
// the machine can reach a loopback port anyway, and only credentials stop that.
import net from 'node:net';

/** The request headers a DynamoDB SDK sends from a browser (the preflight allows these only). */
export const ALLOWED_HEADERS = [
  'authorization', 'content-type', 'x-amz-date', 'x-amz-target', 'x-amz-security-token', 'x-amz-content-sha256',
  'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request',
];
const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amz-crc32';
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `::ffff:127.0.0.1` -> `127.0.0.1`; IPv6 in brackets, as it is written in a Host header. */
function hostLiteral(address) {
  const plain = address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
  return net.isIPv6(plain) ? `[${plain.toLowerCase()}]` : plain.toLowerCase();
}

export function isLoopback(address) {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return (net.isIPv4(plain) && plain.startsWith('127.')) || plain === '::1' || plain === 'localhost';
}

/**
 * The Host check. A browser tricked by DNS rebinding sends the attacker's name in Host
 * (`evil.example:8000`), so only names this endpoint really serves are accepted, at its port:
 * the address the connection arrived at (an IP literal cannot be rebound), `localhost`,
 * `127.0.0.1` and `[::1]` on a loopback connection, and `boundName` (a name given to --host).
 * `allowHosts` (--allow-host) are accepted at any port (behind a proxy or a port mapping the
 * port the client used is not ours). A request without Host (HTTP/1.0) is not a browser's.
 * @param {{ boundName?: string, allowHosts: Set<string> }} rules
 * @returns {string} why the request is refused, or '' to accept it
 */
export function hostProblem(request, { boundName, allowHosts }) {
  const host = request.headers.host;
  if (host === undefined) return '';
  const { name, port } = splitHost(host.trim().toLowerCase());
  if (allowHosts.has(name)) return '';
  const socket = request.socket;
  const ourPort = String(socket.localPort);
  if (port === ourPort || (port === '' && ourPort === '80')) {
    const local = socket.localAddress ?? '';
    if (name === hostLiteral(local)) return '';
    if (isLoopback(local) && LOOPBACK_NAMES.includes(name)) return '';
    if (boundName && name === boundName.toLowerCase()) return '';
  }
  return `Host header '${host}' is not a name this endpoint serves (refused against DNS rebinding); `
    + `call it by its address, or start it with --allow-host ${name || 'NAME'}`;
}

function splitHost(host) {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host);
  return match ? { name: match[1], port: match[2] ?? '' } : { name: host, port: '' };
}

/**
 * CORS. `origins` is the allowed set (may hold '*'); empty means CORS is off: no header, no
 * preflight, and a request from a page of any origin is refused.
 */
export function corsPolicy(origins) {
  // Browsers send origins in lower case; the header is echoed back as the page sent it.
  const allowed = new Set([...origins].map((origin) => origin.toLowerCase()));
  const anyOrigin = allowed.has('*');
  const allows = (origin) => origin !== undefined && (anyOrigin || allowed.has(origin.toLowerCase()));
  return {
    /** The Access-Control-* headers for a response to this request ({} when none apply). */
    headers(request) {
      const origin = request.headers.origin;
      if (!allows(origin)) return {};
      return anyOrigin
        ? { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS }
        : { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' };
    },
    /** The headers of the answer to a preflight, or null when it gets none. */
    preflight(request) {
      if (request.method !== 'OPTIONS' || !allows(request.headers.origin) || !request.headers['access-control-request-method']) return null;
      return {
        ...this.headers(request),
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
        'Access-Control-Max-Age': '7200',
      };
    },
    /** Why a request sent by a page is refused ('' when it is not from a page, or allowed). */
    originProblem(request) {
      const origin = request.headers.origin;
      if (origin === undefined || allows(origin)) return '';
      return `Origin '${origin}' may not call this endpoint (CORS is ${allowed.size ? 'limited to --cors-origin' : 'off'}); `
        + `start it with --cors-origin ${origin} to allow that page`;
    },
  };
}
