// The playground's pure modules, in Node: the `aws dynamodb create-table` parser (shell quoting,
// line continuations, shorthand, JSON, --cli-input-json, errors), the Query/Scan request printers,
// and the deterministic sample data.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseCreateTableCommand, parseShorthand, shellWords } from '../../demo/cli-parse.js';
import { awsCliCommand, documentClientCall, shellQuote } from '../../demo/request-format.js';
import { orders, products, sampleTables } from '../../demo/sample-data.js';

const music = {
  TableName: 'Music',
  AttributeDefinitions: [
    { AttributeName: 'Artist', AttributeType: 'S' },
    { AttributeName: 'SongTitle', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'Artist', KeyType: 'HASH' },
    { AttributeName: 'SongTitle', KeyType: 'RANGE' },
  ],
  ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
  TableClass: 'STANDARD',
};

test('the user guide\'s create-table command, with backslash continuations', () => {
  assert.deepEqual(parseCreateTableCommand(String.raw`aws dynamodb create-table \
    --table-name Music \
    --attribute-definitions \
        AttributeName=Artist,AttributeType=S \
        AttributeName=SongTitle,AttributeType=S \
    --key-schema \
        AttributeName=Artist,KeyType=HASH \
        AttributeName=SongTitle,KeyType=RANGE \
    --provisioned-throughput \
        ReadCapacityUnits=5,WriteCapacityUnits=5 \
    --table-class STANDARD`), music);
});

test('the same on one line, as JSON, with Windows ^ continuations, and from --cli-input-json', () => {
  assert.deepEqual(parseCreateTableCommand('$ aws dynamodb create-table --table-name Music --attribute-definitions AttributeName=Artist,AttributeType=S AttributeName=SongTitle,AttributeType=S --key-schema AttributeName=Artist,KeyType=HASH AttributeName=SongTitle,KeyType=RANGE --provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5 --table-class STANDARD --region us-west-2 --output json'), music);
  assert.deepEqual(parseCreateTableCommand(`aws dynamodb create-table --table-name Music ^
  --attribute-definitions '${JSON.stringify(music.AttributeDefinitions)}' ^
  --key-schema '${JSON.stringify(music.KeySchema)}' ^
  --provisioned-throughput '{"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}' --table-class=STANDARD`), music);
  assert.deepEqual(parseCreateTableCommand(`aws dynamodb create-table --cli-input-json '${JSON.stringify(music)}'`), music);
  // Options given besides --cli-input-json win over its members, as in the CLI.
  assert.equal(parseCreateTableCommand(`aws dynamodb create-table --cli-input-json '${JSON.stringify(music)}' --table-name Other`).TableName, 'Other');
});

