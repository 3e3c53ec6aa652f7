// TransactWriteItems of 10 Puts against its peer, the same 10 items as 10 sequential PutItem
// calls, each into a fresh table of its own; low-level and DocumentClient. Shared by Chromium
// (transactions.html) and Node (transactions.mjs --node).
import { makeItem } from './workload.js';

const ACTIONS = 10;

async function timed(count, body) {
  const start = performance.now();
  for (let i = 0; i < count; i++) await body(i);
  return performance.now() - start;
}

const tableInput = (TableName, stream) => ({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  ...(stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
});

export async function runTransactions({ PocketDynamo, DynamoDBDocument, marshall }, { count = 2000 } = {}) {
  const db = await PocketDynamo.open({ name: 'bench-transactions', storage: 'memory' });
  const doc = DynamoDBDocument.from(db);
  // groups[i]: the 10 items of transaction i (keys unique across the run), plain and marshalled.
  const groups = Array.from({ length: count }, (_, i) => Array.from({ length: ACTIONS }, (_, j) => makeItem(`${i}-${j}`)));
  const low = groups.map((items) => items.map((item) => marshall(item)));
  const tables = ['lowTx', 'lowPut', 'docTx', 'docPut', 'subTx'];
  for (const name of tables) await db.createTable(tableInput(name, name === 'subTx'));

  const lowTx = await timed(count, (i) => db.transactWriteItems({ TransactItems: low[i].map((Item) => ({ Put: { TableName: 'lowTx', Item } })) }));
  const lowPut = await timed(count, async (i) => { for (const Item of low[i]) await db.putItem({ TableName: 'lowPut', Item }); });
  const docTx = await timed(count, (i) => doc.transactWrite({ TransactItems: groups[i].map((Item) => ({ Put: { TableName: 'docTx', Item } })) }));
  const docPut = await timed(count, async (i) => { for (const Item of groups[i]) await doc.put({ TableName: 'docPut', Item }); });
  // The same transactions on a table with a stream and one subscriber (10 records each).
  let delivered = 0;
  const unsubscribe = db.subscribe('subTx', () => { delivered += 1; });
  const subTx = await timed(count, (i) => db.transactWriteItems({ TransactItems: low[i].map((Item) => ({ Put: { TableName: 'subTx', Item } })) }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  unsubscribe();
  await db.close();
  if (delivered !== count * ACTIONS) throw new Error(`subscriber got ${delivered} records, expected ${count * ACTIONS}`);

  const perSecond = (ms) => Math.round((count / ms) * 1000);
  return {
    count,
    lowTransactionsPerSecond: perSecond(lowTx),
    lowPutGroupsPerSecond: perSecond(lowPut),
    lowTxVsPuts: lowPut / lowTx,
    docTransactionsPerSecond: perSecond(docTx),
    docPutGroupsPerSecond: perSecond(docPut),
    docTxVsPuts: docPut / docTx,
    subscribedTransactionsPerSecond: perSecond(subTx),
  };
}
