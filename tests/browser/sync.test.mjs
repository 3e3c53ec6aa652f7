// db.sync in headless Chromium, against `pocketdynamo serve` on loopback: the page goes offline,
// writes (each write resolves at once, into the stored outbox), is reloaded while the remote is
// still unreachable, and when the network comes back the writes go up.
import test from 'node:test';
import assert from 'node:assert/strict';
import { PocketDynamo } from 'pocketdynamo';
import { startServer as startEndpoint } from 'pocketdynamo/server';
import { WAIT_TIMEOUT_MS, launchBrowser, startServer } from '../support/browser.mjs';

const notesTable = {
  TableName: 'Notes',
  AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }, { AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'id', KeyType: 'RANGE' }],
  BillingMode: 'PAY_PER_REQUEST',
};

async function remoteIds(db) {
  const { Items } = await db.scan({ TableName: 'Notes' });
  return Items.map((item) => item.id.S).sort();
}

test('Chromium: offline writes survive a reload and sync when the network is back', async (t) => {
  const pages = await startServer();
  const remoteDb = await PocketDynamo.open({ name: 'sync-browser-remote', storage: 'memory', tables: [notesTable] });
  const endpoint = await startEndpoint({ db: remoteDb, port: 0, host: '127.0.0.1', corsOrigins: [pages.origin] });
  const { context } = await launchBrowser();
  t.after(async () => { await context.close(); await endpoint.close(); await remoteDb.close(); await pages.close(); });
  await remoteDb.putItem({ TableName: 'Notes', Item: { owner: { S: 'cloud' }, id: { S: 'c1' }, version: { N: '1' }, updatedAt: { N: '1' } } });

  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${pages.origin}/tests/browser/pages/sync.html`);
  await page.waitForFunction(() => window.ready === true);
  await page.evaluate((url) => window.startSync(url), endpoint.url);
  await page.waitForFunction(() => window.rounds.length >= 1);
  assert.deepEqual(await page.evaluate(() => window.rounds[0].pulled), 1, 'the first round pulled the cloud item');

  await context.setOffline(true);
  const offline = await page.evaluate(async () => {
    for (const id of ['o1', 'o2', 'o3']) await window.write(id, `written offline ${id}`);
    return window.sync.status;
  });
  assert.equal(offline.online, false);
  assert.equal(offline.pendingWrites, 3);

  // The remote stays unreachable through the reload; the page itself loads.
  await context.route(`${endpoint.url}/**`, (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  await page.reload();
  await page.waitForFunction(() => window.ready === true);
  const reloaded = await page.evaluate((url) => window.startSync(url), endpoint.url);
  assert.equal(reloaded.pendingWrites, 3, 'the outbox survived the reload');
  await page.waitForFunction(() => window.rounds.some((round) => round.error));
  assert.deepEqual(await remoteIds(remoteDb), ['c1']);

  // Back online: the browser's online event starts a round.
  await context.unroute(`${endpoint.url}/**`);
  await context.setOffline(true);
  await context.setOffline(false);
  await page.waitForFunction(() => window.rounds.some((round) => round.pushed === 3));
  assert.deepEqual(await remoteIds(remoteDb), ['c1', 'o1', 'o2', 'o3']);
  assert.equal(await page.evaluate(() => window.sync.status.pendingWrites), 0);
  assert.deepEqual(errors, []);
});

test('Chromium, two tabs sharing the database: the owner tab syncs, the other sees its status, then takes over', async (t) => {
  const pages = await startServer();
  const remoteDb = await PocketDynamo.open({ name: 'sync-browser-tabs', storage: 'memory', tables: [notesTable] });
  const endpoint = await startEndpoint({ db: remoteDb, port: 0, host: '127.0.0.1', corsOrigins: [pages.origin] });
  const { context } = await launchBrowser();
  t.after(async () => { await context.close(); await endpoint.close(); await remoteDb.close(); await pages.close(); });
  const openTab = async () => {
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    await page.goto(`${pages.origin}/tests/browser/pages/sync.html`);
    await page.waitForFunction(() => window.ready === true);
    await page.evaluate((url) => window.startSync(url, { shared: true }), endpoint.url);
    await page.evaluate(() => window.watchStatus());
    return page;
  };
  const owner = await openTab();
  const other = await openTab();
  assert.equal(await owner.evaluate(() => window.sync.status.owner), true);
  assert.equal(await other.evaluate(() => window.sync.status.owner), false);

  // A write in the other tab is captured and pushed by the owner; the other tab sees the status.
  await other.evaluate(() => window.write('from-other', 'hello'));
  // Every round sets lastPush, the start round's too: a status seen so far may predate this push.
  // So the push is awaited at the remote, then the other tab's status must show it done.
  for (const deadline = Date.now() + WAIT_TIMEOUT_MS; !(await remoteIds(remoteDb)).includes('from-other');) {
    if (Date.now() > deadline) assert.fail('the owner tab never pushed the write made in the other tab');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await other.waitForFunction(() => {
    const status = window.sync.status;
    return status.lastPush && status.pendingWrites === 0 && !status.syncing;
  });
  await other.waitForFunction(() => window.statuses.some((status) => status.lastPush && status.pendingWrites === 0 && !status.syncing));
  assert.deepEqual(await remoteIds(remoteDb), ['from-other']);
  const round = await other.evaluate(() => window.sync.now());
  assert.equal(round.pushed, 0, 'now() in the other tab runs a round in the owner');

  // The owner goes away: the other tab takes over and its sync runs there.
  await owner.close();
  await other.waitForFunction(() => window.sync.status.owner === true);
  await other.evaluate(() => { window.rounds = []; return window.write('after-takeover', 'again'); });
  await other.waitForFunction(() => window.rounds.some((r) => r.pushed === 1));
  assert.deepEqual(await remoteIds(remoteDb), ['after-takeover', 'from-other']);
  assert.deepEqual(other.errors, []);
});
