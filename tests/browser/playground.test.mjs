// The playground as a person uses it: the page loads the engine, runs example requests in order,
// and shows DynamoDB's error (name and message) for a bad one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from '../support/browser.mjs';

test('the playground runs requests in the page and shows DynamoDB errors', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready');
    const run = async (operation) => {
      await page.selectOption('#operation', operation);
      await page.click('#run');
      await page.waitForFunction((op) => document.getElementById('status').textContent.includes(op)
        || document.getElementById('status').className === 'error', operation);
      return { status: await page.textContent('#status'), response: await page.textContent('#response') };
    };
    for (const operation of ['CreateTable', 'PutItem', 'GetItem', 'Query', 'UpdateItem']) {
      const { status } = await run(operation);
      assert.equal(status, `${operation} succeeded`);
    }
    assert.match((await run('Query')).response, /"Count": 1/);
    assert.match((await run('UpdateItem')).response, /"Plays"/);

    await page.selectOption('#operation', 'DescribeTable');
    await page.fill('#request', JSON.stringify({ TableName: 'NoSuchTable' }));
    await page.click('#run');
    await page.waitForFunction(() => document.getElementById('status').className === 'error');
    assert.equal(await page.textContent('#status'), 'ResourceNotFoundException');
    assert.match(await page.textContent('#response'), /Requested resource not found: Table: NoSuchTable not found/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
