// web/README's worker example, with a note written first so that the query finds something.
import { PocketDynamo, DynamoDBDocument } from 'pocketdynamo';

const opening = PocketDynamo.open({ name: 'notes', storage: 'idb', tables: [{
  TableName: 'Notes', BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
}] }).then(async (db) => {
  const notes = DynamoDBDocument.from(db);
  await notes.put({ TableName: 'Notes', Item: { id: '1', text: 'hello' } });
  return notes;
});
self.onmessage = async ({ data }) => {
  try {
    self.postMessage(await (await opening).query(data));
  } catch (error) {
    self.postMessage({ error: `${error.name}: ${error.message}` });
  }
};
