// Writes many items with BatchWriteItem, 25 at a time (DynamoDB's limit), yielding to the event
// loop between batches so that the page stays responsive, and reporting progress.
import { yieldToEventLoop } from './dom.js';

export const BATCH_SIZE = 25;

/**
 * @param {object} db an open PocketDynamo database
 * @param {string} table
 * @param {Iterable<object>} items AttributeValue maps
 * @param {{ onProgress?: (written: number) => void, signal?: AbortSignal }} [options]
 * @returns {Promise<number>} items written
 */
export async function writeInBatches(db, table, items, { onProgress, signal } = {}) {
  let written = 0;
  let batch = [];
  const flush = async () => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    batch = [];
    // UnprocessedItems are sent again, as the SDK documentation asks of callers.
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      const output = await db.batchWriteItem({ RequestItems: { [table]: requests } });
      const left = output.UnprocessedItems?.[table] ?? [];
      written += requests.length - left.length;
      requests = left;
      if (attempt > 10 && left.length > 0) throw new Error(`${left.length} items stayed unprocessed`);
    }
    onProgress?.(written);
    await yieldToEventLoop();
  };
  for (const item of items) {
    signal?.throwIfAborted();
    batch.push(item);
    if (batch.length === BATCH_SIZE) await flush();
  }
  if (batch.length > 0) await flush();
  return written;
}
