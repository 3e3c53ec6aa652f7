// storage: 'idb' in headless Chromium: data survives a reload and a browser relaunch on the same
// profile; a second tab gets DatabaseLockedError (or waits with lock: 'wait'); a small quota set
// through the DevTools protocol gives StorageQuotaExceededError and loses nothing acknowledged.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from '../support/browser.mjs';

const PAGE = '/tests/browser/pages/persistence.html';

async function openPage(context, origin) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(origin + PAGE);
  await page.waitForFunction(() => window.ready === true);
  page.errors = errors;
  return page;
}

// Opens `name` in the page (as window.db) and returns the test table's contents (creating the table).
const openAndRead = (page, name, options = {}) => page.evaluate(async ({ name, options }) => {
  const { support } = window;
  window.db = await support.open({ name, storage: 'idb', ...options });
  const tables = (await window.db.listTables({})).TableNames;
  if (!tables.includes(support.TABLE)) await support.createTable(window.db);
  return { contents: await support.contents(window.db), report: window.db.recoveryReport };
}, { name, options });

test('idb in Chromium: data survives a reload and a browser relaunch on the same profile', async () => {
  const server = await startServer();
  let { context, dir } = await launchBrowser();
  try {
    let page = await openPage(context, server.origin);
    assert.deepEqual((await openAndRead(page, 'notes')).contents, {});
    await page.evaluate(async () => {
      const { support, db, pd } = window;
      await support.put(db, 'a', 'one');
      await db.transactWriteItems({ TransactItems: [
        { Put: { TableName: support.TABLE, Item: { id: { S: 'b' }, v: { S: 'two' } } } },
        { Put: { TableName: support.TABLE, Item: { id: { S: 'c' }, v: { S: 'three' } } } },
      ] });
      await pd.DynamoDBDocument.from(db).put({ TableName: support.TABLE, Item: { id: 'd', v: 'four' } });
      // Not closed: the page just goes away.
    });
    await page.reload();
    await page.waitForFunction(() => window.ready === true);
    const afterReload = await openAndRead(page, 'notes');
    assert.deepEqual(afterReload.contents, { a: 'one', b: 'two', c: 'three', d: 'four' });
    assert.deepEqual(afterReload.report.problems, []);
    await page.evaluate(async () => {
      await window.support.put(window.db, 'e', 'five', { durability: 'relaxed' });
      await window.db.flush();
    });
    assert.deepEqual(page.errors, []);
    await context.close();

    ({ context } = await launchBrowser({ dir }));
    page = await openPage(context, server.origin);
    const afterRelaunch = await openAndRead(page, 'notes');
    assert.deepEqual(afterRelaunch.contents, { a: 'one', b: 'two', c: 'three', d: 'four', e: 'five' });
    // Another name is another database.
    assert.deepEqual((await openAndRead(page, 'other')).contents, {});
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("idb in Chromium: lock: 'fail' in a second tab gets DatabaseLockedError, or with lock: wait opens once the first closes", async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const first = await openPage(context, server.origin);
    await openAndRead(first, 'shared');
    await first.evaluate(() => window.support.put(window.db, 'from-first'));
    const second = await openPage(context, server.origin);
    const refused = await second.evaluate(() => window.support.open({ name: 'shared', storage: 'idb', lock: 'fail' })
      .then(() => 'opened', (error) => ({ name: error.name, isClass: error instanceof window.pd.DatabaseLockedError, message: error.message })));
    assert.equal(refused.name, 'DatabaseLockedError');
    assert.equal(refused.isClass, true);
    assert.match(refused.message, /open elsewhere/);
    // The same page opening it twice is refused too.
    const samePage = await first.evaluate(() => window.support.open({ name: 'shared', storage: 'idb', lock: 'fail' }).then(() => 'opened', (e) => e.name));
    assert.equal(samePage, 'DatabaseLockedError');

    await second.evaluate(() => {
      window.waited = window.support.open({ name: 'shared', storage: 'idb', lock: 'wait' }).then(async (db) => {
        window.db = db;
        return window.support.contents(db);
      });
      window.waitedDone = false;
      window.waited.then(() => { window.waitedDone = true; });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await second.evaluate(() => window.waitedDone), false, 'waits while the first tab has it open');
    await first.evaluate(async () => {
      await window.support.put(window.db, 'last-from-first');
      await window.db.close();
    });
    assert.deepEqual(await second.evaluate(() => window.waited), { 'from-first': 'from-first', 'last-from-first': 'last-from-first' });
    // Closing a tab releases its lock too.
    await second.close();
    const third = await openPage(context, server.origin);
    assert.equal(Object.keys((await openAndRead(third, 'shared')).contents).length, 2);
  } finally {
    await context.close();
    await server.close();
  }
});

test('idb in Chromium: a small quota (Storage.overrideQuotaForOrigin) gives StorageQuotaExceededError; the database stays usable and keeps what was acknowledged', async () => {
  const server = await startServer();
  let { context, dir } = await launchBrowser();
  try {
    let page = await openPage(context, server.origin);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 2 * 1024 * 1024 });
    await openAndRead(page, 'quota');
    const result = await page.evaluate(async () => {
      const { support, db, pd } = window;
      // Random, so that IndexedDB's compression cannot shrink it below the quota.
      const random = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(60_000))));
      const big = random();
      const acknowledged = [];
      let error = null;
      for (let i = 0; i < 200 && !error; i++) {
        try {
          await support.put(db, `big${i}`, big);
          acknowledged.push(`big${i}`);
        } catch (failure) {
          error = { name: failure.name, quota: failure instanceof pd.StorageQuotaExceededError, message: failure.message, id: `big${i}` };
        }
      }
      // Usable: reads answer, and the failed write was undone.
      const ids = Object.keys(await support.contents(db));
      const failedIsThere = ids.includes(error?.id);
      // Small writes fail too while the quota is full, then work again once space is freed.
      return { acknowledged, error, ids, failedIsThere };
    });
    assert.ok(result.error, 'the quota was reached');
    assert.equal(result.error.name, 'StorageQuotaExceededError');
    assert.equal(result.error.quota, true);
    assert.ok(result.acknowledged.length > 0);
    assert.equal(result.failedIsThere, false);
    assert.deepEqual(result.ids.sort(), [...result.acknowledged].sort());

    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin });
    const after = await page.evaluate(async () => {
      await window.support.put(window.db, 'after-quota', 'small');
      return Object.keys(await window.support.contents(window.db)).length;
    });
    assert.equal(after, result.acknowledged.length + 1);
    assert.deepEqual(page.errors, []);
    await context.close();

    ({ context } = await launchBrowser({ dir }));
    page = await openPage(context, server.origin);
    const reopened = Object.keys((await openAndRead(page, 'quota')).contents).sort();
    assert.deepEqual(reopened, [...result.acknowledged, 'after-quota'].sort());
  } finally {
    await context.close();
    await server.close();
  }
});

