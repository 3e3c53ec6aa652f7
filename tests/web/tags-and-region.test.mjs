// Tags and the point-in-time-recovery flag are kept with the catalog (a reopened database has
// them), and open({ region }) names the region of ARNs.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PocketDynamo } from 'pocketdynamo';

const table = {
  TableName: 'Things',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  Tags: [{ Key: 'env', Value: 'test' }],
};

test('tags and point-in-time recovery survive a close and reopen of a stored database', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-tags-'));
  try {
    const first = await PocketDynamo.open({ name: 'tags', storage: 'fs', path: dir });
    const arn = (await first.createTable(table)).TableDescription.TableArn;
    await first.tagResource({ ResourceArn: arn, Tags: [{ Key: 'team', Value: 'data' }] });
    await first.updateContinuousBackups({ TableName: 'Things', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 10 } });
    await first.close();

    const second = await PocketDynamo.open({ name: 'tags', storage: 'fs', path: dir });
    try {
      assert.deepEqual((await second.listTagsOfResource({ ResourceArn: arn })).Tags,
        [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'data' }]);
      const pitr = (await second.describeContinuousBackups({ TableName: 'Things' })).ContinuousBackupsDescription.PointInTimeRecoveryDescription;
      assert.equal(pitr.PointInTimeRecoveryStatus, 'ENABLED');
      assert.equal(pitr.RecoveryPeriodInDays, 10);
      assert.ok(pitr.EarliestRestorableDateTime instanceof Date);
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a catalog written before tags existed still opens, its tables with no tags and recovery off', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-golden-'));
  try {
    fs.cpSync(new URL('../golden/storage-v2', import.meta.url), dir, { recursive: true });
    const db = await PocketDynamo.open({ name: 'golden', storage: 'fs', path: dir });
    try {
      const names = (await db.listTables({})).TableNames;
      assert.ok(names.length > 0);
      for (const name of names) {
        const arn = (await db.describeTable({ TableName: name })).Table.TableArn;
        assert.deepEqual((await db.listTagsOfResource({ ResourceArn: arn })).Tags, [], name);
        const backups = (await db.describeContinuousBackups({ TableName: name })).ContinuousBackupsDescription;
        assert.equal(backups.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus, 'DISABLED', name);
      }
    } finally {
      await db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('open({ region }) names the region of table ARNs; the default is local', async () => {
  const west = await PocketDynamo.open({ name: 'west', storage: 'memory', region: 'us-west-2' });
  const plain = await PocketDynamo.open({ name: 'plain', storage: 'memory' });
  try {
    assert.equal((await west.createTable(table)).TableDescription.TableArn, 'arn:aws:dynamodb:us-west-2:000000000000:table/Things');
    assert.equal((await plain.createTable(table)).TableDescription.TableArn, 'arn:aws:dynamodb:local:000000000000:table/Things');
    assert.equal((await west.describeEndpoints({})).Endpoints[0].Address, 'dynamodb.us-west-2.amazonaws.com');
  } finally {
    await west.close();
    await plain.close();
  }
  await assert.rejects(PocketDynamo.open({ name: 'x', storage: 'memory', region: 'US East' }), TypeError);
});
