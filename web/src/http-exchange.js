// What both HTTP front ends (the Node server in server/ and the SDK request handler) share: the
// operation named by X-Amz-Target, running a body on the engine, and DynamoDB's HTTP status for
// the response body. No Node or AWS import: the request handler runs in browsers too.
import { DynamoDBServiceException } from './errors.js';

const TARGET_PREFIX = 'DynamoDB_20120810.';
// The DynamoDB Streams API (@aws-sdk/client-dynamodb-streams) has a target prefix of its own.
const STREAMS_PREFIX = 'DynamoDBStreams_20120810.';
const STREAMS_OPERATIONS = new Set(['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords']);
const PRIVATE_PREFIX = 'PocketDynamo_';

/**
 * 'DynamoDB_20120810.PutItem' -> 'PutItem', 'DynamoDBStreams_20120810.GetRecords' -> 'GetRecords'.
 * Anything else (no header, another API version) -> '', which the engine answers with
 * UnknownOperationException (or SerializationException for a malformed body, which DynamoDB
 * checks first).
 */
export function operationOfTarget(target) {
  if (typeof target !== 'string') return '';
  if (target.startsWith(STREAMS_PREFIX)) {
    const operation = target.slice(STREAMS_PREFIX.length);
    return STREAMS_OPERATIONS.has(operation) ? operation : '';
  }
  if (!target.startsWith(TARGET_PREFIX)) return '';
  const operation = target.slice(TARGET_PREFIX.length);
  // The engine's own operations (PocketDynamo_SweepExpiredItems, ...) are not DynamoDB's API.
  return operation.startsWith(PRIVATE_PREFIX) ? '' : operation;
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
export const notUtf8Body = () => errorBodyText('SerializationException', 'The request body is not valid UTF-8');

/**
 * Runs `execute(operation, bodyText)` and returns the response body text. A DynamoDB error thrown
 * in JS before the engine (a body the engine cannot take intact) becomes its error body.
 */
export async function executeBody(execute, operation, bodyText) {
  try {
    return await execute(operation, bodyText);
  } catch (error) {
    if (!(error instanceof DynamoDBServiceException)) throw error;
    return errorBodyText(error.name, error.message);
  }
}

// DynamoDB's namespace for each exception in `__type`.
const NAMESPACES = {
  ValidationException: 'com.amazon.coral.validate',
  SerializationException: 'com.amazon.coral.service',
  UnknownOperationException: 'com.amazon.coral.service',
  MissingAuthenticationTokenException: 'com.amazon.coral.service',
  UnrecognizedClientException: 'com.amazon.coral.service',
  IncompleteSignatureException: 'com.amazon.coral.service',
  InvalidSignatureException: 'com.amazon.coral.service',
  AccessDeniedException: 'com.amazon.coral.service',
  RequestTimeoutException: 'com.amazon.coral.service',
};

/** A DynamoDB error body: {"__type":"namespace#Name","message":"..."}. */
export function errorBodyText(name, message) {
  const namespace = NAMESPACES[name] ?? 'com.amazonaws.dynamodb.v20120810';
  return JSON.stringify(message === undefined ? { __type: `${namespace}#${name}` } : { __type: `${namespace}#${name}`, message });
}

// Errors DynamoDB answers with a 5xx status; every other error is the client's (400).
const SERVER_ERRORS = { InternalServerError: 500, ServiceUnavailable: 503 };

/** The HTTP status DynamoDB sends with this response body: 200, 400 or 5xx. */
export function statusOfBody(text) {
  // Only an error body has "__type" at its top level; an item may have an attribute of that name.
  if (!text.includes('"__type"')) return 200;
  const type = JSON.parse(text).__type;
  if (typeof type !== 'string') return 200;
  return SERVER_ERRORS[type.slice(type.indexOf('#') + 1)] ?? 400;
}
