// Helpers for HTTP tests that need more control than fetch gives: raw requests with any headers
// (Host, Origin, ...), and requests signed by the AWS SDK itself, captured to be replayed as they
// are or altered. Not a test file (the runner picks only *.test.mjs).
import http from 'node:http';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * A request with node:http; resolves to { status, headers, body (Buffer), json() }.
 * `chunks` writes the body in parts (chunked, when no content-length is given).
 */
export function rawRequest(url, { method = 'POST', headers = {}, body, chunks } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false }, (response) => {
      const parts = [];
      response.on('data', (part) => parts.push(part));
      response.on('end', () => {
        const bytes = Buffer.concat(parts);
        resolve({ status: response.statusCode, headers: response.headers, body: bytes, json: () => JSON.parse(bytes) });
      });
    });
    request.on('error', reject);
    if (chunks) {
      for (const chunk of chunks) request.write(chunk);
      request.end();
    } else {
      request.end(body);
    }
  });
}

/** Headers of a DynamoDB JSON request for `operation`. */
export const dynamoHeaders = (operation, extra = {}) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `DynamoDB_20120810.${operation}`,
  ...extra,
});

/**
 * What the AWS SDK sends for `command` to `url`, signed with `credentials`: { headers, body }.
 * The SDK runs all its middleware (host, date, signature); a capturing handler takes the place
 * of the network.
 */
export async function sdkSignedRequest(url, { credentials, command = new ListTablesCommand({}), region = 'us-east-1', systemClockOffset } = {}) {
  let captured;
  const requestHandler = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request) {
      captured = request;
      return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: new TextEncoder().encode('{}') } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  const client = new DynamoDBClient({ region, endpoint: url, credentials, maxAttempts: 1, systemClockOffset, requestHandler });
  try {
    await client.send(command);
  } finally {
    client.destroy();
  }
  return { headers: { ...captured.headers }, body: captured.body, path: captured.path };
}
