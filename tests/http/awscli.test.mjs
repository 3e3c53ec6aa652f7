// The AWS CLI (Debian's awscli package) against the endpoint: the DynamoDB user guide's
// create-table command exactly as printed there but for --endpoint-url, then the item, PartiQL
// and table commands. Dummy credentials in the environment, as a user would set them; and an
// endpoint started with credentials, which checks the CLI's (botocore's) SigV4 signature.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEndpoint } from '../support/http.mjs';

const AWS = process.env.AWS_CLI ?? '/usr/bin/aws';
const run = promisify(execFile);

let endpoint;
let home;
test.before(async () => {
  endpoint = await startEndpoint();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-awscli-'));
});
test.after(async () => {
  await endpoint.close();
  fs.rmSync(home, { recursive: true, force: true });
});

// Runs `aws <args> --endpoint-url <endpoint>`; resolves to the parsed JSON output, or rejects
// with the CLI's error (its stderr names the DynamoDB exception).
async function aws(...args) {
  return awsWith({}, endpoint.url, ...args);
}

async function awsWith(keys, url, ...args) {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'dummy',
    AWS_SECRET_ACCESS_KEY: 'dummy',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    ...keys,
  };
  const { stdout } = await run(AWS, [...args, '--endpoint-url', url, '--output', 'json'], { env, timeout: 30_000 });
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

const KEY = '{"UserId": {"S": "ada"}, "Email": {"S": "ada@example.com"}}';

test('the AWS CLI is installed (Debian\'s awscli package)', () => {
  assert.ok(fs.existsSync(AWS), `${AWS} is missing: scripts/install-deps.sh installs the awscli package`);
});

test('create-table, exactly as in the DynamoDB developer guide', async () => {
  const output = await aws('dynamodb', 'create-table',
    '--table-name', 'Users',
    '--attribute-definitions', 'AttributeName=UserId,AttributeType=S', 'AttributeName=Email,AttributeType=S',
    '--key-schema', 'AttributeName=UserId,KeyType=HASH', 'AttributeName=Email,KeyType=RANGE',
    '--provisioned-throughput', 'ReadCapacityUnits=5,WriteCapacityUnits=5');
  assert.equal(output.TableDescription.TableName, 'Users');
  assert.equal(output.TableDescription.TableStatus, 'ACTIVE');
  assert.deepEqual(output.TableDescription.KeySchema, [
    { AttributeName: 'UserId', KeyType: 'HASH' },
    { AttributeName: 'Email', KeyType: 'RANGE' },
  ]);
  assert.equal(output.TableDescription.ProvisionedThroughput.ReadCapacityUnits, 5);
});

test('put-item, get-item, query, scan, update-item, delete-item', async () => {
  await aws('dynamodb', 'put-item', '--table-name', 'Users',
    '--item', '{"UserId": {"S": "ada"}, "Email": {"S": "ada@example.com"}, "Name": {"S": "Ada"}, "Logins": {"N": "1"}}');
  await aws('dynamodb', 'put-item', '--table-name', 'Users',
    '--item', '{"UserId": {"S": "ada"}, "Email": {"S": "ada@work.example"}, "Name": {"S": "Ada L."}}');

  const got = await aws('dynamodb', 'get-item', '--table-name', 'Users', '--key', KEY);
  assert.deepEqual(got.Item, { UserId: { S: 'ada' }, Email: { S: 'ada@example.com' }, Name: { S: 'Ada' }, Logins: { N: '1' } });

  const queried = await aws('dynamodb', 'query', '--table-name', 'Users',
    '--key-condition-expression', 'UserId = :u', '--expression-attribute-values', '{":u": {"S": "ada"}}');
  assert.equal(queried.Count, 2);
  assert.deepEqual(queried.Items.map((item) => item.Email.S), ['ada@example.com', 'ada@work.example']);

  const scanned = await aws('dynamodb', 'scan', '--table-name', 'Users');
  assert.equal(scanned.Count, 2);

  const updated = await aws('dynamodb', 'update-item', '--table-name', 'Users', '--key', KEY,
    '--update-expression', 'SET Logins = Logins + :one', '--expression-attribute-values', '{":one": {"N": "1"}}',
    '--return-values', 'UPDATED_NEW');
  assert.deepEqual(updated.Attributes, { Logins: { N: '2' } });

  const deleted = await aws('dynamodb', 'delete-item', '--table-name', 'Users', '--key', KEY, '--return-values', 'ALL_OLD');
  assert.equal(deleted.Attributes.Logins.N, '2');
  assert.deepEqual(await aws('dynamodb', 'get-item', '--table-name', 'Users', '--key', KEY), {});
});

test('a DynamoDB error reaches the CLI with its name and message', async () => {
  await assert.rejects(aws('dynamodb', 'put-item', '--table-name', 'Users', '--item', KEY,
    '--condition-expression', 'attribute_exists(UserId)'), (error) => {
    assert.match(error.stderr, /ConditionalCheckFailedException/);
    assert.match(error.stderr, /The conditional request failed/);
    return true;
  });
});

