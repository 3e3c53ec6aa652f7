// The DynamoDB Streams API over HTTP: its own X-Amz-Target prefix reaches the engine's stream
// operations, and every write of a stream-enabled table shows up as a record.
import test from 'node:test';
import assert from 'node:assert/strict';
import { post, startEndpoint } from '../support/http.mjs';

async function call(url, target, input) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

test('DynamoDBStreams_20120810 targets read the records of a stream-enabled table', async () => {
  const endpoint = await startEndpoint();
  try {
    const created = await post(endpoint.url, 'CreateTable', JSON.stringify({
      TableName: 'Events',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }));
    const streamArn = (await created.json()).TableDescription.LatestStreamArn;
    assert.match(streamArn, /^arn:aws:dynamodb:.*:table\/Events\/stream\//);
    await post(endpoint.url, 'PutItem', JSON.stringify({ TableName: 'Events', Item: { id: { S: 'a' }, n: { N: '1' } } }));
    await post(endpoint.url, 'PutItem', JSON.stringify({ TableName: 'Events', Item: { id: { S: 'a' }, n: { N: '2' } } }));
    await post(endpoint.url, 'DeleteItem', JSON.stringify({ TableName: 'Events', Key: { id: { S: 'a' } } }));

    const described = await call(endpoint.url, 'DynamoDBStreams_20120810.DescribeStream', { StreamArn: streamArn });
    assert.equal(described.status, 200);
    const shardId = described.body.StreamDescription.Shards[0].ShardId;
    const iterator = await call(endpoint.url, 'DynamoDBStreams_20120810.GetShardIterator',
      { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
    const records = await call(endpoint.url, 'DynamoDBStreams_20120810.GetRecords', { ShardIterator: iterator.body.ShardIterator });
    assert.equal(records.status, 200);
    assert.deepEqual(records.body.Records.map((record) => record.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
    assert.deepEqual(records.body.Records[1].dynamodb.OldImage, { id: { S: 'a' }, n: { N: '1' } });

    const unknown = await call(endpoint.url, 'DynamoDBStreams_20120810.PutItem', {});
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.__type, /UnknownOperationException$/);

    // DynamoDB answers the Streams operations only under their own prefix.
    for (const operation of ['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords']) {
      const wrongPrefix = await call(endpoint.url, `DynamoDB_20120810.${operation}`, { StreamArn: streamArn });
      assert.equal(wrongPrefix.status, 400, operation);
      assert.match(wrongPrefix.body.__type, /UnknownOperationException$/, operation);
    }
  } finally {
    await endpoint.close();
  }
});
