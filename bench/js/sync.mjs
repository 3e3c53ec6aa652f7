// db.sync against `pocketdynamo serve` on loopback (in this process): items per second pushed
// and pulled, and the remote requests a sync of 1,000 changed items costs, next to a peer run
// that moves the same items with the SDK directly (BatchWriteItem, Scan) and applies nothing.
// Usage: node bench/js/sync.mjs [items=1000] [runs=5]
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { PocketDynamo } from 'pocketdynamo';
import { startServer } from 'pocketdynamo/server';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ITEMS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 5);
const table = {
  TableName: 'Notes', BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }, { AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'id', KeyType: 'RANGE' }],
};
const settings = { Notes: { version: 'version', marker: 'updatedAt', tombstone: 'deleted' } };
const item = (owner, i) => ({ owner: { S: owner }, id: { S: `n${i}` }, version: { N: '1' }, updatedAt: { N: String(Date.now()) }, text: { S: `note ${i} `.repeat(8) } });
let serial = 0;

async function endpoint() {
  const db = await PocketDynamo.open({ name: `bench-remote-${serial++}`, storage: 'memory', tables: [table] });
  const server = await startServer({ db, port: 0, host: '127.0.0.1' });
  const remote = new DynamoDB({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  return { db, remote, close: async () => { await server.close(); await db.close(); } };
}

async function writeLocal(db, owner) {
  for (let i = 0; i < ITEMS; i += 25) {
    const Notes = [];
    for (let j = i; j < Math.min(ITEMS, i + 25); j += 1) Notes.push({ PutRequest: { Item: item(owner, j) } });
    await db.batchWriteItem({ RequestItems: { Notes } });
  }
}

function counting(remote) {
  const counts = { requests: 0 };
  const wrapped = {};
  for (const m of ['putItem', 'deleteItem', 'getItem', 'query', 'scan', 'transactWriteItems']) {
    wrapped[m] = (input) => { counts.requests += 1; counts[m] = (counts[m] ?? 0) + 1; return remote[m](input); };
  }
  return { wrapped, counts };
}

async function pushRun(pushBatch) {
  const remote = await endpoint();
  const db = await PocketDynamo.open({ name: `bench-local-${serial++}`, storage: 'memory', tables: [table] });
  const { wrapped, counts } = counting(remote.remote);
  const sync = db.sync({ remote: wrapped, tables: settings, pushBatch });
  await writeLocal(db, 'local');
  const start = performance.now();
  const round = await sync.now();
  const ms = performance.now() - start;
  await sync.close(); await db.close(); await remote.close();
  if (round.pushed !== ITEMS) throw new Error(`pushed ${round.pushed}`);
  return { rate: ITEMS / (ms / 1000), counts };
}

async function pullRun() {
  const remote = await endpoint();
  await writeLocal(remote.db, 'remote');
  const db = await PocketDynamo.open({ name: `bench-local-${serial++}`, storage: 'memory', tables: [table] });
  const { wrapped, counts } = counting(remote.remote);
  const sync = db.sync({ remote: wrapped, tables: settings });
  await sync.ready; // sync's code loaded: the timing is the round's alone
  const start = performance.now();
  const round = await sync.now();
  const ms = performance.now() - start;
  await sync.close(); await db.close(); await remote.close();
  if (round.pulled !== ITEMS) throw new Error(`pulled ${round.pulled}`);
  return { rate: ITEMS / (ms / 1000), counts };
}

async function peerPush() {
  const remote = await endpoint();
  const items = Array.from({ length: ITEMS }, (_, i) => item('peer', i));
  const start = performance.now();
  for (let i = 0; i < ITEMS; i += 25) await remote.remote.batchWriteItem({ RequestItems: { Notes: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  const ms = performance.now() - start;
  await remote.close();
  return { rate: ITEMS / (ms / 1000) };
}

async function peerPull() {
  const remote = await endpoint();
  await writeLocal(remote.db, 'peer');
  const start = performance.now();
  let ExclusiveStartKey;
  let seen = 0;
  do {
    const page = await remote.remote.scan({ TableName: 'Notes', ExclusiveStartKey, ConsistentRead: true });
    seen += page.Items.length;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const ms = performance.now() - start;
  await remote.close();
  if (seen !== ITEMS) throw new Error(`scanned ${seen}`);
  return { rate: ITEMS / (ms / 1000) };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${Math.round(sorted[Math.floor(sorted.length / 2)])} items/s (min ${Math.round(sorted[0])}, max ${Math.round(sorted.at(-1))})`;
};

async function measure(name, run) {
  const rates = [];
  let counts;
  for (let i = 0; i < RUNS; i += 1) {
    const result = await run();
    rates.push(result.rate);
    counts = result.counts;
  }
  console.log(`${name.padEnd(38)} ${stats(rates)}${counts ? `  requests: ${JSON.stringify(counts)}` : ''}`);
}

console.log(`${ITEMS} items, ${RUNS} runs, loopback serve endpoint`);
await measure('push, pushBatch 25 (default)', () => pushRun(25));
await measure('push, pushBatch 100', () => pushRun(100));
await measure('push, pushBatch 1 (PutItem each)', () => pushRun(1));
await measure('peer: SDK BatchWriteItem, 25 each', peerPush);
await measure('pull (Scan, applied locally)', pullRun);
await measure('peer: SDK Scan, nothing applied', peerPull);
