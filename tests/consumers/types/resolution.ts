// Every entry point resolves, with its types, under this folder's module resolution; what the
// README's first example does type-checks under --strict.
import { PocketDynamo, DynamoDBDocument, type OpenOptions } from 'pocketdynamo';
import { QueryCommand, type QueryOutput } from 'pocketdynamo/client';
import type { ServerOptions } from 'pocketdynamo/server';

export async function firstExample(): Promise<string[]> {
  const options: OpenOptions = {
    name: 'my-app',
    storage: 'idb',
    tables: [{
      TableName: 'Notes',
      AttributeDefinitions: [{ AttributeName: 'user', AttributeType: 'S' }, { AttributeName: 'created', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'user', KeyType: 'HASH' }, { AttributeName: 'created', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    }],
  };
  const db = await PocketDynamo.open(options);
  const notes = DynamoDBDocument.from(db);
  await notes.put({ TableName: 'Notes', Item: { user: 'ada', created: 1, text: 'hello' } });
  const low: QueryOutput = await db.send(new QueryCommand({
    TableName: 'Notes', KeyConditionExpression: '#u = :u',
    ExpressionAttributeNames: { '#u': 'user' }, ExpressionAttributeValues: { ':u': { S: 'ada' } },
  }));
  await db.close();
  return (low.Items ?? []).map((item) => item.text && 'S' in item.text ? item.text.S : '');
}

// @ts-expect-error: `tables` holds CreateTable inputs
export const wrongTables: OpenOptions = { name: 'x', storage: 'memory', tables: [{ Name: 'Notes' }] };

export type Server = ServerOptions;
