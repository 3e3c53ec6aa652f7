// Open in constant time in Chromium's IndexedDB: after a page load, open reads no partition file
// (IndexedDB reads are counted by a spy on IDBObjectStore in the page, not timed), the first
// GetItem reads exactly one, a partition file damaged in IndexedDB is reported by name when a
// GetItem first reads it, and with loadInBackground every file loads once, after open. Under a
// memoryBudget, reads of every item after a reload hold about the budget, and writes in flight
// meanwhile are all kept.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from '../support/browser.mjs';

const PAGE = '/tests/browser/pages/persistence.html';
const BIG_ITEMS = 13; // of 350 KB: the log outgrows its budget and a checkpoint writes partitions

// Runs `body(page)` in a fresh browser on the test page, then checks that the page threw nothing.
async function withPage(body) {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.origin + PAGE);
    await page.waitForFunction(() => window.ready === true);
    await body(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
}

async function reloaded(page) {
  await page.reload();
  await page.waitForFunction(() => window.ready === true);
  // Every read of a partition file, by file name: a getAll of its chunks' range (which starts at
  // [name]) or the get of its first chunk (the backend gets a file's chunks one by one).
  await page.evaluate(() => {
    window.partitionReads = [];
    const note = (name) => { if (typeof name === 'string' && name.startsWith('part-')) window.partitionReads.push(name); };
    const { getAll, get } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.getAll = function spiedGetAll(range, ...rest) {
      note(range?.lower?.[0]);
      return getAll.call(this, range, ...rest);
    };
    IDBObjectStore.prototype.get = function spiedGet(key, ...rest) {
      if (key?.[1] === 0) note(key[0]);
      return get.call(this, key, ...rest);
    };
  });
}

const getItem = (db, id) => db.getItem({ TableName: 'Things', Key: { id: { S: id } } });

test('idb in Chromium: open reads no partition file, a GetItem exactly one, a damaged one is reported by name on first touch', async () => {
  await withPage(async (page) => {
    const name = 'open-lazy';
    const files = await page.evaluate(async ({ name, items }) => {
      const { support } = window;
      const db = await support.open({ name, storage: 'idb' });
      await support.createTable(db);
      for (let i = 0; i < items; i++) await support.put(db, `big-${i}`, 'x'.repeat(350_000));
      const { partitions } = await db.storageInfo();
      await db.close();
      return partitions;
    }, { name, items: BIG_ITEMS });
    assert.ok(files > 2, `a checkpoint wrote several partition files (${files})`);

    await reloaded(page);
    const first = await page.evaluate(async ({ name, items }) => {
      const db = await window.support.open({ name, storage: 'idb' });
      const atOpen = window.partitionReads.splice(0);
      // Checkpoint steps leave some items in a log (format 3): the first key whose GetItem reads
      // a partition file, after gets that read none.
      for (let i = 0; i < items; i++) {
        const key = `big-${i}`;
        const got = await db.getItem({ TableName: 'Things', Key: { id: { S: key } } });
        const byGet = window.partitionReads.splice(0);
        if (byGet.length === 0) continue;
        await db.close();
        return { atOpen, key, byGet, length: got.Item.v.S.length, report: db.recoveryReport };
      }
      await db.close();
      return { atOpen, byGet: [] };
    }, { name, items: BIG_ITEMS });
    assert.deepEqual(first.atOpen, [], 'open read no partition file');
    assert.equal(first.byGet.length, 1, `one file for one GetItem: ${first.byGet}`);
    assert.equal(first.length, 350_000);
    const victim = first.byGet[0];

    // Flip a bit inside the first item record of that file, then read it first with a GetItem.
    await page.evaluate(({ name, victim }) => new Promise((resolve, reject) => {
      const request = indexedDB.open(`pocketdynamo:${name}`);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('chunks', 'readwrite');
        const store = tx.objectStore('chunks');
        store.get([victim, 0]).onsuccess = (event) => {
          const bytes = new Uint8Array(event.target.result);
          bytes[40] ^= 0x08;
          store.put(bytes, [victim, 0]);
        };
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onabort = () => { db.close(); reject(tx.error); };
      };
    }), { name, victim });
    await reloaded(page);
    const damaged = await page.evaluate(async ({ name, key }) => {
      // The owner's own report (a tab that joined a shared open keeps the report of its join).
      const db = await window.support.open({ name, storage: 'idb', lock: 'fail' });
      const atOpen = { reads: window.partitionReads.splice(0), problems: db.recoveryReport.problems };
      await db.getItem({ TableName: 'Things', Key: { id: { S: key } } });
      const out = { atOpen, byGet: window.partitionReads.splice(0), report: db.recoveryReport };
      await db.close();
      return out;
    }, { name, key: first.key });
    assert.deepEqual(damaged.atOpen, { reads: [], problems: [] });
    assert.deepEqual(damaged.byGet, [victim]);
    assert.equal(damaged.report.problems.length, 1, JSON.stringify(damaged.report));
    assert.match(damaged.report.problems[0], new RegExp(`^${victim} is damaged .*1 of its items are lost`));

    // Background loading: every file once, after open; a Scan then reads none (and finds every
    // item but the one lost to the damage above).
    await reloaded(page);
    const background = await page.evaluate(async ({ name, files }) => {
      const db = await window.support.open({ name, storage: 'idb', loadInBackground: true });
      const atOpen = window.partitionReads.splice(0);
      const seen = [];
      for (let round = 0; seen.length < files && round < 10_000; round++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(...window.partitionReads.splice(0));
      }
      const items = Object.keys(await window.support.contents(db)).length;
      const byScan = window.partitionReads.splice(0);
      await db.close();
      return { atOpen, seen, items, byScan };
    }, { name, files });
    assert.deepEqual(background.atOpen, []);
    assert.ok(background.seen.length >= files, 'the background loaded the files');
    // (A flush since the fill may have written another partition file (a checkpoint step): the
    // Scan reads it, if the background had not yet; no file is read twice.)
    const every = [...background.seen, ...background.byScan];
    assert.equal(new Set(every).size, every.length, 'each file read once');
    assert.equal(background.items, BIG_ITEMS - 1, 'all but the damaged record');
  });
});

