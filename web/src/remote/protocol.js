// The message protocol shared by tabs (one tab serves the others over a BroadcastChannel) and
// worker mode (a dedicated Worker serves its page). A request is an operation name and a JSON
// body text; a response is a body text and an ok flag. DynamoDB's own errors travel inside an ok
// response as an error body, exactly as on the wire; ok: false carries a thrown error (StorageError,
// DatabaseClosedError, TypeError, ...) as { name, message, ... }, rebuilt here into the same class.
//
// Messages (plain objects; `from`/`to` are link ids, used by tabs only):
//   { t: 'req', id, from, to, op, body, relaxed }      a request
//   { t: 'res', id, from, to, ok, body, retry? }       its response; retry: the server was closing
//                                                      and did not apply it, send it to the next one
//   { t: 'rec', sub, from, to, record }                a stream record for subscription `sub`
//   { t: 'end', sub, from, to, error? }                a subscription ended (with an error body)
//   { t: 'hello', from } / { t: 'owner', id, report }  tabs: who serves the database
//   { t: 'bye', from }                                 tabs: a client closed (its subscriptions go)
import {
  DatabaseClosedError, DatabaseLockedError, DynamoDBServiceException, StorageError,
  StorageQuotaExceededError, exceptionClass,
} from '../errors.js';

/** Operations of the protocol itself (not engine operations), with a JSON body. */
export const CONTROL = Object.freeze({
  open: '$open', close: '$close', flush: '$flush', storageInfo: '$storageInfo', acknowledge: '$acknowledgeRecoveryProblems',
  subscribe: '$subscribe', unsubscribe: '$unsubscribe',
});

const PACKAGE_ERRORS = new Map([
  ['StorageError', StorageError],
  ['StorageQuotaExceededError', StorageQuotaExceededError],
  ['DatabaseLockedError', DatabaseLockedError],
  ['DatabaseClosedError', DatabaseClosedError],
  ['TypeError', TypeError],
  ['RangeError', RangeError],
]);

/** A thrown error -> the body text of an ok: false response. */
export function errorText(error) {
  if (!(error instanceof Error)) return JSON.stringify({ name: 'Error', message: String(error) });
  const members = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== '$metadata' && key !== 'name' && key !== 'message') members[key] = value;
  }
  const cause = error.cause instanceof Error ? { name: error.cause.name, message: error.cause.message } : undefined;
  return JSON.stringify({ name: error.name, message: error.message, members, cause });
}

/** The body text of an ok: false response -> an error of the class that was thrown. */
export function errorFromText(text) {
  const { name, message, members = {}, cause } = JSON.parse(text);
  let error;
  const Exception = exceptionClass(name);
  if (Exception) error = new Exception({ message });
  else if (members.$fault) error = new DynamoDBServiceException({ name, message });
  else {
    const Class = PACKAGE_ERRORS.get(name) ?? Error;
    error = Class === DatabaseClosedError || Class === DatabaseLockedError ? new Class('') : new Class(message);
    error.message = message;
    if (error.name !== name) error.name = name;
  }
  if (cause) error.cause = Object.assign(new Error(cause.message), { name: cause.name });
  for (const [key, value] of Object.entries(members)) error[key] = value;
  return error;
}