test('PartiQL: execute-statement, batch-execute-statement, execute-transaction', async () => {
  await aws('dynamodb', 'execute-statement', '--statement',
    'INSERT INTO "Users" VALUE {\'UserId\': \'bob\', \'Email\': \'bob@example.com\', \'Logins\': 1}');
  const selected = await aws('dynamodb', 'execute-statement', '--statement', 'SELECT Email, Logins FROM "Users" WHERE UserId = ?',
    '--parameters', '[{"S": "bob"}]');
  assert.deepEqual(selected.Items, [{ Email: { S: 'bob@example.com' }, Logins: { N: '1' } }]);
  await assert.rejects(aws('dynamodb', 'execute-statement', '--statement',
    'INSERT INTO "Users" VALUE {\'UserId\': \'bob\', \'Email\': \'bob@example.com\'}'), /DuplicateItemException/);

  const batch = await aws('dynamodb', 'batch-execute-statement', '--statements', JSON.stringify([
    { Statement: 'UPDATE "Users" SET Logins = Logins + 1 WHERE UserId = \'bob\' AND Email = \'bob@example.com\'' },
    { Statement: 'UPDATE "Users" SET Logins = 1 WHERE UserId = \'nobody\' AND Email = \'x\'' },
  ]));
  assert.equal(batch.Responses[0].Error, undefined);
  assert.equal(batch.Responses[1].Error.Code, 'ConditionalCheckFailed');

  const read = await aws('dynamodb', 'execute-transaction', '--transact-statements', JSON.stringify([
    { Statement: 'SELECT Logins FROM "Users" WHERE UserId = ? AND Email = ?', Parameters: [{ S: 'bob' }, { S: 'bob@example.com' }] },
  ]));
  assert.deepEqual(read.Responses, [{ Item: { Logins: { N: '2' } } }]);
  await aws('dynamodb', 'execute-transaction', '--transact-statements', JSON.stringify([
    { Statement: 'DELETE FROM "Users" WHERE UserId = \'bob\' AND Email = \'bob@example.com\'' },
  ]));
  assert.deepEqual((await aws('dynamodb', 'execute-statement', '--statement', 'SELECT * FROM "Users" WHERE UserId = \'bob\'')).Items, []);
});

test('tag-resource, list-tags-of-resource, untag-resource; the ARN is in the region the CLI signed for', async () => {
  const arn = (await aws('dynamodb', 'describe-table', '--table-name', 'Users')).Table.TableArn;
  assert.equal(arn, 'arn:aws:dynamodb:us-east-1:000000000000:table/Users');
  assert.deepEqual(await aws('dynamodb', 'tag-resource', '--resource-arn', arn, '--tags', 'Key=env,Value=test', 'Key=team,Value=data'), {});
  assert.deepEqual(await aws('dynamodb', 'list-tags-of-resource', '--resource-arn', arn),
    { Tags: [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'data' }] });
  await aws('dynamodb', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'team');
  assert.deepEqual(await aws('dynamodb', 'list-tags-of-resource', '--resource-arn', arn), { Tags: [{ Key: 'env', Value: 'test' }] });
  await assert.rejects(aws('dynamodb', 'list-tags-of-resource', '--resource-arn', `${arn}x`), /ResourceNotFoundException/);
});

test('describe-table, list-tables, delete-table', async () => {
  const described = await aws('dynamodb', 'describe-table', '--table-name', 'Users');
  assert.equal(described.Table.TableStatus, 'ACTIVE');
  assert.deepEqual(await aws('dynamodb', 'list-tables'), { TableNames: ['Users'] });
  const deleted = await aws('dynamodb', 'delete-table', '--table-name', 'Users');
  assert.equal(deleted.TableDescription.TableName, 'Users');
  assert.deepEqual(await aws('dynamodb', 'list-tables'), { TableNames: [] });
  await assert.rejects(aws('dynamodb', 'describe-table', '--table-name', 'Users'), /ResourceNotFoundException/);
});

test('with --credentials on the endpoint, the CLI signing with that key gets through and a wrong secret does not', async (t) => {
  const secured = await startEndpoint({ credentials: [{ accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local/Secret+Key' }] });
  t.after(() => secured.close());
  const right = { AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local/Secret+Key' };
  assert.deepEqual(await awsWith(right, secured.url, 'dynamodb', 'list-tables'), { TableNames: [] });
  const created = await awsWith(right, secured.url, 'dynamodb', 'create-table', '--table-name', 'Signed',
    '--attribute-definitions', 'AttributeName=id,AttributeType=S', '--key-schema', 'AttributeName=id,KeyType=HASH',
    '--billing-mode', 'PAY_PER_REQUEST');
  assert.equal(created.TableDescription.TableName, 'Signed');
  await assert.rejects(awsWith({ ...right, AWS_SECRET_ACCESS_KEY: 'wrong' }, secured.url, 'dynamodb', 'list-tables'), (error) => {
    assert.match(error.stderr, /InvalidSignatureException/);
    assert.match(error.stderr, /The request signature we calculated does not match the signature you provided/);
    return true;
  });
});
