// The README's quick start as an app writes it, persisted to IndexedDB. `options` adds what a
// bundler needs (esbuild: wasmUrl). Resolves to the texts the query returned.
import { PocketDynamo, DynamoDBDocument } from 'pocketdynamo';

export async function notesApp(options = {}) {
  const db = await PocketDynamo.open({
    name: 'my-app',
    storage: 'idb',
    tables: [{
      TableName: 'Notes',
      AttributeDefinitions: [{ AttributeName: 'user', AttributeType: 'S' }, { AttributeName: 'created', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'user', KeyType: 'HASH' }, { AttributeName: 'created', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    }],
    ...options,
  });
  const notes = DynamoDBDocument.from(db);
  await notes.put({ TableName: 'Notes', Item: { user: 'ada', created: Date.now(), text: 'hello' } });
  const { Items } = await notes.query({
    TableName: 'Notes',
    KeyConditionExpression: '#u = :u',
    ExpressionAttributeNames: { '#u': 'user' },
    ExpressionAttributeValues: { ':u': 'ada' },
  });
  await db.close();
  return Items.map((note) => note.text);
}

/** Runs the app and leaves its outcome in window.fixtureResult for the test. */
export function report(running) {
  running.then(
    (texts) => { window.fixtureResult = { ok: true, texts }; },
    (error) => { window.fixtureResult = { ok: false, error: `${error?.name}: ${error?.message}` }; },
  );
}
