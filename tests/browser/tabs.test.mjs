// Many tabs, one database, in headless Chromium: every tab of the origin opens the same 'idb'
// database (lock: 'shared', the default); the first owns the storage and serves the others.
// Tabs writing at once, a read right after another tab's write, the owner closed or its renderer
// crashed while the others write and follow the stream (another tab takes over; no acknowledged
// write is lost and none applies twice), a frozen background tab, and close-then-open at once in
// one page (React StrictMode). No test waits on the clock: each waits for the state it needs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from '../support/browser.mjs';

const PAGE = '/tests/browser/pages/tabs.html';

// A tab with the test page loaded and no database open; its uncaught errors in page.errors.
async function blankTab(context, origin) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(origin + PAGE);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

async function openTab(context, origin, name) {
  const page = await blankTab(context, origin);
  await page.evaluate(async (dbName) => {
    window.db = await window.pd.PocketDynamo.open({ name: dbName, storage: 'idb' });
  }, name);
  return page;
}

// Every item of the table, by id, from a tab that opens the database afresh.
async function readAll(context, origin, name) {
  const page = await openTab(context, origin, name);
  const items = await page.evaluate(async () => {
    const out = {};
    let ExclusiveStartKey;
    do {
      const result = await window.db.scan({ TableName: 'Items', ExclusiveStartKey });
      for (const item of result.Items) out[item.id.S] = item;
      ExclusiveStartKey = result.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    await window.db.close();
    return out;
  });
  await page.close();
  return items;
}

// Runs in a tab: `writers` concurrent loops of `count` PutItems of new items, each followed by
// an UpdateItem ADD on the shared counter.
async function writeAtOnce({ tab, writers, count }) {
  const acked = [];
  const failures = [];
  let incrementsAcked = 0;
  let incrementsAttempted = 0;
  await Promise.all(Array.from({ length: writers }, async (_, writer) => {
    for (let k = 0; k < count; k++) {
      const id = `${tab}-${writer}-${k}`;
      try {
        await window.db.putItem({ TableName: 'Items', Item: { id: { S: id }, tab: { N: String(tab) } } });
        acked.push(id);
      } catch (error) {
        failures.push(`${error.name}: ${error.message}`);
      }
      incrementsAttempted += 1;
      try {
        await window.db.updateItem({ TableName: 'Items', Key: { id: { S: 'counter' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } });
        incrementsAcked += 1;
      } catch (error) {
        failures.push(`${error.name}: ${error.message}`);
      }
    }
  }));
  return { acked, failures, incrementsAcked, incrementsAttempted };
}

for (const tabs of [2, 4]) {
  test(`${tabs} tabs writing at once: every acknowledged write is there after all close; the counter is within bounds`, async () => {
    const server = await startServer();
    const { context } = await launchBrowser();
    try {
      const pages = [];
      for (let i = 0; i < tabs; i++) pages.push(await openTab(context, server.origin, 'many'));
      await pages[0].evaluate(() => window.db.createTable(window.table('Items')));
      const results = await Promise.all(pages.map((page, tab) => page.evaluate(writeAtOnce, { tab, writers: 4, count: 25 })));
      await Promise.all(pages.map((page) => page.evaluate(() => window.db.close())));
      const items = await readAll(context, server.origin, 'many');
      let acked = 0;
      let attempted = 0;
      for (const result of results) {
        assert.deepEqual(result.failures, []);
        assert.equal(result.acked.length, 100);
        for (const id of result.acked) assert.ok(items[id], `acknowledged ${id} is missing`);
        acked += result.incrementsAcked;
        attempted += result.incrementsAttempted;
      }
      const counter = Number(items.counter.n.N);
      assert.ok(counter >= acked && counter <= attempted, `counter ${counter} not within [${acked}, ${attempted}]`);
      for (const page of pages) assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
}

test('a read in tab B right after an acknowledged write in tab A sees it, whichever tab owns', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await openTab(context, server.origin, 'read-after-write'));
    await pages[1].evaluate(() => window.db.createTable(window.table('Items')));
    for (let i = 0; i < 30; i++) {
      const writer = pages[i % 3];
      const reader = pages[(i + 1 + (i % 2)) % 3];
      await writer.evaluate((v) => window.db.putItem({ TableName: 'Items', Item: { id: { S: 'x' }, v: { N: String(v) } } }), i);
      const seen = await reader.evaluate(async () => (await window.db.getItem({ TableName: 'Items', Key: { id: { S: 'x' } } })).Item.v.N);
      assert.equal(seen, String(i), `step ${i}`);
    }
    for (const page of pages) assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

// Runs in a tab: DocumentClient reads, each made right after a write not yet acknowledged and
// some in the same turn as writes, must see exactly the writes made before them. Returns what
// went wrong. (The owner tab runs these reads on its engine directly, gathered, in document form;
// the other tabs send them to it.)
async function documentReadsAfterWrites(tag) {
  const doc = window.pd.DynamoDBDocument.from(window.db);
  const wrong = [];
  const key = { id: tag };
  for (let v = 1; v <= 20; v++) {
    const before = doc.get({ TableName: 'Items', Key: key });
    const put = doc.put({ TableName: 'Items', Item: { id: tag, v, list: [v, 'x', { nested: v }] } });
    const [got, queried, scanned] = await Promise.all([
      doc.get({ TableName: 'Items', Key: key }),
      doc.query({ TableName: 'Items', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': tag } }),
      doc.scan({ TableName: 'Items', FilterExpression: 'id = :id', ExpressionAttributeValues: { ':id': tag } }),
    ]);
    if ((await before).Item?.v !== (v === 1 ? undefined : v - 1)) wrong.push(`get before put ${v}: ${JSON.stringify((await before).Item)}`);
    if (got.Item?.id !== tag || got.Item.v !== v || JSON.stringify(got.Item.list) !== JSON.stringify([v, 'x', { nested: v }])) {
      wrong.push(`get ${v}: ${JSON.stringify(got.Item)}`);
    }
    if (queried.Count !== 1 || queried.Items[0].v !== v) wrong.push(`query ${v}: ${JSON.stringify(queried.Items)}`);
    if (scanned.Count !== 1 || scanned.Items[0].v !== v) wrong.push(`scan ${v}: ${JSON.stringify(scanned.Items)}`);
    await put;
  }
  const missing = await doc.get({ TableName: 'Nope', Key: key }).then(() => 'no error', (error) => error.name);
  if (missing !== 'ResourceNotFoundException') wrong.push(`get on a missing table: ${missing}`);
  return wrong;
}

// Runs in a tab: writes until window.stopWriting, each PutItem of a new item followed by an ADD
// on this tab's counter; window.stats has what was acknowledged, attempted and how writes failed.
function startWriting(tag) {
  const stats = { acked: [], failures: [], incrementsAcked: 0, incrementsAttempted: 0, done: false };
  window.stats = stats;
  window.stopWriting = false;
  (async () => {
    for (let k = 0; !window.stopWriting; k++) {
      const id = `${tag}-${k}`;
      try {
        await window.db.putItem({ TableName: 'Items', Item: { id: { S: id } } });
        stats.acked.push(id);
      } catch (error) {
        stats.failures.push(`${error.name}: ${error.message}`);
      }
      stats.incrementsAttempted += 1;
      try {
        await window.db.updateItem({ TableName: 'Items', Key: { id: { S: `counter-${tag}` } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } });
        stats.incrementsAcked += 1;
      } catch (error) {
        stats.failures.push(`${error.name}: ${error.message}`);
      }
    }
    stats.done = true;
  })();
}

// Runs in a tab: follows the stream, keeping each record's key and sequence number.
function follow() {
  window.followed = [];
  window.db.subscribe('Items', (record) => {
    window.followed.push([record.dynamodb.Keys.id.S, record.dynamodb.SequenceNumber]);
  });
}

for (const how of ['closed', 'crashed']) {
  test(`the owner ${how} while two tabs write and one follows the stream: another tab takes over, nothing acknowledged is lost, nothing applies twice`, async () => {
    const server = await startServer();
    const { context } = await launchBrowser();
    try {
      const owner = await openTab(context, server.origin, `takeover-${how}`);
      const b = await openTab(context, server.origin, `takeover-${how}`);
      const c = await openTab(context, server.origin, `takeover-${how}`);
      await owner.evaluate(() => window.db.createTable(window.table('Items', true)));
      await b.evaluate(follow);
      await b.evaluate(startWriting, 'b');
      await c.evaluate(startWriting, 'c');
      const acks = async (page, n) => page.waitForFunction((count) => window.stats.acked.length >= count, n);
      await Promise.all([acks(b, 20), acks(c, 20)]);
      if (how === 'closed') {
        await owner.close();
      } else {
        const cdp = await context.newCDPSession(owner);
        cdp.send('Page.crash').catch(() => {}); // never answers: the renderer is gone
        await new Promise((resolve) => owner.once('crash', resolve));
      }
      // Writes go on with the new owner.
      const before = await Promise.all([b, c].map((page) => page.evaluate(() => window.stats.acked.length)));
      await Promise.all([acks(b, before[0] + 20), acks(c, before[1] + 20)]);
      await Promise.all([b, c].map((page) => page.evaluate(() => { window.stopWriting = true; })));
      await Promise.all([b, c].map((page) => page.waitForFunction(() => window.stats.done)));
      const stats = await Promise.all([b, c].map((page) => page.evaluate(() => window.stats)));
      // B's subscription gets every acknowledged write, once, in order.
      const allAcked = [...stats[0].acked, ...stats[1].acked];
      await b.waitForFunction((ids) => {
        const seen = new Set(window.followed.map(([id]) => id));
        return ids.every((id) => seen.has(id));
      }, allAcked);
      const followed = await b.evaluate(() => window.followed);
      const sequences = followed.map(([, sequence]) => BigInt(sequence));
      for (let i = 1; i < sequences.length; i++) assert.ok(sequences[i] > sequences[i - 1], `record ${i} out of order or repeated`);

      await Promise.all([b, c].map((page) => page.evaluate(() => window.db.close())));
      const items = await readAll(context, server.origin, `takeover-${how}`);
      console.log(`owner ${how}: ${allAcked.length} puts acknowledged; failed in flight: ${JSON.stringify([...stats[0].failures, ...stats[1].failures])}`);
      for (const [tag, stat] of [['b', stats[0]], ['c', stats[1]]]) {
        // A write in flight when the owner went either completed or failed with a clear error.
        for (const failure of stat.failures) assert.match(failure, /^StorageError: .*(went away|closing)/);
        for (const id of stat.acked) assert.ok(items[id], `acknowledged ${id} is missing`);
        const counter = Number(items[`counter-${tag}`].n.N);
        assert.ok(counter >= stat.incrementsAcked && counter <= stat.incrementsAttempted,
          `counter-${tag} ${counter} not within [${stat.incrementsAcked}, ${stat.incrementsAttempted}]`);
      }
      assert.deepEqual(b.errors, []);
      assert.deepEqual(c.errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
}

test('DocumentClient reads in the owner tab and in the others see the writes made before them, before and after a takeover', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const a = await openTab(context, server.origin, 'document-reads');
    const b = await openTab(context, server.origin, 'document-reads');
    await a.evaluate(() => window.db.createTable(window.table('Items')));
    assert.deepEqual(await a.evaluate(documentReadsAfterWrites, 'a'), []); // the owner
    assert.deepEqual(await b.evaluate(documentReadsAfterWrites, 'b'), []);
    // A's reads after its close fail as a closed database's do.
    const afterClose = await a.evaluate(async () => {
      await window.db.close();
      const doc = window.pd.DynamoDBDocument.from(window.db);
      return doc.get({ TableName: 'Items', Key: { id: 'a' } }).then(() => 'no error', (error) => error.name);
    });
    assert.equal(afterClose, 'DatabaseClosedError');
    // B takes over; C joins it.
    const seenByB = await b.evaluate(() => window.db.getItem({ TableName: 'Items', Key: { id: { S: 'a' } } }));
    assert.equal(seenByB.Item.v.N, '20');
    const c = await openTab(context, server.origin, 'document-reads');
    assert.deepEqual(await b.evaluate(documentReadsAfterWrites, 'b2'), []); // the new owner
    assert.deepEqual(await c.evaluate(documentReadsAfterWrites, 'c'), []);
    const seenByC = await c.evaluate(() => window.pd.DynamoDBDocument.from(window.db).get({ TableName: 'Items', Key: { id: 'b2' } }));
    assert.equal(seenByC.Item.v, 20);
    for (const page of [a, b, c]) assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a tab that joins sends its requests over a MessageChannel of its own once the broker runs, not by BroadcastChannel', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const owner = await openTab(context, server.origin, 'direct');
    await owner.evaluate(() => window.db.createTable(window.table('Items')));
    const joined = await openTab(context, server.origin, 'direct');
    await joined.evaluate(() => {
      window.requestsByBroadcast = 0;
      const post = BroadcastChannel.prototype.postMessage;
      BroadcastChannel.prototype.postMessage = function counted(message) {
        if (message?.t === 'req') window.requestsByBroadcast += 1;
        return post.call(this, message);
      };
    });
    // The broker starts once the page is idle; from then on a request leaves no broadcast.
    const direct = await joined.evaluate(async () => {
      for (let attempt = 0; attempt < 400; attempt++) {
        const before = window.requestsByBroadcast;
        await window.db.putItem({ TableName: 'Items', Item: { id: { S: 'probe' } } });
        if (window.requestsByBroadcast === before) return true;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return false;
    });
    assert.ok(direct, 'requests still went by BroadcastChannel');
    const seen = await owner.evaluate(() => window.db.getItem({ TableName: 'Items', Key: { id: { S: 'probe' } } }));
    assert.equal(seen.Item.id.S, 'probe');
    for (const page of [owner, joined]) assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a frozen background tab catches up when it wakes: its reads see the other tabs\' writes, its subscription gets their records', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const owner = await openTab(context, server.origin, 'background');
    const background = await openTab(context, server.origin, 'background');
    const other = await openTab(context, server.origin, 'background');
    await owner.evaluate(() => window.db.createTable(window.table('Items', true)));
    await background.evaluate(follow);
    const cdp = await context.newCDPSession(background);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    for (let i = 0; i < 10; i++) {
      const page = i % 2 ? owner : other;
      await page.evaluate((id) => window.db.putItem({ TableName: 'Items', Item: { id: { S: id } } }), `w${i}`);
    }
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    const count = await background.evaluate(async () => (await window.db.scan({ TableName: 'Items' })).Count);
    assert.equal(count, 10);
    await background.waitForFunction(() => window.followed.length === 10);
    assert.deepEqual((await background.evaluate(() => window.followed)).map(([id]) => id), Array.from({ length: 10 }, (_, i) => `w${i}`));
    assert.deepEqual(background.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('an engine that cannot load fails the open in the tab that would own the database and in one that would not; both open once it loads', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const openBroken = (page) => page.evaluate(async () => {
      try {
        await window.pd.PocketDynamo.open({ name: 'no-engine', storage: 'idb', wasmUrl: '/nowhere/pocketdynamo.wasm' });
        return 'opened';
      } catch (error) {
        return error.message;
      }
    });
    const first = await blankTab(context, server.origin);
    // No tab owns the database yet: this one would, and its storage is let go when the engine fails.
    assert.match(await openBroken(first), /could not load the engine from \/nowhere\/pocketdynamo\.wasm/);
    await first.evaluate(async () => {
      window.db = await window.pd.PocketDynamo.open({ name: 'no-engine', storage: 'idb' });
      await window.db.createTable(window.table('Items'));
      await window.db.putItem({ TableName: 'Items', Item: { id: { S: 'a' } } });
    });
    const second = await blankTab(context, server.origin);
    // The first tab owns it now: this one would send its requests there, and still fails.
    assert.match(await openBroken(second), /could not load the engine from \/nowhere\/pocketdynamo\.wasm/);
    const read = await second.evaluate(async () => {
      window.db = await window.pd.PocketDynamo.open({ name: 'no-engine', storage: 'idb' });
      await window.db.putItem({ TableName: 'Items', Item: { id: { S: 'b' } } });
      return (await window.db.scan({ TableName: 'Items' })).Items.map((item) => item.id.S).sort();
    });
    assert.deepEqual(read, ['a', 'b']);
    assert.deepEqual(await first.evaluate(async () => (await window.db.getItem({ TableName: 'Items', Key: { id: { S: 'b' } } })).Item), { id: { S: 'b' } });
    await second.evaluate(() => window.db.close());
    await first.evaluate(() => window.db.close());
    assert.deepEqual([...first.errors, ...second.errors], []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('StrictMode: close() then open() at once of the same database in one page reuses the storage, shared or with lock: fail', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await openTab(context, server.origin, 'strict-shared');
    const result = await page.evaluate(async () => {
      const { PocketDynamo } = window.pd;
      const out = {};
      for (const lock of [undefined, 'fail']) {
        const name = `strict-${lock ?? 'shared'}`;
        let db = await PocketDynamo.open({ name, storage: 'idb', lock });
        await db.createTable(window.table('Items'));
        const steps = [];
        // Mount, unmount, mount, as React StrictMode does in development: nothing awaited in between.
        for (let i = 0; i < 3; i++) {
          db.putItem({ TableName: 'Items', Item: { id: { S: `m${i}` } } });
          db.close();
          db = await PocketDynamo.open({ name, storage: 'idb', lock }).catch((error) => { steps.push(error.name); throw error; });
          steps.push((await db.scan({ TableName: 'Items' })).Count);
        }
        await db.close();
        out[name] = steps;
      }
      return out;
    });
    assert.deepEqual(result, { 'strict-shared': [1, 2, 3], 'strict-fail': [1, 2, 3] });
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
