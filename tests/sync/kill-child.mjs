// The page that is killed (tests/sync/kill.test.mjs): a child process with a stored database
// ('fs' in argv[2]) syncing with the endpoint in argv[3]. 'push' writes five changes, then syncs;
// 'pull' syncs, reading the remote 50 items a page. Prints 'written' once its writes are stored.
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { PocketDynamo } from 'pocketdynamo';
import { note, notesSync, notesTable } from './support.mjs';

const [dir, url, mode] = process.argv.slice(2);
const db = await PocketDynamo.open({ name: 'sync-kill', storage: 'fs', path: dir, tables: [notesTable()] });
const sdk = new DynamoDB({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const remote = {
  ...Object.fromEntries(['getItem', 'query', 'transactWriteItems', 'deleteItem', 'putItem'].map((m) => [m, (input) => sdk[m](input)])),
  scan: (input) => sdk.scan({ ...input, Limit: 50 }),
};
const sync = db.sync({ remote, tables: notesSync, pushBatch: 1 });
if (mode === 'push') {
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a') });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'b') });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'a', { version: 2, text: 'a2' }) });
  await db.putItem({ TableName: 'Notes', Item: note('u1', 'c') });
  await db.deleteItem({ TableName: 'Notes', Key: { owner: { S: 'u1' }, id: { S: 'b' } } });
}
console.log('written');
await sync.now();
console.log('synced'); // not reached: the test kills this process in the middle of the round
