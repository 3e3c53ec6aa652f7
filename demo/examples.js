// One example request per operation, runnable in order on an empty database.
export const examples = {
  CreateTable: {
    TableName: 'Music',
    AttributeDefinitions: [
      { AttributeName: 'Artist', AttributeType: 'S' },
      { AttributeName: 'SongTitle', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'Artist', KeyType: 'HASH' },
      { AttributeName: 'SongTitle', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  },
  ListTables: {},
  DescribeTable: { TableName: 'Music' },
  PutItem: {
    TableName: 'Music',
    Item: {
      Artist: { S: 'No One You Know' },
      SongTitle: { S: 'Call Me Today' },
      Year: { N: '2015' },
      Tags: { SS: ['pop', 'upbeat'] },
    },
    ReturnConsumedCapacity: 'TOTAL',
  },
  GetItem: {
    TableName: 'Music',
    Key: { Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' } },
  },
  Query: {
    TableName: 'Music',
    KeyConditionExpression: 'Artist = :artist AND begins_with(SongTitle, :prefix)',
    ExpressionAttributeValues: { ':artist': { S: 'No One You Know' }, ':prefix': { S: 'Call' } },
  },
  Scan: { TableName: 'Music', FilterExpression: 'contains(Tags, :tag)', ExpressionAttributeValues: { ':tag': { S: 'pop' } } },
  UpdateItem: {
    TableName: 'Music',
    Key: { Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' } },
    UpdateExpression: 'SET Plays = if_not_exists(Plays, :zero) + :one',
    ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' } },
    ReturnValues: 'UPDATED_NEW',
  },
  DeleteItem: {
    TableName: 'Music',
    Key: { Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' } },
    ReturnValues: 'ALL_OLD',
  },
  UpdateTable: { TableName: 'Music', DeletionProtectionEnabled: false },
  DeleteTable: { TableName: 'Music' },
};