test('billing mode, indexes in shorthand and in double-quoted JSON, streams, flags', () => {
  const request = parseCreateTableCommand(String.raw`aws dynamodb create-table --table-name Shop \
    --attribute-definitions AttributeName=Id,AttributeType=S AttributeName=Category,AttributeType=S AttributeName=Price,AttributeType=N \
    --key-schema AttributeName=Id,KeyType=HASH \
    --billing-mode PAY_PER_REQUEST \
    --global-secondary-indexes "IndexName=ByCategory,KeySchema=[{AttributeName=Category,KeyType=HASH},{AttributeName=Price,KeyType=RANGE}],Projection={ProjectionType=INCLUDE,NonKeyAttributes=[Name,Stock]}" \
        "[{\"IndexName\": \"ByPrice\", \"KeySchema\": [{\"AttributeName\": \"Price\", \"KeyType\": \"HASH\"}], \"Projection\": {\"ProjectionType\": \"KEYS_ONLY\"}}]" \
    --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES \
    --tags Key=team,Value=shop Key=env,Value=dev \
    --deletion-protection-enabled`);
  assert.equal(request.BillingMode, 'PAY_PER_REQUEST');
  assert.deepEqual(request.GlobalSecondaryIndexes[0], {
    IndexName: 'ByCategory',
    KeySchema: [{ AttributeName: 'Category', KeyType: 'HASH' }, { AttributeName: 'Price', KeyType: 'RANGE' }],
    Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['Name', 'Stock'] },
  });
  assert.deepEqual(request.GlobalSecondaryIndexes[1], {
    IndexName: 'ByPrice', KeySchema: [{ AttributeName: 'Price', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' },
  });
  assert.equal(request.GlobalSecondaryIndexes.length, 2);
  assert.deepEqual(request.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  assert.deepEqual(request.Tags, [{ Key: 'team', Value: 'shop' }, { Key: 'env', Value: 'dev' }]);
  assert.equal(request.DeletionProtectionEnabled, true);
});

test('shorthand details and shell words', () => {
  assert.deepEqual(parseShorthand('NonKeyAttributes=a,b,ProjectionType=INCLUDE'), { NonKeyAttributes: ['a', 'b'], ProjectionType: 'INCLUDE' });
  assert.deepEqual(parseShorthand('A="x, y",B=[]'), { A: 'x, y', B: [] });
  assert.deepEqual(shellWords(`a 'b c' "d \\"e\\"" f\\ g # comment\nh`), ['a', 'b c', 'd "e"', 'f g', 'h']);
});

test('mistakes are reported, naming the option', () => {
  const error = (command) => {
    try {
      parseCreateTableCommand(command);
    } catch (caught) {
      return `${caught.name}: ${caught.message}`;
    }
    assert.fail(`no error for ${command}`);
  };
  assert.match(error('aws s3 ls'), /^ParamValidation: Expected a command starting with "aws dynamodb create-table"/);
  assert.match(error('aws dynamodb delete-table --table-name X'), /Only create-table/);
  assert.match(error('aws dynamodb create-table --table-name X --key-schema AttributeName=A,KeyType=HASH'), /required: --attribute-definitions/);
  assert.match(error('aws dynamodb create-table --table-name X --attribute-definitions AttributeName=A,AttributeType=S --key-schema AttributeName=A,KeyType=HASH --bogus 1'), /Unknown options: --bogus, 1/);
  assert.match(error(`aws dynamodb create-table --table-name X --key-schema '[{"AttributeName": "A",'`), /--key-schema': Invalid JSON/);
  assert.match(error('aws dynamodb create-table --cli-input-json file://table.json'), /file:\/\/ value cannot be read/);
  assert.match(error(`aws dynamodb create-table --table-name 'X`), /unclosed single quote/);
});

test('a Query shown as a DocumentClient call and as the AWS CLI command', () => {
  const input = {
    TableName: 'Orders', IndexName: 'ByStatus', KeyConditionExpression: '#s = :s AND OrderDate >= :since',
    FilterExpression: 'OrderTotal > :min', ExpressionAttributeNames: { '#s': 'Status' },
    ExpressionAttributeValues: { ':s': 'PENDING', ':since': "2024-12-01", ':min': 300 }, ScanIndexForward: false, Limit: 20,
  };
  assert.equal(awsCliCommand('Query', input), [
    'aws dynamodb query',
    '    --table-name Orders',
    '    --index-name ByStatus',
    "    --key-condition-expression '#s = :s AND OrderDate >= :since'",
    "    --filter-expression 'OrderTotal > :min'",
    `    --expression-attribute-names '{"#s":"Status"}'`,
    `    --expression-attribute-values '{":s":{"S":"PENDING"},":since":{"S":"2024-12-01"},":min":{"N":"300"}}'`,
    '    --no-scan-index-forward',
    '    --limit 20',
    '    --no-paginate',
  ].join(' \\\n'));
  const call = documentClientCall('Query', input);
  assert.match(call, /const \{ Items, LastEvaluatedKey \} = await doc\.query\(\{\n {2}TableName: "Orders",/);
  assert.match(call, /ExpressionAttributeValues: \{\n {4}":s": "PENDING",/);
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.match(awsCliCommand('Scan', { TableName: 'T' }), /^aws dynamodb scan \\\n {4}--table-name T$/);
});

test('the sample data is the same every time, with unique keys', () => {
  const first = [...orders()];
  assert.deepEqual([...orders()], first);
  assert.equal(first.length, 4000);
  assert.equal(new Set(first.map((order) => `${order.CustomerId}/${order.OrderId}`)).size, 4000);
  const catalog = [...products()];
  assert.equal(catalog.length, 1000);
  assert.equal(new Set(catalog.map((product) => product.ProductId)).size, 1000);
  assert.deepEqual(sampleTables.map((table) => table.TableName), ['Products', 'Orders']);
});
