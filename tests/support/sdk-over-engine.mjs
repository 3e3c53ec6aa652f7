// The real AWS SDK (client-dynamodb + lib-dynamodb) wired to a pocketdynamo database through a
// custom requestHandler, so tests can run one command through the SDK and through pocketdynamo
// against the same engine and compare. Test tooling only: the package does not depend on the SDK.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { executeRawBody } from '../../web/src/internal.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * @param db an open pocketdynamo database
 * @param translateConfig passed to DynamoDBDocumentClient.from
 * @returns {{ client, documentClient, requests: { operation: string, body: object }[] }}
 */
export function sdkClientsOver(db, translateConfig) {
  const requests = [];
  const client = new DynamoDBClient({
    region: 'local',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request) {
        const operation = request.headers['x-amz-target'].split('.')[1];
        const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        requests.push({ operation, body: JSON.parse(body) });
        const text = await executeRawBody(db, operation, body);
        const statusCode = text.includes('"__type"') ? (text.includes('InternalServerError') ? 500 : 400) : 200;
        return {
          response: {
            statusCode,
            headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'SDK' },
            body: new TextEncoder().encode(text),
          },
        };
      },
    },
  });
  return { client, documentClient: DynamoDBDocumentClient.from(client, translateConfig), requests };
}
