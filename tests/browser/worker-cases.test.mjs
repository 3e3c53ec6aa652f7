// Worker mode (open({ ..., worker: true })) in headless Chromium: every case file of tests/cases
// replayed through a database whose engine runs in a module Worker, by the same package path as
// tests/web/cases.test.mjs (db.send with the low-level commands, errors turned back into bodies);
// plus the same error classes, streams, idb storage and close as the main thread.
// The case files run one after another on one worker database (a fresh worker each would take
// most of a minute), its tables deleted between them; the few cases that depend on a database
// nothing ran on before (ListStreams after other cases' deleted tables, an idempotency token
// replayed) are run again, each on a fresh worker database, and must pass there.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, startServer } from '../support/browser.mjs';
import { casesDir, listCaseFiles } from '../support/cases.mjs';

const PAGE = '/tests/browser/pages/tabs.html';

async function openPage(context, origin) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(origin + PAGE);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

test('worker mode: every case file gives the same responses and errors as on the main thread', async () => {
  const files = listCaseFiles().map((file) => [path.relative(casesDir, file), fs.readFileSync(file, 'utf8')]);
  assert.ok(files.length > 0);
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await openPage(context, server.origin);
    const failures = await page.evaluate(async (cases) => {
      const open = (name) => window.pd.PocketDynamo.open({ name, storage: 'memory', worker: true });
      const shared = await open('cases');
      const retry = [];
      for (const [name, text] of cases) {
        if (await window.runScenario(JSON.parse(text), window.packageExecute(shared))) retry.push([name, text]);
        for (const TableName of (await shared.listTables({})).TableNames) {
          await shared.updateTable({ TableName, DeletionProtectionEnabled: false }).catch(() => {});
          await shared.deleteTable({ TableName });
        }
      }
      await shared.close();
      const failed = [];
      for (const [name, text] of retry) {
        const fresh = await open(name);
        const difference = await window.runScenario(JSON.parse(text), window.packageExecute(fresh));
        await fresh.close();
        if (difference) failed.push(`${name}: ${difference}`);
      }
      return { failed, retried: retry.length };
    }, files);
    assert.deepEqual(failures.failed, []);
    assert.ok(failures.retried < 20, `${failures.retried} cases needed a fresh database`);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('worker mode: the same error classes, streams, idb kept across a reopen, DatabaseClosedError after close', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await openPage(context, server.origin);
    const result = await page.evaluate(async () => {
      const { PocketDynamo, ResourceNotFoundException, ConditionalCheckFailedException, DatabaseClosedError, ValidationException } = window.pd;
      const db = await PocketDynamo.open({ name: 'worker-idb', storage: 'idb', worker: true });
      await db.createTable(window.table('Orders', true));
      const seen = [];
      db.subscribe('Orders', (record) => seen.push(`${record.eventName} ${record.dynamodb.Keys.id}`), { shape: 'document' });
      const iterated = [];
      const reading = (async () => {
        for await (const record of db.streamRecords('Orders')) {
          iterated.push(record.dynamodb.Keys.id.S);
          if (iterated.length === 2) break;
        }
      })();
      await db.putItem({ TableName: 'Orders', Item: { id: { S: 'a' }, n: { N: '1' } } });
      await db.putItem({ TableName: 'Orders', Item: { id: { S: 'b' } } });
      const errors = {};
      try {
        await db.getItem({ TableName: 'Missing', Key: { id: { S: 'a' } } });
      } catch (error) {
        errors.missing = [error instanceof ResourceNotFoundException, error.name, error.message, error.$metadata.httpStatusCode];
      }
      try {
        await db.putItem({ TableName: 'Orders', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
      } catch (error) {
        errors.condition = [error instanceof ConditionalCheckFailedException, error.name, error.Item];
      }
      try {
        await db.putItem({ TableName: 'Orders', Item: { nope: { S: 'x' } } });
      } catch (error) {
        errors.validation = [error instanceof ValidationException, error.message];
      }
      let subscribeError;
      db.subscribe('Missing', () => {}, { onError: (error) => { subscribeError = error.name; } });
      await reading;
      const info = await db.storageInfo();
      await db.close();
      try {
        await db.getItem({ TableName: 'Orders', Key: { id: { S: 'a' } } });
      } catch (error) {
        errors.closed = error instanceof DatabaseClosedError;
      }
      const again = await PocketDynamo.open({ name: 'worker-idb', storage: 'idb', worker: true });
      const count = (await again.scan({ TableName: 'Orders' })).Count;
      await again.close();
      return { seen, iterated, errors, subscribeError, persisted: info.persisted, count, closedFlag: db.closed };
    });
    assert.deepEqual(result.seen, ['INSERT a', 'INSERT b']);
    assert.deepEqual(result.iterated, ['a', 'b']);
    assert.deepEqual(result.errors.missing, [true, 'ResourceNotFoundException', 'Requested resource not found', 400]);
    assert.deepEqual(result.errors.condition, [true, 'ConditionalCheckFailedException', { id: { S: 'a' }, n: { N: '1' } }]);
    assert.equal(result.errors.validation[0], true);
    assert.match(result.errors.validation[1], /key/i);
    assert.equal(result.errors.closed, true);
    assert.equal(result.subscribeError, 'ResourceNotFoundException');
    assert.equal(result.persisted, true);
    assert.equal(result.count, 2);
    assert.equal(result.closedFlag, true);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
