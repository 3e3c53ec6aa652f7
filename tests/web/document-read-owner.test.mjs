// Tabs: the tab that owns the database runs its own DocumentClient reads on the database it
// serves the other tabs with, in document form and gathered, instead of sending them through
// the tab link (web/src/database.js #ownerDatabase). Held here with the real RemoteClient and
// Host and a link that stands for the owner tab (tabs/tab-link.js hands the owner's messages to
// its host at once): the reads reach the owner's engine as one call and never the link, the
// writes still go through the link, order holds, and a tab that does not own (or a closed
// database) sends them as before.
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseClosedError, DynamoDBDocument, PocketDynamo } from 'pocketdynamo';
import { Database } from '../../web/src/database.js';
import { Host } from '../../web/src/remote/host.js';
import { RemoteClient } from '../../web/src/remote/client.js';
import { countDocumentCalls, fillPartitionFiles, openWithTable } from './helpers.mjs';

// A database as a tab sees it, served by `served` in this tab while `owning()` says so.
async function tabDatabase(owning, served = undefined) {
  served ??= await openWithTable({ sortKey: { name: 'n', type: 'N' } });
  const sent = [];
  let host;
  const client = new RemoteClient('tabs', {
    post: (message) => {
      sent.push(message.op);
      host.receive({ ...message, from: 'tab', to: 'owner' });
      return 'owner';
    },
  });
  host = new Host(served, 'owner', (message) => client.receive({ ...message, from: 'owner' }));
  const remote = { client, report: null, close: () => client.close().then(() => host.close()), local: () => (owning() && host.serving ? served : null) };
  const db = new Database(null, 'tabs', 'idb', { remote });
  return { db, doc: DynamoDBDocument.from(db), sent, host, client };
}

test('the owner tab runs its DocumentClient reads on its own engine in one call; its writes go through the link, in order', async () => {
  const { db, doc, sent } = await tabDatabase(() => true);
  await doc.put({ TableName: 'Things', Item: { id: 'a', n: 1, v: 'first' } });
  assert.deepEqual(sent, ['PutItem']);
  let answers;
  const calls = await countDocumentCalls(async () => {
    const put = doc.put({ TableName: 'Things', Item: { id: 'a', n: 1, v: 'second' } }); // not awaited
    answers = await Promise.all([
      doc.get({ TableName: 'Things', Key: { id: 'a', n: 1 } }),
      doc.query({ TableName: 'Things', KeyConditionExpression: 'id = :a', ExpressionAttributeValues: { ':a': 'a' } }),
      doc.scan({ TableName: 'Things' }),
      doc.get({ TableName: 'Nope', Key: { id: 'a', n: 1 } }).catch((error) => error),
    ]);
    await put;
  });
  assert.equal(calls, 1, 'the four reads are one engine call');
  assert.deepEqual(sent, ['PutItem', 'PutItem'], 'no read went through the link');
  assert.deepEqual(answers[0].Item, { id: 'a', n: 1, v: 'second' });
  assert.deepEqual(answers[1].Items, [{ id: 'a', n: 1, v: 'second' }]);
  assert.equal(answers[2].Count, 1);
  assert.equal(answers[3].name, 'ResourceNotFoundException');
  assert.equal(answers[3].$metadata.httpStatusCode, 400);
  await db.close();
});

test('a tab that does not own (or no longer serves) sends its reads through the link', async () => {
  let owning = false;
  const { db, doc, sent, host, client } = await tabDatabase(() => owning);
  await doc.put({ TableName: 'Things', Item: { id: 'a', n: 1, v: 'x' } });
  assert.deepEqual((await doc.get({ TableName: 'Things', Key: { id: 'a', n: 1 } })).Item, { id: 'a', n: 1, v: 'x' });
  assert.deepEqual(sent, ['PutItem', 'GetItem']);
  owning = true;
  await doc.get({ TableName: 'Things', Key: { id: 'a', n: 1 } });
  assert.deepEqual(sent, ['PutItem', 'GetItem'], 'owning: the read stays in the tab');
  host.stopServing(); // the owner's page is going away
  const held = doc.get({ TableName: 'Things', Key: { id: 'a', n: 1 } });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(sent, ['PutItem', 'GetItem', 'GetItem'], 'no longer serving: sent through the link');
  // The closing host answered "not applied, retry": the link holds it for the next owner.
  client.fail(new Error('no next owner here'));
  await assert.rejects(held, /no next owner here/);
  await db.close();
});

test('after close, a DocumentClient read fails with DatabaseClosedError', async () => {
  const { db, doc, sent } = await tabDatabase(() => true);
  await db.close();
  await assert.rejects(doc.get({ TableName: 'Things', Key: { id: 'a', n: 1 } }), DatabaseClosedError);
  assert.deepEqual(sent, []);
});

test('the owner tab\'s reads that wait for partition files when its database closes are answered', async () => {
  // A stored database whose every partition is in a file, reopened: each read fetches one first.
  const name = `owner-close-${process.pid}-${Date.now()}`;
  const count = await fillPartitionFiles(name);
  const served = await PocketDynamo.open({ name, storage: 'idb', lock: 'fail' });
  const { db, doc, sent } = await tabDatabase(() => true, served);
  const reads = Array.from({ length: count }, (_, n) => doc.get({ TableName: 'Things', Key: { id: `big-${n}`, n } }));
  const closing = db.close();
  (await Promise.all(reads)).forEach((answer, n) => assert.equal(answer.Item?.n, n));
  await closing;
  assert.deepEqual(sent, [], 'the reads stayed in the tab');
});
