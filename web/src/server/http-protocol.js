// DynamoDB's JSON 1.0 protocol over Node's http: POST / with X-Amz-Target and a JSON body in,
// the engine's response body out with DynamoDB's status and headers (x-amzn-RequestId,
// x-amz-crc32). What DynamoDB answers to anything else (recorded by dynalite, which mimics it):
// GET is a health check, another method or a non-JSON content type is a 404 with an XML body,
// a body over 16 MB is a 413. Before any of that, the Host and Origin checks (access.js).
import { StorageError } from '../errors.js';
import {
  errorResponse, executeBody, notUtf8Body, operationOfTarget, signedRegion, statusOf, utf8OrNull,
} from '../http-exchange.js';
import { newMetadata } from '../metadata.js';
import { operationInfo } from '../protocol.js';
import { corsPolicy, hostProblem } from './access.js';
import { authError, secretsOf } from './auth.js';
import { COMPRESS_AT_BYTES, decodeRequestBody, encodeResponseBody, responseCoding } from './content-coding.js';
import { crc32 } from './crc32.js';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** How long a request's body may take to arrive, from its headers to its last byte. */
export const BODY_TIMEOUT_MS = 60_000;
// Past the limit, this much more of a body is read and dropped before the 413 is sent, so the
// client is not still sending when the connection closes (it would see a reset, not the 413).
// A body declared or sent beyond that gets the 413 at once.
const DISCARD_BYTES = 64 * 1024 * 1024;

const JSON_TYPES = new Set(['application/x-amz-json-1.0', 'application/json']);
const AMZ_JSON = 'application/x-amz-json-1.0';
const HEALTHY = 'healthy: dynamodb.us-east-1.amazonaws.com ';
const NOT_DYNAMODB = '<UnknownOperationException/>\n';
// Fatal: invalid UTF-8 is an error, never U+FFFD (two different keys would become one).
// ignoreBOM keeps a leading BOM in the text, where JSON.parse refuses it as DynamoDB does.

/**
 * The `(request, response)` listener for http.createServer.
 * @param {{ execute: (operation: string, body: string) => Promise<{ ok: boolean, body: string }>,
 *           credentials?: Iterable<{ accessKeyId: string, secretAccessKey: string }>,
 *           corsOrigins?: Iterable<string>, allowHosts?: Iterable<string>, boundName?: string,
 *           maxBodyBytes?: number, bodyTimeoutMs?: number, onError?: (error: Error) => void }} options
 */
export function dynamoDBListener({
  execute, credentials, corsOrigins = [], allowHosts = [], boundName, maxBodyBytes = MAX_BODY_BYTES,
  bodyTimeoutMs = BODY_TIMEOUT_MS, onError = () => {}, accessKeyIds,
}) {
  if (accessKeyIds !== undefined) {
    throw new TypeError('pocketdynamo server: accessKeyIds is no longer accepted (it checked the key id, never the signature); '
      + 'pass credentials: [{ accessKeyId, secretAccessKey }] to require signed requests');
  }
  if (!(bodyTimeoutMs > 0)) throw new TypeError('pocketdynamo server: bodyTimeoutMs must be a positive number of milliseconds');
  const context = {
    execute,
    maxBodyBytes,
    onError,
    secrets: credentials === undefined ? undefined : secretsOf(credentials),
    cors: corsPolicy(corsOrigins),
    hostRules: { boundName, allowHosts: new Set([...allowHosts].map((name) => name.toLowerCase())) },
  };
  return (request, response) => {
    request.on('error', () => {}); // the client went away mid-body: nothing to answer
    readBody(request, { maxBodyBytes, bodyTimeoutMs }, (outcome) => {
      if (outcome === 'aborted') return;
      if (outcome === 'too large') {
        send(context, request, response, 413, '', 'text/plain', { Connection: 'close' });
        return;
      }
      if (outcome === 'timed out') {
        const message = `The request body did not arrive within ${bodyTimeoutMs / 1000} s; the request was not run`;
        send(context, request, response, 408, errorResponse('RequestTimeoutException', message).body, AMZ_JSON, { Connection: 'close' });
        return;
      }
      respond(context, request, response, outcome).catch((error) => {
        onError(error);
        if (!response.headersSent) {
          send(context, request, response, 500, errorResponse('InternalServerError', internalErrorMessage(error)).body, AMZ_JSON);
        } else {
          response.destroy();
        }
      });
    });
  };
}

/**
 * Reads a body of at most `maxBodyBytes` within `bodyTimeoutMs`; calls `done` once with the
 * bytes, 'too large', 'timed out', or 'aborted' (the client left).
 */
