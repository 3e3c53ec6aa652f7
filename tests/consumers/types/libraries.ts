// What libraries written for the AWS SDK ask of the package's types: its DocumentClient where
// lib-dynamodb's DynamoDBDocumentClient is wanted (DynamoDB-Toolbox's Table, ElectroDB's Entity),
// and `send` typing the AWS SDK's own command classes by their output.
import { PocketDynamo, DynamoDBDocumentClient, DynamoDBDocument, GetCommand as PdGetCommand } from 'pocketdynamo';
import { GetItemCommand as PdGetItemCommand } from 'pocketdynamo/client';
import type { DynamoDBDocumentClient as AwsDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, type GetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { GetItemCommand, PutItemCommand, type GetItemCommandOutput, type PutItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { Table } from 'dynamodb-toolbox';
import { Entity } from 'electrodb';

// True only when A and B are the same type (not merely assignable).
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const same = <A, B>(proof: Same<A, B>): Same<A, B> => proof;

export async function libraries(): Promise<void> {
  const db = await PocketDynamo.open({ name: 'types', storage: 'memory' });
  const client = DynamoDBDocumentClient.from(db);
  const document = DynamoDBDocument.from(db);

  // lib-dynamodb's client type accepts the package's, both classes.
  const aws: AwsDocumentClient = client;
  const awsToo: AwsDocumentClient = document;

  // DynamoDB-Toolbox's Table takes it as its documentClient.
  const table = new Table({
    name: 'Notes',
    partitionKey: { name: 'user', type: 'string' },
    sortKey: { name: 'created', type: 'number' },
    documentClient: client,
  });

  // ElectroDB's Entity takes it as its client.
  const notes = new Entity({
    model: { entity: 'note', version: '1', service: 'notes' },
    attributes: { user: { type: 'string', required: true }, text: { type: 'string' } },
    indexes: { primary: { pk: { field: 'pk', composite: ['user'] }, sk: { field: 'sk', composite: [] } } },
  }, { client, table: 'Notes' });

  // The AWS SDK's own command classes: send gives each one's output type.
  const got = await db.send(new GetItemCommand({ TableName: 'Notes', Key: { user: { S: 'ada' } } }));
  same<typeof got, GetItemCommandOutput>(true);
  const text: string | undefined = got.Item?.text?.S;
  const put = await db.send(new PutItemCommand({ TableName: 'Notes', Item: { user: { S: 'ada' } } }));
  same<typeof put, PutItemCommandOutput>(true);
  const viaClient = await client.send(new GetCommand({ TableName: 'Notes', Key: { user: 'ada' } }));
  same<typeof viaClient, GetCommandOutput>(true);

  // The package's own commands keep their types.
  const own = await db.send(new PdGetItemCommand({ TableName: 'Notes', Key: { user: { S: 'ada' } } }));
  const ownText: string | undefined = own.Item?.text && 'S' in own.Item.text ? own.Item.text.S : undefined;
  const ownDoc = await client.send(new PdGetCommand({ TableName: 'Notes', Key: { user: 'ada' } }));
  const value: unknown = ownDoc.Item?.text;

  // @ts-expect-error: GetItem's Key is a map of attribute values, not plain values
  await db.send(new PdGetItemCommand({ TableName: 'Notes', Key: { user: 'ada' } }));

  void [aws, awsToo, table, notes, text, ownText, value];
  await db.close();
}