test('idb in Chromium: DescribeTable and storageInfo read no partition file; open leaves the log\'s changes to partitions not loaded undecoded; a torn log tail is reported', async () => {
  await withPage(async (page) => {
    const name = 'open-log';
    await page.evaluate(async ({ name, items }) => {
      const { support } = window;
      const db = await support.open({ name, storage: 'idb' });
      await support.createTable(db);
      for (let i = 0; i < items; i++) await support.put(db, `big-${i}`, 'x'.repeat(350_000));
      // Small changes to every big item: most stay in the log, for partitions in files.
      for (let i = 0; i < items; i++) await support.put(db, `big-${i}`, `small-${i}`);
      await db.close();
    }, { name, items: BIG_ITEMS });

    await reloaded(page);
    const seen = await page.evaluate(async ({ name, items }) => {
      const db = await window.support.open({ name, storage: 'idb' });
      const atOpen = (await db.storageInfo()).logEntriesApplied;
      const { Table } = await db.describeTable({ TableName: 'Things' });
      const info = await db.storageInfo();
      const byDescribe = window.partitionReads.splice(0);
      const values = await window.support.contents(db);
      const afterScan = (await db.storageInfo()).logEntriesApplied;
      const described = (await db.describeTable({ TableName: 'Things' })).Table.ItemCount;
      await db.close();
      const small = Object.values(values).filter((v) => v.startsWith('small-')).length;
      return { atOpen, afterScan, count: Table.ItemCount, described, files: info.partitions, byDescribe, items: Object.keys(values).length, small, expected: items };
    }, { name, items: BIG_ITEMS });
    assert.deepEqual(seen.byDescribe, [], 'DescribeTable and storageInfo read no partition file');
    assert.equal(seen.count, BIG_ITEMS);
    assert.equal(seen.described, BIG_ITEMS);
    assert.equal(seen.items, BIG_ITEMS);
    assert.equal(seen.small, BIG_ITEMS, 'every change in the log applied');
    assert.ok(seen.files > 2);
    assert.ok(seen.afterScan > seen.atOpen, `the Scan applied log entries open left (${seen.atOpen}, ${seen.afterScan})`);

    // Tear the newest log's last chunk: open reports it by name and still opens.
    const torn = await page.evaluate(({ name }) => new Promise((resolve, reject) => {
      const request = indexedDB.open(`pocketdynamo:${name}`);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('chunks', 'readwrite');
        const store = tx.objectStore('chunks');
        let log;
        store.getAllKeys().onsuccess = (event) => {
          const keys = event.target.result.filter(([file]) => file.startsWith('log-'));
          const last = keys.sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1)).at(-1);
          log = last[0];
          store.get(last).onsuccess = (got) => {
            const bytes = new Uint8Array(got.target.result);
            store.put(bytes.slice(0, bytes.length - 3), last);
          };
        };
        tx.oncomplete = () => { db.close(); resolve(log); };
        tx.onabort = () => { db.close(); reject(tx.error); };
      };
    }), { name });
    await reloaded(page);
    const after = await page.evaluate(async ({ name }) => {
      const db = await window.support.open({ name, storage: 'idb', lock: 'fail' });
      const { problems } = db.recoveryReport;
      const items = Object.keys(await window.support.contents(db)).length;
      await db.close();
      return { problems, items };
    }, { name });
    assert.equal(after.problems.length, 1, JSON.stringify(after.problems));
    assert.match(after.problems[0], new RegExp(`^${torn}: `));
    assert.equal(after.items, BIG_ITEMS);
  });
});

