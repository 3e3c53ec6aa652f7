// The real AWS SDK v3 (@aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb, their ESM builds
// from node_modules, loaded natively through an import map: tests/support/esm-server.mjs) in
// headless Chromium, running every command on a PocketDynamo database in the page through
// db.requestHandler(), with no network request.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from '../support/browser.mjs';
import { createEsmServer, importMap } from '../support/esm-server.mjs';

const map = importMap({
  pocketdynamo: '/web/src/index.js',
  'mnemonist/lru-cache': '/tests/browser/pages/shims/lru-cache.js',
});

const imports = `
import { PocketDynamo } from 'pocketdynamo';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
`;

const scenario = `
const db = await PocketDynamo.open({ name: 'sdk-in-page', storage: 'memory' });
const client = new DynamoDBClient({
  region: 'local',
  endpoint: 'http://localhost',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  requestHandler: db.requestHandler(),
});
const documents = DynamoDBDocumentClient.from(client);
const result = {};
await client.send(new CreateTableCommand({
  TableName: 'Notes',
  AttributeDefinitions: [{ AttributeName: 'user', AttributeType: 'S' }, { AttributeName: 'created', AttributeType: 'N' }],
  KeySchema: [{ AttributeName: 'user', KeyType: 'HASH' }, { AttributeName: 'created', KeyType: 'RANGE' }],
  BillingMode: 'PAY_PER_REQUEST',
}));
result.tables = (await client.send(new ListTablesCommand({}))).TableNames;
await documents.send(new PutCommand({ TableName: 'Notes', Item: { user: 'ada', created: 1, text: 'hello', tags: new Set(['intro']), raw: new Uint8Array([1, 2, 255]) } }));
await documents.send(new PutCommand({ TableName: 'Notes', Item: { user: 'ada', created: 2, text: 'again' } }));
const got = await documents.send(new GetCommand({ TableName: 'Notes', Key: { user: 'ada', created: 1 } }));
result.item = { ...got.Item, tags: [...got.Item.tags], raw: got.Item.raw instanceof Uint8Array ? [...got.Item.raw] : 'not bytes' };
result.metadata = got.$metadata;
const updated = await documents.send(new UpdateCommand({
  TableName: 'Notes', Key: { user: 'ada', created: 2 }, UpdateExpression: 'SET #t = :t',
  ExpressionAttributeNames: { '#t': 'text' }, ExpressionAttributeValues: { ':t': 'edited' }, ReturnValues: 'ALL_NEW',
}));
result.updated = updated.Attributes.text;
const page = await documents.send(new QueryCommand({
  TableName: 'Notes', KeyConditionExpression: '#u = :u', ExpressionAttributeNames: { '#u': 'user' },
  ExpressionAttributeValues: { ':u': 'ada' }, ScanIndexForward: false,
}));
result.query = page.Items.map((note) => note.text);
try {
  await documents.send(new GetCommand({ TableName: 'Nope', Key: { user: 'ada', created: 1 } }));
} catch (error) {
  result.error = { name: error.name, isSdkClass: error instanceof ResourceNotFoundException, fault: error.$fault, status: error.$metadata.httpStatusCode };
}
await db.close();
window.__result = result;
`;

const html = `<!doctype html><meta charset="utf-8"><title>SDK request handler</title>
<script type="importmap">${JSON.stringify(map)}</script>
<script type="module">
${imports}
try {
${scenario}
} catch (error) {
  window.__result = { failed: String(error && error.stack || error) };
}
</script>`;

test('@aws-sdk/client-dynamodb and lib-dynamodb run on the in-page engine through db.requestHandler()', async () => {
  const server = createEsmServer({ pages: { '/sdk.html': html } });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const errors = [];
    const foreign = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(origin)) foreign.push(request.url());
    });
    // A module that fails to load never sets __result: fail with its error instead of a timeout.
    const loadError = new Promise((_, reject) => page.on('pageerror', reject));
    await page.goto(`${origin}/sdk.html`);
    await Promise.race([page.waitForFunction(() => window.__result !== undefined), loadError]);
    const result = await page.evaluate(() => window.__result);
    assert.equal(result.failed, undefined, result.failed);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, [], 'no request left the page for the endpoint');
    assert.deepEqual(result.tables, ['Notes']);
    assert.deepEqual(result.item, { user: 'ada', created: 1, text: 'hello', tags: ['intro'], raw: [1, 2, 255] });
    assert.equal(result.metadata.httpStatusCode, 200);
    assert.match(result.metadata.requestId, /^[A-Z0-9]{52}$/);
    assert.equal(result.updated, 'edited');
    assert.deepEqual(result.query, ['edited', 'hello']);
    assert.deepEqual(result.error, { name: 'ResourceNotFoundException', isSdkClass: true, fault: 'client', status: 400 });
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
