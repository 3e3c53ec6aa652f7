// The per-call benchmark body, shared by Node and Chromium (call-cost.mjs): PutItem then GetItem
// of 200-byte items through the low-level client (db.putItem, db.getItem), and the engine call
// alone (wire text prepared up front), after a warm-up; and a bare binding call with no
// argument and no engine work (Engine.lastCommit), where Embind's call wrapper is most of the
// cost. Returns microseconds per call.
const TABLE = 'calls';

function item(i) {
  return {
    pk: { S: `user#${i}` },
    name: { S: 'Ada Lovelace' },
    email: { S: 'ada@example.com' },
    age: { N: '36' },
    bio: { S: 'x'.repeat(120) },
  };
}

async function microsecondsPerCall(count, body) {
  const start = performance.now();
  for (let i = 0; i < count; i++) await body(i);
  return ((performance.now() - start) * 1000) / count;
}

function bareCallMicroseconds(Engine, count) {
  const engine = new Engine();
  let sum = 0;
  for (let i = 0; i < count; i++) sum += engine.lastCommit();  // warm-up
  const start = performance.now();
  for (let i = 0; i < count; i++) sum += engine.lastCommit();
  const microseconds = ((performance.now() - start) * 1000) / count;
  engine.delete();
  if (sum !== 0) throw new Error('lastCommit of a new engine is 0');
  return microseconds;
}

export async function runCallCost({ PocketDynamo, executeRaw, loadEngineModule }, { count = 20000, warmUp = 2000 } = {}) {
  const db = await PocketDynamo.open({ name: 'call-cost', storage: 'memory' });
  await db.createTable({
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  const items = Array.from({ length: count }, (_, i) => item(i));
  const getBodies = items.map((_, i) => JSON.stringify({ TableName: TABLE, Key: { pk: { S: `user#${i}` } } }));
  for (let i = 0; i < warmUp; i++) {
    await db.putItem({ TableName: TABLE, Item: items[i % count] });
    await db.getItem({ TableName: TABLE, Key: { pk: items[i % count].pk } });
    await db[executeRaw]('GetItem', getBodies[i % count]);
  }
  const putItem = await microsecondsPerCall(count, (i) => db.putItem({ TableName: TABLE, Item: items[i] }));
  const getItem = await microsecondsPerCall(count, (i) => db.getItem({ TableName: TABLE, Key: { pk: items[i].pk } }));
  const engineGetItem = await microsecondsPerCall(count, (i) => db[executeRaw]('GetItem', getBodies[i]));
  await db.close();
  const bareCall = bareCallMicroseconds((await loadEngineModule()).Engine, 200_000);
  return { putItem, getItem, engineGetItem, bareCall };
}
