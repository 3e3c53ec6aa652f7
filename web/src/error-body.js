// Error bodies from the engine -> the matching exception objects.
import { DynamoDBServiceException, exceptionClass } from './errors.js';
import { newMetadata } from './metadata.js';
import { parseBody } from './wire.js';

/**
 * Builds the error for a DynamoDB error body ({ __type: 'namespace#Name', message, ...members }).
 * Members other than the message (Item, CancellationReasons, ...) are copied onto the error, as the
 * SDK does; a name without a class of its own gets the base class with that name.
 */
export function errorFromBody(body, $metadata) {
  const name = String(body.__type).slice(String(body.__type).indexOf('#') + 1);
  const message = body.message ?? body.Message ?? 'UnknownError';
  const Exception = exceptionClass(name);
  const error = Exception
    ? new Exception({ message, $metadata })
    : new DynamoDBServiceException({ name, message, $metadata });
  for (const [key, value] of Object.entries(body)) {
    if (key !== '__type' && key !== 'message' && key !== 'Message' && value != null) error[key] = value;
  }
  return error;
}

/** The HTTP status DynamoDB would have answered with, for `$metadata`. */
export const statusCodeOf = (error) => (error.$fault === 'server' ? 500 : 400);

/** The parsed body of an engine response ({ ok, body }), or throws the DynamoDB error it carries. */
export function bodyOrThrow(response, $metadata = newMetadata()) {
  const body = parseBody(response.body);
  if (response.ok) return body;
  const error = errorFromBody(body, $metadata);
  $metadata.httpStatusCode = statusCodeOf(error);
  throw error;
}
