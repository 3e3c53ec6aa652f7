// Every case file of tests/cases replayed over HTTP: each step is a POST with the step's body
// (raw text for "body" steps), one fresh server and database per case. Also checks the status
// DynamoDB gives each answer and the x-amz-crc32 of every body.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { crc32Table } from '../../web/src/server/crc32.js';
import { executeRawBody } from '../../web/src/internal.js';
import { casesDir, listCaseFiles, runCase } from '../support/cases.mjs';
import { post, startEndpoint } from '../support/http.mjs';

const files = listCaseFiles();
test('the case files are there', () => assert.ok(files.length > 0));

async function httpExecute(url, operation, body) {
  const response = await post(url, operation, body);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const isError = typeof JSON.parse(text).__type === 'string';
  const wanted = isError ? (text.includes('#InternalServerError"') ? 500 : 400) : 200;
  assert.equal(response.status, wanted, `status of ${text.slice(0, 200)}`);
  assert.equal(response.headers.get('x-amz-crc32'), String(crc32Table(bytes)));
  assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.0');
  assert.match(response.headers.get('x-amzn-requestid'), /^[A-Z0-9]{52}$/);
  return text;
}

for (const file of files) {
  test(path.relative(casesDir, file), async () => {
    const endpoint = await startEndpoint();
    try {
      // PocketDynamo's own operations (the TTL sweep) are not on DynamoDB's wire: the endpoint
      // refuses them, so those steps go to the endpoint's database directly.
      const execute = (operation, body) => (operation.startsWith('PocketDynamo_')
        ? executeRawBody(endpoint.db, operation, body)
        : httpExecute(endpoint.url, operation, body));
      assert.equal(await runCase(file, execute), '');
    } finally {
      await endpoint.close();
    }
  });
}
