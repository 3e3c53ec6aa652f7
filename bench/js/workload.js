// The DocumentClient benchmark body, shared by Node (node.mjs) and Chromium (browser.mjs):
// put and get of 200-byte items through DynamoDBDocument, against JSON.parse(JSON.stringify())
// of the same item as a reference, and the share of each call spent in engine.execute.
export function makeItem(i) {
  return {
    pk: `user#${i}`,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    age: 36,
    active: true,
    bio: 'x'.repeat(120),
  };
}

async function timed(count, body) {
  const start = performance.now();
  for (let i = 0; i < count; i++) await body(i);
  const ms = performance.now() - start;
  return { perSecond: Math.round((count / ms) * 1000), microseconds: (ms * 1000) / count };
}

export async function runWorkload({ PocketDynamo, DynamoDBDocument, executeRaw }, { count = 20000 } = {}) {
  const db = await PocketDynamo.open({ name: 'bench', storage: 'memory' });
  await db.createTable({
    TableName: 'bench',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  const doc = DynamoDBDocument.from(db);
  const items = Array.from({ length: count }, (_, i) => makeItem(i));
  const reference = await timed(count, (i) => JSON.parse(JSON.stringify(items[i])));
  const put = await timed(count, (i) => doc.put({ TableName: 'bench', Item: items[i] }));
  const get = await timed(count, (i) => doc.get({ TableName: 'bench', Key: { pk: `user#${i}` } }));
  // The engine call alone (wasm plus the string boundary), with the wire text prepared up front.
  const getBodies = items.map((_, i) => JSON.stringify({ TableName: 'bench', Key: { pk: { S: `user#${i}` } } }));
  const engineGet = await timed(count, (i) => db[executeRaw]('GetItem', getBodies[i]));
  await db.close();
  return {
    count,
    referencePerSecond: reference.perSecond,
    putPerSecond: put.perSecond,
    getPerSecond: get.perSecond,
    getMicroseconds: get.microseconds,
    engineGetMicroseconds: engineGet.microseconds,
    jsShareOfGet: 1 - engineGet.microseconds / get.microseconds,
    putVsReference: put.perSecond / reference.perSecond,
    getVsReference: get.perSecond / reference.perSecond,
  };
}
