// What both HTTP front ends (the Node server in server/ and the SDK request handler) share: the
// operation named by X-Amz-Target, running a body on the engine, and DynamoDB's HTTP status for
// the response body. No Node or AWS import: the request handler runs in browsers too.
import { DynamoDBServiceException } from './errors.js';
import { errorKind, operationInfo } from './protocol.js';

const TARGET_PREFIXES = { DynamoDB: 'DynamoDB_20120810.', DynamoDBStreams: 'DynamoDBStreams_20120810.' };

/**
 * 'DynamoDB_20120810.PutItem' -> 'PutItem', 'DynamoDBStreams_20120810.GetRecords' -> 'GetRecords'.
 * Anything else (no header, another API version, an operation under the other API's prefix, as
 * DynamoDB answers Streams operations only under their own, the engine's own operations) -> '', which the engine answers with
 * UnknownOperationException (or SerializationException for a malformed body, which DynamoDB
 * checks first).
 */
export function operationOfTarget(target) {
  if (typeof target !== 'string') return '';
  if (target.startsWith(TARGET_PREFIXES.DynamoDBStreams)) {
    const operation = target.slice(TARGET_PREFIXES.DynamoDBStreams.length);
    return operationInfo(operation)?.api === 'DynamoDBStreams' ? operation : '';
  }
  if (!target.startsWith(TARGET_PREFIXES.DynamoDB)) return '';
  const operation = target.slice(TARGET_PREFIXES.DynamoDB.length);
  const api = operationInfo(operation)?.api;
  return api === 'PocketDynamo' || api === 'DynamoDBStreams' ? '' : operation;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A request body's bytes as text, or null when they are not UTF-8: such a body is never read
 * with replacement characters, which could make two different keys one.
 */
export function utf8OrNull(bytes) {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** What DynamoDB answers to a body it cannot read as UTF-8 text (it cannot parse it either). */
export const notUtf8Body = () => errorResponse('SerializationException', 'The request body is not valid UTF-8');

/**
 * Runs `execute(operation, bodyText, region)` and returns its response, { ok, body }. A DynamoDB error
 * thrown in JS before the engine (a body the engine cannot take intact) becomes its error body.
 */
export async function executeBody(execute, operation, bodyText, region) {
  try {
    return await execute(operation, bodyText, region);
  } catch (error) {
    if (!(error instanceof DynamoDBServiceException)) throw error;
    return errorResponse(error.name, error.message);
  }
}

/** A DynamoDB error response: { ok: false, body: '{"__type":"namespace#Name","message":"..."}' }. */
export function errorResponse(name, message) {
  const { namespace, messageKey } = errorKind(name);
  const body = { __type: `${namespace}#${name}` };
  if (message !== undefined) body[messageKey] = message;
  return { ok: false, body: JSON.stringify(body) };
}

/** The HTTP status DynamoDB sends with a response: 200, or the error type's 400 or 5xx. */
export function statusOf(response) {
  if (response.ok) return 200;
  const type = JSON.parse(response.body).__type;
  return errorKind(String(type).slice(String(type).indexOf('#') + 1)).status;
}

/**
 * The region of a SigV4 Authorization header's credential scope (Credential=id/date/region/...),
 * or undefined when there is none: requests are answered for the region they were signed for.
 */
export function signedRegion(authorization) {
  if (typeof authorization !== 'string') return undefined;
  const match = /Credential=[^/,\s]*\/[^/,\s]*\/([^/,\s]+)\//.exec(authorization);
  return match ? match[1] : undefined;
}
