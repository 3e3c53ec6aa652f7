// A damaged catalog in Chromium's IndexedDB: one flipped bit, or the catalog record deleted, and
// the database reopens after a reload with every item, says what it repaired in the console and
// in db.recoveryReport until acknowledged, and no later reload deletes anything.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from '../support/browser.mjs';

const PAGE = '/tests/browser/pages/persistence.html';
const ITEMS = 30;

async function openPage(context, origin) {
  const page = await context.newPage();
  page.errors = [];
  page.warnings = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'warning') page.warnings.push(message.text()); });
  await page.goto(origin + PAGE);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

// Opens the database, reads every item, reports what recovery said, and closes it.
const openReadClose = (page, name, write) => page.evaluate(async ({ name, write }) => {
  const { support } = window;
  const db = await support.open({ name, storage: 'idb' });
  if (write) await support.put(db, write, 'written');
  const out = { contents: await support.contents(db), report: db.recoveryReport };
  await db.close();
  return out;
}, { name, write });

// Changes chunk 0 of the stored file whose name starts with `prefix` (flip a bit, or delete it).
const damage = (page, name, prefix, how) => page.evaluate(({ name, prefix, how }) => new Promise((resolve, reject) => {
  const request = indexedDB.open(`pocketdynamo:${name}`);
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction('chunks', 'readwrite');
    const store = tx.objectStore('chunks');
    let file = null;
    store.openKeyCursor().onsuccess = (event) => {
      const cursor = event.target.result;
      if (cursor && !String(cursor.key[0]).startsWith(prefix)) return cursor.continue();
      if (!cursor) return;
      file = cursor.key[0];
      if (how === 'delete') {
        store.delete([file, 0]);
      } else {
        store.get([file, 0]).onsuccess = (got) => {
          const bytes = new Uint8Array(got.target.result);
          bytes[40] ^= 0x04;
          store.put(bytes, [file, 0]);
        };
      }
    };
    tx.oncomplete = () => { db.close(); resolve(file); };
    tx.onabort = () => { db.close(); reject(tx.error); };
  };
}), { name, prefix, how });

for (const how of ['flip', 'delete']) {
  test(`idb in Chromium: a catalog ${how === 'flip' ? 'with one flipped bit' : 'record deleted'} is rebuilt after a reload; nothing is lost`, async () => {
    const server = await startServer();
    const { context } = await launchBrowser();
    try {
      const page = await openPage(context, server.origin);
      const name = `catalog-${how}`;
      const expected = await page.evaluate(async ({ name, items }) => {
        const { support } = window;
        const db = await support.open({ name, storage: 'idb' });
        await support.createTable(db);
        for (let i = 0; i < items; i++) await support.put(db, `item-${i}`, `value-${i}`);
        const contents = await support.contents(db);
        await db.close();
        return contents;
      }, { name, items: ITEMS });
      assert.equal(Object.keys(expected).length, ITEMS);
      const catalog = await damage(page, name, 'catalog-', how);
      assert.match(catalog, /^catalog-\d{10}$/);

      await page.reload();
      await page.waitForFunction(() => window.ready === true);
      const first = await openReadClose(page, name);
      assert.deepEqual(first.contents, expected);
      assert.equal(first.report.problems.length, 1, JSON.stringify(first.report));
      assert.match(first.report.problems[0], new RegExp(`^${catalog} .*rebuilt from the copy in log-`));
      assert.ok(page.warnings.some((text) => text.includes('recovery problems') && text.includes(catalog)), JSON.stringify(page.warnings));

      await page.reload();
      await page.waitForFunction(() => window.ready === true);
      const second = await openReadClose(page, name, 'after-repair');
      assert.deepEqual(second.contents, { ...expected, 'after-repair': 'written' });

      await page.reload();
      await page.waitForFunction(() => window.ready === true);
      const third = await openReadClose(page, name);
      assert.deepEqual(third.contents, { ...expected, 'after-repair': 'written' });
      assert.deepEqual(third.report.problems, []);
      assert.equal(third.report.unacknowledged.length, 1);
      const acknowledged = await page.evaluate(async (name) => {
        const db = await window.support.open({ name, storage: 'idb' });
        await db.acknowledgeRecoveryProblems();
        await db.close();
        const again = await window.support.open({ name, storage: 'idb' });
        const kept = again.recoveryReport.unacknowledged;
        await again.close();
        return kept;
      }, name);
      assert.deepEqual(acknowledged, []);
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
}
