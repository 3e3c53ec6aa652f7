import { launchBrowser } from './tests/support/browser.mjs';
import { createEsmServer, importMap } from './tests/support/esm-server.mjs';
const map = importMap({ pocketdynamo: '/web/src/index.js', 'mnemonist/lru-cache': '/tests/browser/pages/shims/lru-cache.js' });
const html = `<!doctype html><script type="importmap">${JSON.stringify(map)}</script><script type="module">
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; window.__ok = 1;</script>`;
const server = createEsmServer({ pages: { '/x.html': html } });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { context } = await launchBrowser();
const page = await context.newPage();
page.on('console', (m) => console.log('console', m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url()); });
page.on('requestfailed', (r) => console.log('failed', r.url(), r.failure()?.errorText));
await page.goto(`http://127.0.0.1:${server.address().port}/x.html`);
await page.waitForTimeout(8000);
console.log('ok?', await page.evaluate(() => window.__ok));
await context.close(); server.close();