test('idb in Chromium: under a memoryBudget a page holds about the budget and keeps every write', async () => {
  await withPage(async (page) => {
    const name = 'memory-budget';
    const items = 3000; // of 1.6 KB: the logs outgrow their budget, so most items are in partition files
    const budget = 400_000;
    await page.evaluate(async ({ name, items }) => {
      const { support, pd } = window;
      const db = await support.open({ name, storage: 'idb' });
      await support.createTable(db);
      const doc = pd.DynamoDBDocument.from(db);
      for (let n = 0; n < items; n += 25) {
        const batch = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: { id: `item-${n + j}`, v: `one-${n + j}`, pad: 'p'.repeat(1600) } } }));
        await doc.batchWrite({ RequestItems: { [support.TABLE]: batch } });
      }
      await db.close();
    }, { name, items });
    await reloaded(page);
    const seen = await page.evaluate(async ({ name, items, budget }) => {
      const { support, pd } = window;
      const db = await support.open({ name, storage: 'idb', lock: 'fail', memoryBudget: budget });
      const doc = pd.DynamoDBDocument.from(db);
      const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
      let wrong = 0;
      let most = 0;
      // Every item read in a scattered order, every third one rewritten with the reads in flight.
      const writes = [];
      for (let i = 0; i < items; i++) {
        const n = (i * 7919) % items;
        const { Item } = await doc.get({ TableName: support.TABLE, Key: { id: `item-${n}` } });
        if (Item?.v !== `one-${n}`) wrong += 1;
        if (n % 3 === 0) writes.push(doc.put({ TableName: support.TABLE, Item: { id: `item-${n}`, v: `two-${n}`, pad: 'q'.repeat(1600) } }));
        if (i % 500 === 499) {
          await settle();
          most = Math.max(most, (await db.storageInfo()).itemBytesInMemory);
        }
      }
      await Promise.all(writes);
      await db.close();
      return { wrong, most, reads: window.partitionReads.length, files: new Set(window.partitionReads).size };
    }, { name, items, budget });
    assert.equal(seen.wrong, 0);
    // Partition files read again after their partitions were dropped.
    assert.ok(seen.reads > seen.files, JSON.stringify(seen));
    assert.ok(seen.most > 0 && seen.most < 3 * budget, `held ${seen.most} bytes`);
    await reloaded(page);
    const after = await page.evaluate(async ({ name }) => {
      const db = await window.support.open({ name, storage: 'idb', lock: 'fail' });
      const contents = await window.support.contents(db);
      const problems = db.recoveryReport.problems;
      await db.close();
      return { contents, problems };
    }, { name });
    assert.deepEqual(after.problems, []);
    assert.equal(Object.keys(after.contents).length, items);
    for (let n = 0; n < items; n++) assert.equal(after.contents[`item-${n}`], n % 3 === 0 ? `two-${n}` : `one-${n}`);
  });
});
