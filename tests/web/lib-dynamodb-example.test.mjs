// (d) An example written for @aws-sdk/lib-dynamodb runs unchanged on pocketdynamo: only the
// imports and the client construction differ (the rest of the file is byte for byte the same).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const exampleUrl = new URL('./fixtures/lib-dynamodb-example.mjs', import.meta.url);
const original = fs.readFileSync(exampleUrl, 'utf8');

// The only edits: where the names come from, and how the client is made.
const edits = [
  [`import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';`,
    `import { PocketDynamo, CreateTableCommand } from 'pocketdynamo';`],
  [`import { DynamoDBDocumentClient, PutCommand, GetCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';`,
    `import { DynamoDBDocumentClient, PutCommand, GetCommand, DeleteCommand } from 'pocketdynamo';`],
  [`const client = new DynamoDBClient({});`,
    `const client = await PocketDynamo.open({ name: 'music', storage: 'memory' });`],
];

function ported() {
  let text = original;
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `the example contains: ${from}`);
    text = text.replace(from, to);
  }
  // A data: module cannot resolve bare names: point 'pocketdynamo' at the package entry.
  return text.replace(`from 'pocketdynamo'`, `from '${import.meta.resolve('pocketdynamo')}'`)
    .replace(`from 'pocketdynamo'`, `from '${import.meta.resolve('pocketdynamo')}'`);
}

test('the example is a real @aws-sdk program (it loads with the SDK)', async () => {
  const example = await import(exampleUrl);
  assert.equal(typeof example.main, 'function');
});

test('the ported example differs from the original in exactly three lines', () => {
  const before = original.split('\n');
  let portedLines = original;
  for (const [from, to] of edits) portedLines = portedLines.replace(from, to);
  const after = portedLines.split('\n');
  assert.equal(after.length, before.length);
  assert.equal(after.filter((line, i) => line !== before[i]).length, 3);
});

test('the ported example runs on pocketdynamo and gives the results DynamoDB would', async () => {
  const source = ported();
  const { main } = await import(`data:text/javascript,${encodeURIComponent(source)}`);
  const { Item, Attributes, after } = await main();
  const expected = {
    Artist: 'No One You Know',
    SongTitle: 'Call Me Today',
    AlbumTitle: 'Somewhat Famous',
    Year: 2015,
    Genres: new Set(['Country', 'Folk']),
    Cover: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  };
  assert.deepStrictEqual(Item, expected);
  assert.deepStrictEqual(Attributes, expected);
  assert.equal(after, undefined);
});