function readBody(request, { maxBodyBytes, bodyTimeoutMs }, done) {
  const chunks = [];
  let size = 0;
  let finished = false;
  const finish = (outcome) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    chunks.length = 0;
    done(outcome);
  };
  const timer = setTimeout(() => finish(size > maxBodyBytes ? 'too large' : 'timed out'), bodyTimeoutMs);
  timer.unref?.();
  if (Number(request.headers['content-length']) > maxBodyBytes + DISCARD_BYTES) {
    finish('too large');
    return;
  }
  request.on('data', (chunk) => {
    if (finished) return;
    size += chunk.length;
    if (size > maxBodyBytes + DISCARD_BYTES) finish('too large');
    else if (size > maxBodyBytes) chunks.length = 0; // over the limit: read on, keep nothing
    else chunks.push(chunk);
  });
  request.on('end', () => finish(size > maxBodyBytes ? 'too large' : Buffer.concat(chunks, size)));
  request.on('close', () => finish('aborted'));
}

async function respond(context, request, response, received) {
  const { execute, secrets, cors, hostRules } = context;
  const refused = hostProblem(request, hostRules) || cors.originProblem(request);
  if (refused) {
    send(context, request, response, 403, errorResponse('AccessDeniedException', refused).body, AMZ_JSON);
    return;
  }
  const preflight = cors.preflight(request);
  if (preflight) {
    send(context, request, response, 200, '', 'text/plain', preflight);
    return;
  }
  if (request.method === 'GET') {
    send(context, request, response, 200, HEALTHY, 'text/plain');
    return;
  }
  const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (request.method !== 'POST' || (received.length > 0 && !JSON_TYPES.has(contentType))) {
    send(context, request, response, 404, NOT_DYNAMODB, 'text/xml');
    return;
  }
  const replyType = contentType === 'application/json' ? 'application/json' : AMZ_JSON;
  const operation = operationOfTarget(request.headers['x-amz-target']);
  // The signature covers the body as sent; the engine reads it decoded.
  const decoded = decodeRequestBody(request.headers['content-encoding'], received, context.maxBodyBytes);
  if (decoded.tooLarge) {
    send(context, request, response, 413, '', 'text/plain');
    return;
  }
  if (decoded.error) { // DynamoDB answers a body it cannot decode with a 500, once signed right
    const denied = authError(request, received, secrets);
    const answer = denied ? errorResponse(denied.name, denied.message) : errorResponse('InternalServerError', decoded.error);
    send(context, request, response, statusOf(answer), answer.body, replyType);
    return;
  }
  const text = utf8OrNull(decoded.bytes);
  if (text === null) { // a SerializationException, before the signature is looked at
    send(context, request, response, 400, notUtf8Body().body, replyType);
    return;
  }
  const denied = authError(request, received, secrets);
  const answer = denied
    ? (await errorBeforeAuth(execute, operation, text)) ?? errorResponse(denied.name, denied.message)
    : await executeBody(execute, operation, text, signedRegion(request.headers.authorization));
  send(context, request, response, statusOf(answer), answer.body, replyType);
}

// DynamoDB rejects a malformed body or an unknown operation before it looks at the signature.
// The engine has those texts: ask it with no operation name, which can never change data.
async function errorBeforeAuth(execute, operation, text) {
  let malformed = false;
  if (text !== '') {
    try {
      JSON.parse(text);
    } catch {
      malformed = true;
    }
  }
  return malformed || operationInfo(operation) === undefined ? executeBody(execute, '', text) : undefined;
}

// A failure of the storage is said as such: DynamoDB has no "disk full" error, and SDKs retry an
// InternalServerError with backoff, so clients recover once space is freed.
function internalErrorMessage(error) {
  if (error?.name === 'StorageQuotaExceededError') {
    return `Storage is full: the write was not applied (free some space and retry). ${error.message}`;
  }
  if (error instanceof StorageError || error?.name === 'StorageError') return `Storage failed: the request was not applied. ${error.message}`;
  return 'Internal server error';
}

// DynamoDB's headers; a body of 4 KB or more is compressed when the client accepts it, and
// x-amz-crc32 is over the bytes sent.
function send({ cors }, request, response, status, text, contentType, extraHeaders = {}) {
  let bytes = Buffer.from(text, 'utf8');
  const coding = bytes.length >= COMPRESS_AT_BYTES ? responseCoding(request.headers['accept-encoding']) : null;
  if (coding) bytes = encodeResponseBody(coding, bytes);
  response.writeHead(status, {
    ...cors.headers(request),
    ...extraHeaders,
    Server: 'Server',
    'x-amzn-RequestId': newMetadata().requestId,
    'x-amz-crc32': String(crc32(bytes)),
    'Content-Type': contentType,
    'Content-Length': bytes.length,
    ...(coding ? { 'Content-Encoding': coding } : {}),
  });
  response.end(bytes);
}
