// The HTTP endpoint in tests: a fresh in-memory database served on a free 127.0.0.1 port, and a
// raw DynamoDB JSON 1.0 request sender (fetch).
import { PocketDynamo } from 'pocketdynamo';
import { startServer } from 'pocketdynamo/server';
import { operationInfo } from '../../web/src/protocol.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** @returns {Promise<{ url: string, db, server, close: () => Promise<void> }>} */
export async function startEndpoint(options = {}) {
  const db = await PocketDynamo.open({ name: 'http-test', storage: 'memory' });
  const endpoint = await startServer({ db, port: 0, host: '127.0.0.1', ...options });
  return {
    url: endpoint.url,
    db,
    server: endpoint.server,
    close: async () => {
      await endpoint.close();
      await db.close();
    },
  };
}

/** The X-Amz-Target of an operation, under its API's prefix as DynamoDB takes it. */
export const targetOf = (operation) => (operationInfo(operation)?.api === 'DynamoDBStreams'
  ? `DynamoDBStreams_20120810.${operation}` : `DynamoDB_20120810.${operation}`);

/**
 * POSTs a body with X-Amz-Target: DynamoDB_20120810.<operation> (DynamoDBStreams_20120810. for
 * the Streams operations); resolves to the fetch Response. The body comes back uncompressed
 * (Accept-Encoding: identity) unless `headers` asks otherwise, so its x-amz-crc32 can be checked.
 */
export function post(url, operation, body, headers = {}) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': targetOf(operation),
      'accept-encoding': 'identity',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** SDK client settings for an endpoint (dummy credentials, no retries so errors show at once). */
export const sdkConfig = (endpoint, overrides = {}) => ({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' },
  maxAttempts: 1,
  ...overrides,
});

export const usersTable = {
  TableName: 'Users',
  AttributeDefinitions: [
    { AttributeName: 'UserId', AttributeType: 'S' },
    { AttributeName: 'Email', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'UserId', KeyType: 'HASH' },
    { AttributeName: 'Email', KeyType: 'RANGE' },
  ],
  ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
};
