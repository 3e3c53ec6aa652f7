// The playground as a person uses it, in headless Chromium: create a table from a pasted AWS CLI
// command, add, edit and query items, see DynamoDB's errors next to the field at fault, check
// that it persists to IndexedDB (and that a second tab works on the same data),
// load the sample data and run the tour, import and page through 10,000 items, export, and work
// offline. How responsive the page stays meanwhile (long tasks) is measured by
// bench/js/playground-responsiveness.mjs, not asserted here: it depends on the machine.
// Screenshots go to a folder under os.tmpdir(), printed at the start.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer } from '../support/browser.mjs';
import { createServer, listen } from '../../scripts/serve.mjs';
import { orders } from '../../demo/sample-data.js';

const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-playground-shots-'));
console.log(`playground screenshots: ${SHOTS}`);

const MUSIC_COMMAND = String.raw`aws dynamodb create-table \
    --table-name Music \
    --attribute-definitions \
        AttributeName=Artist,AttributeType=S \
        AttributeName=SongTitle,AttributeType=S \
        AttributeName=AlbumTitle,AttributeType=S \
    --key-schema \
        AttributeName=Artist,KeyType=HASH \
        AttributeName=SongTitle,KeyType=RANGE \
    --provisioned-throughput \
        ReadCapacityUnits=5,WriteCapacityUnits=5 \
    --global-secondary-indexes \
        "[
            {
                \"IndexName\": \"AlbumTitleIndex\",
                \"KeySchema\": [{\"AttributeName\":\"AlbumTitle\",\"KeyType\":\"HASH\"}],
                \"Projection\":{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"Genre\", \"Year\"]},
                \"ProvisionedThroughput\": {\"ReadCapacityUnits\": 10, \"WriteCapacityUnits\": 5}
            }
        ]" \
    --table-class STANDARD \
    --region us-east-1`;

async function openPlayground(page, origin, hash = '') {
  await page.goto(`${origin}/demo/${hash}`);
  await page.waitForFunction(() => document.getElementById('app-status').dataset.ready === 'yes');
}

const tab = (page, name) => page.click(`#tabs [data-tab="${name}"]`);
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function newPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

