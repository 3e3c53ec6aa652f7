// Export a table to DynamoDB JSON lines (one `{"Item": {...}}` per line, the format of
// DynamoDB's export to S3) and import such a file, in chunks that keep the page responsive.
import { writeInBatches } from './batch-writer.js';
import { yieldToEventLoop } from './dom.js';
import { toJsonSafe } from './values.js';

const EXPORT_PAGE = 500;
const PARSE_CHUNK = 1000;

/**
 * Reads a whole table a page at a time.
 * @returns {Promise<string>} the JSON lines text
 */
export async function exportTable(db, table, { onProgress } = {}) {
  const lines = [];
  let start;
  do {
    const page = await db.scan({ TableName: table, Limit: EXPORT_PAGE, ExclusiveStartKey: start });
    for (const item of page.Items) lines.push(JSON.stringify({ Item: toJsonSafe(item) }));
    start = page.LastEvaluatedKey;
    onProgress?.(lines.length);
    await yieldToEventLoop();
  } while (start);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/**
 * Parses DynamoDB JSON lines: each line `{"Item": {...}}` or a bare item map; blank lines skipped.
 * Errors name the line.
 * @returns {Promise<object[]>}
 */
export async function parseJsonLines(text) {
  const items = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i].trim();
    if (line !== '') {
      let value;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw Object.assign(new Error(`Line ${i + 1} is not valid JSON: ${error.message}`), { name: 'InvalidJSON' });
      }
      const item = value && typeof value === 'object' && value.Item && typeof value.Item === 'object' ? value.Item : value;
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        throw Object.assign(new Error(`Line ${i + 1} is not an item in DynamoDB JSON`), { name: 'InvalidJSON' });
      }
      items.push(item);
    }
    if (i % PARSE_CHUNK === PARSE_CHUNK - 1) await yieldToEventLoop();
  }
  return items;
}

/** Imports parsed items with BatchWriteItem, 25 at a time. */
export function importItems(db, table, items, { onProgress } = {}) {
  return writeInBatches(db, table, items, { onProgress });
}
