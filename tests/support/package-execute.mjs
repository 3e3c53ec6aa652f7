// An `execute(operation, body) -> responseText` for tests/support/cases.mjs that goes through the
// pocketdynamo package's public path: the body becomes a low-level command sent with db.send(),
// and the SDK-shaped result (Uint8Array binaries, Date timestamps, exception objects) is turned
// back into a wire body. Bodies that are not a JSON object (malformed on purpose) and unknown
// operation names go to the engine as raw text through the package's internal test hook.
// No Node module: headless Chromium pages use it too (tests/browser/worker-cases.test.mjs).
import * as client from 'pocketdynamo/client';
import { executeRawBody } from '../../web/src/internal.js';
import { bytesToBase64 } from '../../web/src/base64.js';

// JSON.stringify calls Date.prototype.toJSON before a replacer sees the value: look at this[key].
function toWire(key, value) {
  const original = this[key];
  if (original instanceof Uint8Array) return bytesToBase64(original);
  if (original instanceof Date) return original.getTime() / 1000;
  return value;
}

export function packageExecute(db) {
  return async (operation, body) => {
    const Command = client[`${operation}Command`];
    let input;
    try {
      input = JSON.parse(body);
    } catch {
      return executeRawBody(db, operation, body);
    }
    if (!Command || input === null || typeof input !== 'object' || Array.isArray(input)) {
      return executeRawBody(db, operation, body);
    }
    try {
      const { $metadata, ...output } = await db.send(new Command(input));
      if ($metadata?.httpStatusCode !== 200) throw new Error(`bad $metadata ${JSON.stringify($metadata)}`);
      return JSON.stringify(output, toWire);
    } catch (error) {
      if (!(error instanceof client.DynamoDBServiceException)) throw error;
      // The engine's error bodies without a message become 'UnknownError', as in the SDK.
      const message = error.message === 'UnknownError' ? undefined : error.message;
      // Members the SDK copies onto the error (CancellationReasons, Item) go back into the body.
      const { name, $fault, $metadata, ...members } = error;
      return JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${name}`, message, ...members }, toWire);
    }
  };
}