test('the console tab runs requests in the page and shows DynamoDB errors', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const { page, errors } = await newPage(context);
    await page.goto(`${server.origin}/`); // the root redirects to the playground
    await page.waitForFunction(() => document.getElementById('app-status').dataset.ready === 'yes');
    await tab(page, 'console');
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
    // The table made in the console shows in the Tables tab.
    await tab(page, 'tables');
    await page.waitForSelector('#table-list li[data-table="Music"]');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('tables from a pasted CLI command; items added, edited and queried; errors; persistence', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const { page, errors } = await newPage(context);
    await openPlayground(page, server.origin);

    // A table from the AWS docs' create-table command, pasted as is.
    await page.fill('#cli-command', MUSIC_COMMAND);
    await page.click('#cli-preview');
    const request = JSON.parse(await page.textContent('#cli-request'));
    assert.deepEqual(request.ProvisionedThroughput, { ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    assert.equal(request.GlobalSecondaryIndexes[0].IndexName, 'AlbumTitleIndex');
    await page.click('#cli-create');
    await page.waitForSelector('#table-describe [data-table="Music"]');
    assert.equal(await page.textContent('#table-describe .describe-keys'), 'Artist (S, partition key), SongTitle (S, sort key)');
    assert.match(await page.textContent('#table-describe .describe-indexes'), /AlbumTitleIndex.*global.*AlbumTitle \(PK\).*INCLUDE Genre, Year/);
    assert.equal(await page.textContent('#table-describe .describe-count'), '0');

    // Pasting it again: DynamoDB's ResourceInUseException, shown next to the command.
    await page.click('#cli-create');
    await page.waitForSelector('#tables-error:not([hidden]) .exception');
    assert.equal(await page.textContent('#tables-error .exception'), 'ResourceInUseException');
    assert.equal(await page.getAttribute('#cli-command', 'aria-invalid'), 'true');
    await shot(page, '1-table-from-cli');

    // Items: put two songs (plain JSON), the second time with a condition that fails.
    await page.click('#table-list li[data-table="Music"] button:has-text("Items")');
    await page.waitForFunction(() => document.getElementById('items-table').value === 'Music');
    const put = async (item, condition = '') => {
      await page.fill('#item-text', JSON.stringify(item));
      await page.fill('#item-condition', condition);
      await page.click('#item-put');
      await page.waitForFunction(() => /succeeded|failed/.test(document.getElementById('item-status').textContent));
      return page.textContent('#item-status');
    };
    const song = { Artist: 'No One You Know', SongTitle: 'Call Me Today', AlbumTitle: 'Somewhat Famous', Year: 2015, Genre: 'Country' };
    assert.equal(await put(song, 'attribute_not_exists(Artist)'), 'PutItem succeeded');
    assert.equal(await put({ Artist: 'No One You Know', SongTitle: 'Howdy', AlbumTitle: 'Somewhat Famous', Year: 2019 }), 'PutItem succeeded');
    assert.equal(await put(song, 'attribute_not_exists(Artist)'), 'PutItem failed');
    assert.equal(await page.textContent('#items-error .exception'), 'ConditionalCheckFailedException');
    assert.match(await page.textContent('#items-error .message'), /The conditional request failed/);
    assert.equal(await page.getAttribute('#item-condition', 'aria-invalid'), 'true');
    await shot(page, '2-condition-failed');
    await page.fill('#item-condition', '');
    // Delete with a condition: a third item comes and goes.
    assert.equal(await put({ Artist: 'Temp', SongTitle: 'Gone soon' }), 'PutItem succeeded');
    await page.waitForFunction(() => document.querySelectorAll('#items-results tbody tr').length === 3);
    await page.fill('#item-condition', 'attribute_exists(SongTitle)');
    await page.click('#item-delete');
    await page.waitForFunction(() => document.getElementById('item-status').textContent === 'DeleteItem succeeded');
    await page.fill('#item-condition', '');
    await page.waitForFunction(() => document.querySelectorAll('#items-results tbody tr').length === 2);

    // Edit: pick the first row, increment a counter with an update expression and placeholders.
    await page.click('#items-results tbody tr:first-child');
    assert.match(await page.inputValue('#item-text'), /"SongTitle": "Call Me Today"/);
    await page.fill('#item-update', 'SET Plays = if_not_exists(Plays, :zero) + :one, #g = :genre');
    await page.fill('#item-names', '{"#g": "Genre"}');
    await page.fill('#item-values', '{":zero": 0, ":one": 1, ":genre": "Pop"}');
    await page.click('#item-update-button');
    await page.waitForFunction(() => document.getElementById('item-status').textContent === 'UpdateItem succeeded');
    const updated = JSON.parse(await page.inputValue('#item-text'));
    assert.equal(updated.Plays, 1);
    assert.equal(updated.Genre, 'Pop');
    await page.selectOption('#item-format', 'dynamodb');
    assert.deepEqual(JSON.parse(await page.inputValue('#item-text')).Plays, { N: '1' });
    await page.selectOption('#item-format', 'plain');

    // An update expression with a syntax error: ValidationException next to that field.
    await page.fill('#item-update', 'SET Plays = Plays +');
    await page.click('#item-update-button');
    await page.waitForFunction(() => document.getElementById('item-status').textContent === 'UpdateItem failed');
    assert.equal(await page.textContent('#items-error .exception'), 'ValidationException');
    assert.match(await page.textContent('#items-error .message'), /^Invalid UpdateExpression: Syntax error/);
    assert.equal(await page.getAttribute('#item-update', 'aria-invalid'), 'true');
    await page.fill('#item-update', '');
    await page.fill('#item-names', '');
    await page.fill('#item-values', '');

    // Query through the builder; the request shows as a DocumentClient call and a CLI command.
    await tab(page, 'query');
    await page.selectOption('#q-table', 'Music');
    await page.fill('#q-key', 'Artist = :a AND begins_with(SongTitle, :t)');
    await page.fill('#q-values', '{":a": "No One You Know", ":t": "Call"}');
    await page.selectOption('#q-direction', 'desc');
    await page.click('#q-run');
    await page.waitForFunction(() => document.getElementById('q-count').dataset.count !== undefined);
    assert.equal(await page.getAttribute('#q-count', 'data-count'), '1');
    assert.match(await page.textContent('#q-results'), /Call Me Today.*Pop/);
    const call = await page.textContent('#q-doc');
    assert.match(call, /await doc\.query\(\{\n {2}TableName: "Music",\n {2}KeyConditionExpression: "Artist = :a AND begins_with\(SongTitle, :t\)"/);
    assert.match(call, /ScanIndexForward: false/);
    const cli = await page.textContent('#q-cli');
    assert.match(cli, /^aws dynamodb query \\\n {4}--table-name Music \\\n {4}--key-condition-expression 'Artist = :a AND begins_with\(SongTitle, :t\)'/);
    assert.match(cli, /--expression-attribute-values '\{":a":\{"S":"No One You Know"\},":t":\{"S":"Call"\}\}'/);
    assert.match(cli, /--no-scan-index-forward/);
    // The index, with a projection: AlbumTitleIndex has both songs.
    await page.selectOption('#q-index', 'AlbumTitleIndex');
    await page.fill('#q-key', 'AlbumTitle = :album');
    await page.fill('#q-values', '{":album": "Somewhat Famous"}');
    await page.fill('#q-projection', 'SongTitle, #y');
    await page.fill('#q-names', '{"#y": "Year"}');
    await page.click('#q-run');
    await page.waitForFunction(() => document.getElementById('q-count').dataset.count === '2');
    assert.match(await page.textContent('#q-cli'), /--index-name AlbumTitleIndex/);
    // A key condition on a non-key attribute: ValidationException next to the key condition.
    await page.fill('#q-key', 'Genre = :album');
    await page.click('#q-run');
    await page.waitForSelector('#query-error:not([hidden]) .exception');
    assert.equal(await page.textContent('#query-error .exception'), 'ValidationException');
    assert.equal(await page.getAttribute('#q-key', 'aria-invalid'), 'true');
    await shot(page, '3-query-error');

    // Persistence: the playground stores its database in IndexedDB, and a reload finds it there.
    await tab(page, 'storage');
    assert.equal(await page.getAttribute('#storage-mode', 'data-persisted'), 'yes', await page.textContent('#storage-reason'));
    assert.equal(await page.textContent('#storage-badge'), 'persisted');
    await page.waitForFunction(() => /used of/.test(document.getElementById('storage-estimate').textContent));
    assert.match(await page.textContent('#storage-bytes'), /in 1 table/);
    await page.waitForFunction(() => Number(document.getElementById('storage-idb-db').dataset.bytes) > 0);
    assert.match(await page.textContent('#storage-last-flush'), /an awaited write is on disk when it resolves/);
    console.log(`storage panel: ${await page.textContent('#storage-idb-db')}; files: ${await page.textContent('#storage-files')}`);
    await shot(page, '4-storage');
    await page.reload();
    await page.waitForFunction(() => document.getElementById('app-status').dataset.ready === 'yes');
    await tab(page, 'tables');
    await page.click('#table-list li[data-table="Music"] button:has-text("Items")');
    await page.waitForFunction(() => document.querySelectorAll('#items-results tbody tr').length === 2);
    assert.match(await page.textContent('#items-results'), /Call Me Today.*Pop/);
    // A second tab works on the same data: the first tab owns the database and serves it.
    const { page: second } = await newPage(context);
    await openPlayground(second, server.origin, '#storage');
    assert.equal(await second.getAttribute('#storage-mode', 'data-persisted'), 'yes');
    await tab(second, 'tables');
    await second.click('#table-list li[data-table="Music"] button:has-text("Items")');
    await second.waitForFunction(() => document.querySelectorAll('#items-results tbody tr').length === 2);
    assert.match(await second.textContent('#items-results'), /Call Me Today.*Pop/);
    await second.close();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('sample data loads and the tour runs its queries', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const { page, errors } = await newPage(context);
    await openPlayground(page, server.origin, '#sample');
    await page.click('#sample-load');
    await page.waitForFunction(() => document.getElementById('sample-status').dataset.loaded === '5000');
    await shot(page, '5-sample-loaded');

    const runStep = async (step) => {
      await tab(page, 'sample');
      await page.evaluate(() => { delete document.getElementById('q-count').dataset.count; });
      await page.click(`#tour li[data-step="${step}"] .tour-run`);
      await page.waitForFunction(() => document.getElementById('q-count').dataset.count !== undefined);
      return Number(await page.getAttribute('#q-count', 'data-count'));
    };
    assert.equal(await runStep(1), 10);
    assert.match(await page.textContent('#q-cli'), /--no-scan-index-forward/);
    // The next page of the same query, from its LastEvaluatedKey: C042's other 6 orders.
    await page.evaluate(() => { delete document.getElementById('q-count').dataset.count; });
    await page.click('#q-next');
    await page.waitForFunction(() => document.getElementById('q-count').dataset.count !== undefined);
    assert.equal(await page.getAttribute('#q-count', 'data-count'), '6');
    assert.match(await page.textContent('#q-cli'), /--exclusive-start-key '\{"CustomerId":\{"S":"C042"\},"OrderId":\{"S":"2024-/);
    assert.equal(await runStep(2), 1);
    assert.equal(await runStep(3), 31);
    assert.match(await page.textContent('#q-doc'), /IndexName: "ByCategory"/);
    assert.equal(await runStep(4), 23);
    await shot(page, '6-tour-step-4');

    // The PartiQL tab: a SELECT of one customer's orders (a Query), an INSERT, a duplicate INSERT,
    // and the DELETE that leaves the sample data as it was.
    const runStatement = async () => {
      await page.evaluate(() => { delete document.getElementById('pq-count').dataset.count; });
      await page.click('#pq-run');
      await page.waitForFunction(() => document.getElementById('pq-count').dataset.count !== undefined
        || !document.getElementById('partiql-error').hidden);
      return Number(await page.getAttribute('#pq-count', 'data-count'));
    };
    await tab(page, 'partiql');
    await page.selectOption('#pq-example', '0');
    const c001 = [...orders()].filter((order) => order.CustomerId === 'C001').length;
    assert.equal(await runStatement(), c001);
    await page.selectOption('#pq-example', '3');
    assert.equal(await runStatement(), 0);
    await runStatement();
    assert.equal(await page.textContent('#partiql-error .exception'), 'DuplicateItemException');
    await shot(page, '6b-partiql');
    await page.selectOption('#pq-example', '5');
    assert.equal(await runStatement(), 1);  // DELETE ... RETURNING ALL OLD *: the item inserted above

    await tab(page, 'tables');
    await page.click('#table-list li[data-table="Products"] button.link');
    await page.waitForSelector('#table-describe [data-table="Products"]');
    assert.equal(await page.textContent('#table-describe .describe-count'), '1000');
    assert.match(await page.textContent('#table-describe .describe-indexes'), /ByCategory.*1000/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('import 10,000 items, page through them all and export them', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const { page, errors } = await newPage(context);
    await openPlayground(page, server.origin);

    // A table from the form.
    await page.click('summary:has-text("Or fill in a form")');
    await page.fill('#create-name', 'Events');
    await page.fill('#create-pk', 'Id');
    await page.click('#create-submit');
    await page.waitForSelector('#table-describe [data-table="Events"]');

    const lines = [];
    for (let i = 0; i < 10_000; i += 1) {
      lines.push(JSON.stringify({ Item: { Id: { S: `e${String(i).padStart(5, '0')}` }, N: { N: String(i) }, Kind: { S: i % 3 ? 'click' : 'view' }, Payload: { B: 'AAEC' } } }));
    }
    await tab(page, 'storage');
    await page.selectOption('#transfer-table', 'Events');
    const file = path.join(SHOTS, 'events.jsonl');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction(() => document.getElementById('transfer-status').dataset.imported === '10000');
    fs.rmSync(file); // not before: the page reads the file when it imports

    // Page through every item, 100 at a time, by LastEvaluatedKey.
    await tab(page, 'items');
    await page.selectOption('#items-table', 'Events');
    await page.selectOption('#items-page-size', '100');
    await page.waitForFunction(() => document.getElementById('items-page-info').textContent.startsWith('Page 1: items 1–100'));
    const ids = new Set(await page.$$eval('#items-results tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent)));
    for (let p = 2; p <= 100; p += 1) {
      await page.click('#items-next');
      await page.waitForFunction((n) => document.getElementById('items-page-info').dataset.page === String(n)
        && document.getElementById('items-results').dataset.state === 'ready', p);
      for (const id of await page.$$eval('#items-results tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent))) ids.add(id);
    }
    assert.equal(ids.size, 10_000);
    assert.match(await page.textContent('#items-page-info'), /^Page 100: items 9901–10000$/);
    // As in DynamoDB, the page that reached Limit has a LastEvaluatedKey; the page after it is empty.
    await page.click('#items-next');
    await page.waitForFunction(() => document.getElementById('items-page-info').dataset.page === '101');
    assert.match(await page.textContent('#items-page-info'), /no more items/);
    assert.equal(await page.isDisabled('#items-next'), true);
    await page.click('#items-prev');
    await page.waitForFunction(() => document.getElementById('items-page-info').dataset.page === '100');
    await page.click('#items-prev');
    await page.waitForFunction(() => document.getElementById('items-page-info').dataset.page === '99');
    assert.match(await page.textContent('#items-page-info'), /^Page 99: items 9801–9900$/);
    await shot(page, '7-paging');

    // Export: the same 10,000 items back as DynamoDB JSON lines.
    await tab(page, 'storage');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-button')]);
    const exported = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(exported.length, 10_000);
    assert.deepEqual(exported.find((line) => line.Item.Id.S === 'e00042').Item, { Id: { S: 'e00042' }, N: { N: '42' }, Kind: { S: 'view' }, Payload: { B: 'AAEC' } });

    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the playground loads offline from its service worker after the first visit', { timeout: 600_000 }, async () => {
  const server = createServer();
  const port = await listen(server, 0);
  const origin = `http://127.0.0.1:${port}`;
  const { context } = await launchBrowser();
  try {
    const { page, errors } = await newPage(context);
    await openPlayground(page, origin);
    // The worker precaches everything, the engine included, before it activates: wait for that.
    const wasmUrl = `${origin}/web/dist/pocketdynamo.wasm`;
    const cached = await page.evaluate(async (url) => {
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active;
      if (worker.state !== 'activated') {
        await new Promise((resolve) => worker.addEventListener('statechange', () => { if (worker.state === 'activated') resolve(); }));
      }
      return Boolean(await caches.match(url));
    }, wasmUrl);
    assert.equal(cached, true, 'the active service worker has the engine in its cache');
    // The server goes away: nothing is served from the network any more.
    await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
    await openPlayground(page, origin); // navigating again: served by the worker
    await tab(page, 'console');
    await page.click('#run'); // the first example: CreateTable
    await page.waitForFunction(() => document.getElementById('status').textContent === 'CreateTable succeeded');
    await shot(page, '8-offline');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
  }
});
