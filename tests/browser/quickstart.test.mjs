// The README quick start, run as written in headless Chromium: the code block is put in the
// page as a module script, with `pocketdynamo` resolved by an import map to the package source.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchBrowser, startServer } from '../support/browser.mjs';

const readme = fs.readFileSync(new URL('../../web/README.md', import.meta.url), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start')).match(/```js\n([\s\S]*?)```/)[1];

test('the README quick start runs as written in headless Chromium', async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const logs = [];
    const errors = [];
    page.on('console', (message) => { if (message.type() === 'log') logs.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}/tests/browser/pages/blank.html`);
    await page.evaluate((code) => new Promise((resolve) => {
      window.__quickStartDone = resolve;
      const script = document.createElement('script');
      script.type = 'module';
      script.textContent = `${code}\nwindow.__quickStartDone();`;
      window.addEventListener('error', () => resolve());
      document.body.append(script);
    }), quickStart);
    await page.waitForFunction(() => true);
    assert.deepEqual(errors, []);
    assert.equal(logs.length, 2, `console output: ${JSON.stringify(logs)}`);
    assert.match(logs[0], /user: ada/);
    assert.match(logs[0], /text: hello/);
    assert.equal(logs[1], '[again, hello]');
  } finally {
    await context.close();
    await server.close();
  }
});

const rootReadme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const firstExample = rootReadme.match(/```js\n([\s\S]*?)```/)[1];

test("the root README's first example (a declared table in IndexedDB) runs as written, and again after a reload", async () => {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const run = () => page.evaluate((code) => new Promise((resolve) => {
      window.__exampleDone = resolve;
      const script = document.createElement('script');
      script.type = 'module';
      // The example leaves its database open, as an app does; the test closes it to run it again.
      script.textContent = `${code}\nawait db.close();\nwindow.__exampleDone({ Item });`;
      window.addEventListener('error', (event) => resolve({ error: event.message }));
      document.body.append(script);
    }), firstExample);
    await page.goto(`${server.origin}/tests/browser/pages/blank.html`);
    assert.deepEqual(await run(), { Item: { id: '1', text: 'hello' } });
    await page.reload();
    assert.deepEqual(await run(), { Item: { id: '1', text: 'hello' } }, 'the declared table is kept, not created again');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
