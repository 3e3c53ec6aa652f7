// db.sync() options, checked once, up front; the result is what the rest of sync reads.
import { remoteCaller } from './remote-call.js';

const POLICIES = ['remote-wins', 'local-wins'];

/**
 * @typedef {{ remote: object, commands?: object, tables: Record<string, TableSync>,
 *   conflict?: 'remote-wins' | 'local-wins' | Function, pushBatch?: number, intervalMs?: number,
 *   retry?: { attempts?: number, baseMs?: number, maxMs?: number } }} SyncOptions
 * @typedef {{ remoteTable?: string, version: string, marker?: string, tombstone?: string,
 *   pull?: 'table' | false | { partitions: unknown[] } | { queries: object[] },
 *   stream?: { client: object, streamArn?: string } }} TableSync
 */
export function readSyncOptions(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('db.sync: options must be an object');
  const { remote, commands, tables, conflict = 'remote-wins', pushBatch = 25, intervalMs = 30_000, retry = {} } = options;
  const call = remoteCaller(remote, commands);
  if (tables === null || typeof tables !== 'object' || Object.keys(tables).length === 0) {
    throw new TypeError('db.sync: tables must map at least one local table name to its settings');
  }
  if (typeof conflict !== 'function' && !POLICIES.includes(conflict)) {
    throw new TypeError(`db.sync: conflict must be 'remote-wins', 'local-wins' or a function, not ${JSON.stringify(conflict)}`);
  }
  if (!Number.isInteger(pushBatch) || pushBatch < 1 || pushBatch > 100) throw new TypeError('db.sync: pushBatch must be an integer from 1 to 100');
  if (!(intervalMs > 0)) throw new TypeError('db.sync: intervalMs must be a positive number');
  const tableSettings = new Map(Object.entries(tables).map(([name, settings]) => [name, readTable(name, settings)]));
  return {
    call, tables: tableSettings, conflict, pushBatch, intervalMs,
    retry: { attempts: retry.attempts ?? 5, baseMs: retry.baseMs ?? 200, maxMs: retry.maxMs ?? 60_000 },
  };
}

function readTable(name, settings) {
  const where = `db.sync: tables.${name}`;
  if (settings === null || typeof settings !== 'object') throw new TypeError(`${where} must be an object`);
  const { remoteTable = name, version, marker, tombstone, pull = 'table', stream } = settings;
  if (typeof version !== 'string' || !version) throw new TypeError(`${where}.version must name the version attribute`);
  for (const [option, value] of Object.entries({ remoteTable, marker, tombstone })) {
    if (value !== undefined && (typeof value !== 'string' || !value)) throw new TypeError(`${where}.${option} must be a non-empty string`);
  }
  return { remoteTable, version, marker, tombstone, pull: readPull(where, pull), stream: readStream(where, stream) };
}

// The remote table's stream, read with a DynamoDBStreams client (its aggregated form:
// describeStream, getShardIterator, getRecords); the ARN defaults to the table's latest stream.
function readStream(where, stream) {
  if (stream === undefined) return null;
  const client = stream?.client;
  if (!['describeStream', 'getShardIterator', 'getRecords'].every((method) => typeof client?.[method] === 'function')) {
    throw new TypeError(`${where}.stream.client must be a DynamoDBStreams client (describeStream, getShardIterator, getRecords)`);
  }
  if (stream.streamArn !== undefined && typeof stream.streamArn !== 'string') throw new TypeError(`${where}.stream.streamArn must be a string`);
  return { client, streamArn: stream.streamArn };
}

// What to pull: the whole table (Scan), some partitions, or key conditions (Query); false: push only.
function readPull(where, pull) {
  if (pull === false || pull === 'table') return pull;
  if (Array.isArray(pull?.partitions)) return { partitions: pull.partitions.map(toAttributeValue) };
  if (Array.isArray(pull?.queries) && pull.queries.every((q) => typeof q?.KeyConditionExpression === 'string')) return { queries: pull.queries };
  throw new TypeError(`${where}.pull must be 'table', false, { partitions: [...] } or { queries: [{ KeyConditionExpression, ... }] }`);
}

// Partition values may be given plainly ('u1', 42) or as attribute values ({ S: 'u1' }).
function toAttributeValue(value) {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number' || typeof value === 'bigint') return { N: String(value) };
  if (value && typeof value === 'object' && Object.keys(value).length === 1) return value;
  throw new TypeError(`db.sync: a partition value must be a string, a number or an attribute value, not ${JSON.stringify(value)}`);
}
