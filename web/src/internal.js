// Test hooks, outside the package's exports map and types: not public API.
import { executeRaw, requestObserver } from './database.js';

/** Sends a raw request body to the database's engine and returns the raw response text. */
export const executeRawBody = async (db, operation, bodyText) => (await db[executeRaw](operation, bodyText)).body;

/** Calls `observer(operation, bodyText)` with every request body the database sends to its engine. */
export function observeRequests(db, observer) {
  db[requestObserver] = observer;
}
