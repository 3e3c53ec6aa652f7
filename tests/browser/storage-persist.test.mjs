// db.persist() and the origin's usage and quota in db.storageInfo(), in headless Chromium, on a
// page and in a module Worker (which has navigator.storage.estimate() and persisted() but no
// persist()): the package answers what navigator.storage answers. Whether Chromium grants
// persistence depends on the site's engagement, so the tests compare, not expect a value.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from '../support/browser.mjs';
import { openCspPage, runInWorker, runOnPage, startCspServer } from '../support/csp.mjs';

const SCENARIO = '/tests/browser/pages/storage-scenario.js';

async function withPage(body) {
  const server = await startCspServer();
  const { context } = await launchBrowser();
  try {
    const { page, problems } = await openCspPage(context, server.origin);
    await body(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
}

function assertFacts(facts, canAsk) {
  assert.equal(facts.canAsk, canAsk);
  assert.equal(typeof facts.persisted, 'boolean');
  assert.equal(facts.persisted, facts.browserSays);
  assert.equal(facts.persisted, facts.stillPersistedAfter);
  assert.equal(facts.storage, 'idb');
  assert.ok(facts.files > 0);
  assert.equal(facts.usage, 'a number of bytes');
  assert.equal(facts.quota, 'a positive number of bytes');
  assert.equal(facts.usageWithinQuota, true);
}

test('on a page, db.persist() answers what navigator.storage.persist() answers, and storageInfo() has the origin usage and quota', async () => {
  await withPage(async (page) => {
    const { result, violations } = await runOnPage(page, SCENARIO, { name: 'persist-page' });
    assert.deepEqual(violations, []);
    assertFacts(result, true);
  });
});

test('in a module Worker, db.persist() answers navigator.storage.persisted(), and storageInfo() has the origin usage and quota', async () => {
  await withPage(async (page) => {
    const { result, violations } = await runInWorker(page, SCENARIO, { name: 'persist-worker' });
    assert.deepEqual(violations, []);
    assertFacts(result, false);
  });
});