test('idb in Chromium: a database stored at IndexedDB version 1 (chunks only) is upgraded on open, keeps its items and lists its files in the files store', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await openPage(context, server.origin);
    const made = await openAndRead(page, 'made-at-v2');
    assert.deepEqual(made.contents, {});
    const result = await page.evaluate(async () => {
      const { support } = window;
      for (let i = 0; i < 30; i++) await support.put(window.db, `item-${i}`, `value-${i}`);
      const expected = await support.contents(window.db);
      await window.db.close();
      const done = (request) => new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const committed = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
      // Copy every chunk into a version 1 database, as an older PocketDynamo stored it.
      const source = await done(indexedDB.open('pocketdynamo:made-at-v2'));
      const store = source.transaction('chunks').objectStore('chunks');
      const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
      source.close();
      const opening = indexedDB.open('pocketdynamo:stored-at-v1', 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('chunks');
      const old = await done(opening);
      const tx = old.transaction('chunks', 'readwrite');
      keys.forEach((key, i) => tx.objectStore('chunks').put(values[i], key));
      await committed(tx);
      old.close();
      // Open it with PocketDynamo, write once more, reopen.
      const upgraded = await support.open({ name: 'stored-at-v1', storage: 'idb' });
      const afterUpgrade = await support.contents(upgraded);
      await support.put(upgraded, 'item-30', 'value-30');
      await upgraded.close();
      const reopened = await support.open({ name: 'stored-at-v1', storage: 'idb' });
      const afterReopen = await support.contents(reopened);
      await reopened.close();
      const raw = await done(indexedDB.open('pocketdynamo:stored-at-v1'));
      const files = await done(raw.transaction('files').objectStore('files').getAllKeys());
      const chunkFiles = [...new Set((await done(raw.transaction('chunks').objectStore('chunks').getAllKeys())).map(([file]) => file))];
      const version = raw.version;
      raw.close();
      return { expected, afterUpgrade, afterReopen, files, chunkFiles, version };
    });
    assert.equal(Object.keys(result.expected).length, 30);
    assert.deepEqual(result.afterUpgrade, result.expected);
    assert.deepEqual(result.afterReopen, { ...result.expected, 'item-30': 'value-30' });
    assert.equal(result.version, 2);
    assert.deepEqual(result.files, result.chunkFiles, 'the files store names exactly the files that have chunks');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
