// Pull through the remote table's stream (GetRecords, where the app grants a DynamoDBStreams
// client): remote deletes reach the page with no tombstones, and replayed records never take an
// item back to an older version.
import test from 'node:test';
import assert from 'node:assert/strict';
import { contents, note, openLocal, startServe, streamsClient } from './support.mjs';

const key = (id) => ({ owner: { S: 'u1' }, id: { S: id } });

test('remote deletes and updates arrive through the remote stream', async (t) => {
  const serve = await startServe();
  const db = await openLocal();
  const fresh = await openLocal();
  t.after(async () => { await db.close(); await fresh.close(); await serve.close(); });
  await serve.db.updateTable({ TableName: 'Notes', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u1', 'b') });
  const stream = { client: streamsClient(serve.url) };
  const sync = db.sync({ remote: serve.remote, tables: { Notes: { version: 'version', stream } } });
  const first = await sync.now();
  assert.equal(first.pulled, 2, 'the scan brought both; the stream replaying them changed nothing');

  await serve.remote.deleteItem({ TableName: 'Notes', Key: key('b') });
  await serve.remote.putItem({ TableName: 'Notes', Item: note('u1', 'a', { version: 2, text: 'a2' }) });
  const second = await sync.now();
  assert.equal(second.deleted, 1);
  assert.deepEqual(await contents(db), [{ owner: 'u1', id: 'a', version: 2, text: 'a2' }]);
  assert.equal(sync.status.pendingWrites, 0, 'nothing pulled goes back up');
  assert.deepEqual((await sync.now()).pulled + (await sync.now()).deleted, 0, 'positions kept: nothing applied twice');

  // A device that reads only the stream replays it all and ends at the same state.
  const onlyStream = fresh.sync({ remote: serve.remote, tables: { Notes: { version: 'version', pull: false, stream } } });
  await onlyStream.now();
  assert.deepEqual(await contents(fresh), [{ owner: 'u1', id: 'a', version: 2, text: 'a2' }]);
  await sync.close();
  await onlyStream.close();
});
