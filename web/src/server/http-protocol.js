// DynamoDB's JSON 1.0 protocol over Node's http: POST / with X-Amz-Target and a JSON body in,
// the engine's response body out with DynamoDB's status and headers (x-amzn-RequestId,
// x-amz-crc32). What DynamoDB answers to anything else (recorded by dynalite, which mimics it):
// GET is a health check, another method or a non-JSON content type is a 404 with an XML body,
// a body over 16 MB is a 413. Before any of that, the Host and Origin checks (access.js).
import { errorBodyText, executeBody, operationOfTarget, statusOfBody } from '../http-exchange.js';
import { newMetadata } from '../metadata.js';
import { OPERATIONS } from '../operations.js';
import { corsPolicy, hostProblem } from './access.js';
import { authError, secretsOf } from './auth.js';
import { crc32 } from './crc32.js';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const JSON_TYPES = new Set(['application/x-amz-json-1.0', 'application/json']);
const AMZ_JSON = 'application/x-amz-json-1.0';
const HEALTHY = 'healthy: dynamodb.us-east-1.amazonaws.com ';
const NOT_DYNAMODB = '<UnknownOperationException/>\n';

/**
 * The `(request, response)` listener for http.createServer.
 * @param {{ execute: (operation: string, body: string) => Promise<string>,
 *           credentials?: Iterable<{ accessKeyId: string, secretAccessKey: string }>,
 *           corsOrigins?: Iterable<string>, allowHosts?: Iterable<string>, boundName?: string,
 *           maxBodyBytes?: number, onError?: (error: Error) => void }} options
 */
export function dynamoDBListener({
  execute, credentials, corsOrigins = [], allowHosts = [], boundName, maxBodyBytes = MAX_BODY_BYTES, onError = () => {}, accessKeyIds,
}) {
  if (accessKeyIds !== undefined) {
    throw new TypeError('pocketdynamo server: accessKeyIds is no longer accepted (it checked the key id, never the signature); '
      + 'pass credentials: [{ accessKeyId, secretAccessKey }] to require signed requests');
  }
  const exchange = {
    execute,
    onError,
    secrets: credentials === undefined ? undefined : secretsOf(credentials),
    cors: corsPolicy(corsOrigins),
    hostRules: { boundName, allowHosts: new Set([...allowHosts].map((name) => name.toLowerCase())) },
  };
  return (request, response) => {
    request.on('error', () => {}); // the client went away mid-body: nothing to answer
    if (Number(request.headers['content-length']) > maxBodyBytes) {
      tooLarge(exchange, request, response);
      return;
    }
    const chunks = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        tooLarge(exchange, request, response);
      } else {
        chunks.push(chunk);
      }
    });
    request.on('end', () => {
      if (refused) return;
      respond(exchange, request, response, Buffer.concat(chunks, size)).catch((error) => {
        onError(error);
        if (!response.headersSent) {
          send(exchange, request, response, 500, errorBodyText('InternalServerError', 'Internal server error'), AMZ_JSON);
        } else {
          response.destroy();
        }
      });
    });
  };
}

async function respond(exchange, request, response, bytes) {
  const { execute, secrets, cors, hostRules } = exchange;
  const refused = hostProblem(request, hostRules) || cors.originProblem(request);
  if (refused) {
    send(exchange, request, response, 403, errorBodyText('AccessDeniedException', refused), AMZ_JSON);
    return;
  }
  const preflight = cors.preflight(request);
  if (preflight) {
    send(exchange, request, response, 200, '', 'text/plain', preflight);
    return;
  }
  if (request.method === 'GET') {
    send(exchange, request, response, 200, HEALTHY, 'text/plain');
    return;
  }
  const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (request.method !== 'POST' || (bytes.length > 0 && !JSON_TYPES.has(contentType))) {
    send(exchange, request, response, 404, NOT_DYNAMODB, 'text/xml');
    return;
  }
  const operation = operationOfTarget(request.headers['x-amz-target']);
  const text = bytes.toString('utf8');
  const denied = authError(request, bytes, secrets);
  const body = denied
    ? (await errorBeforeAuth(execute, operation, text)) ?? errorBodyText(denied.name, denied.message)
    : await executeBody(execute, operation, text);
  send(exchange, request, response, statusOfBody(body), body, contentType === 'application/json' ? 'application/json' : AMZ_JSON);
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
  return malformed || !OPERATIONS.includes(operation) ? executeBody(execute, '', text) : undefined;
}

function send({ cors }, request, response, status, text, contentType, extraHeaders = {}) {
  const bytes = Buffer.from(text, 'utf8');
  response.writeHead(status, {
    ...cors.headers(request),
    ...extraHeaders,
    'x-amzn-RequestId': newMetadata().requestId,
    'x-amz-crc32': String(crc32(bytes)),
    'Content-Type': contentType,
    'Content-Length': bytes.length,
  });
  response.end(bytes);
}

// Stop reading, answer, and close the connection (the rest of the body is discarded unread).
function tooLarge(exchange, request, response) {
  send(exchange, request, response, 413, '', 'text/plain', { Connection: 'close' });
  request.resume();
}
