// Streams in headless Chromium: db.subscribe and db.streamRecords on the package as a page loads
// it (import map to the source, wasm fetched next to it), one record per change, in order.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from '../support/browser.mjs';

// Runs in the page.
async function streamsInPage() {
  const { PocketDynamo, DynamoDBDocument } = await import('pocketdynamo');
  const db = await PocketDynamo.open({ name: 'streams', storage: 'memory' });
  const table = (TableName, StreamViewType) => ({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    ...(StreamViewType && { StreamSpecification: { StreamEnabled: true, StreamViewType } }),
  });
  await db.createTable(table('Orders', 'NEW_AND_OLD_IMAGES'));
  await db.createTable(table('Plain'));
  await db.updateTimeToLive({ TableName: 'Orders', TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
  const doc = DynamoDBDocument.from(db);
  const low = [];
  const plain = [];
  const unsubscribe = db.subscribe('Orders', (r) => low.push(`${r.eventName} ${r.dynamodb.Keys.id.S} ${r.dynamodb.SequenceNumber}`));
  doc.subscribe('Orders', (r) => plain.push(r.dynamodb));
  const iterated = [];
  const reading = (async () => {
    for await (const r of db.streamRecords('Orders', { shape: 'document' })) {
      iterated.push(`${r.eventName} ${r.dynamodb.Keys.id}`);
      if (iterated.length === 4) break;
    }
  })();

  await doc.put({ TableName: 'Orders', Item: { id: 'a', n: 1 } });
  await doc.put({ TableName: 'Orders', Item: { id: 'a', n: 1 } });  // no change, no record
  await doc.update({ TableName: 'Orders', Key: { id: 'a' }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': 1 } });
  await doc.batchWrite({ RequestItems: { Orders: [{ PutRequest: { Item: { id: 'b', exp: 100 } } }, { DeleteRequest: { Key: { id: 'a' } } }] } });
  await doc.transactWrite({ TransactItems: [{ Put: { TableName: 'Orders', Item: { id: 'c' } } }, { Update: { TableName: 'Orders', Key: { id: 'b' }, UpdateExpression: 'SET m = :m', ExpressionAttributeValues: { ':m': 'x' } } }] });
  await db.sweepExpiredItems({ now: 200 });
  await reading;
  await new Promise((resolve) => setTimeout(resolve, 0));
  unsubscribe();
  await doc.put({ TableName: 'Orders', Item: { id: 'late' } });
  await new Promise((resolve) => setTimeout(resolve, 0));

  let refused;
  try {
    db.subscribe('Plain', () => {});
  } catch (error) {
    refused = `${error.name}: ${error.message}`;
  }
  await db.close();
  return { low, plain: plain.map((d) => ({ keys: d.Keys, newImage: d.NewImage, oldImage: d.OldImage })), iterated, refused };
}

test('subscribe and streamRecords in headless Chromium: every change once, in order', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}/tests/browser/pages/blank.html`);
    const result = await page.evaluate(streamsInPage);
    assert.deepEqual(errors, []);
    const events = result.low.map((line) => line.split(' ').slice(0, 2).join(' '));
    assert.deepEqual(events, ['INSERT a', 'MODIFY a', 'INSERT b', 'REMOVE a', 'INSERT c', 'MODIFY b', 'REMOVE b']);
    const sequences = result.low.map((line) => BigInt(line.split(' ')[2]));
    for (let i = 1; i < sequences.length; i++) assert.ok(sequences[i] > sequences[i - 1]);
    // `late` was written after db.subscribe's unsubscribe(): only the DocumentClient's subscription has it.
    assert.equal(result.plain.length, 8);
    assert.deepEqual(result.plain[7].keys, { id: 'late' });
    assert.deepEqual(result.plain[1], { keys: { id: 'a' }, newImage: { id: 'a', n: 2 }, oldImage: { id: 'a', n: 1 } });
    assert.deepEqual(result.iterated, ['INSERT a', 'MODIFY a', 'INSERT b', 'REMOVE a']);
    assert.match(result.refused, /^ValidationException: Table has no enabled stream: TableName: Plain/);
  } finally {
    await context.close();
    await server.close();
  }
});
