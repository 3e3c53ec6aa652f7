// The package under a strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval', no
// 'unsafe-eval'), in headless Chromium: on the page and in a module Worker the app writes, an
// IndexedDB database is written, read, and read again after a reload, with no violation and no
// console error; the same with the package's own worker mode. The first test shows that the
// policy is in force where the scenario runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from '../support/browser.mjs';
import { openCspPage, runInWorker, runOnPage, startCspServer } from '../support/csp.mjs';

const SCENARIO = '/tests/browser/pages/csp-scenario.js';

async function withCspPage(body) {
  const server = await startCspServer();
  const { context } = await launchBrowser();
  try {
    const { page, problems } = await openCspPage(context, server.origin);
    await body(page, problems);
  } finally {
    await context.close();
    await server.close();
  }
}

test('the CSP page refuses a string evaluated as code, on the page and in a worker, and the harness sees it', async () => {
  await withCspPage(async (page, problems) => {
    const onPage = await runOnPage(page, SCENARIO, null, 'evaluateString');
    assert.equal(onPage.result, 'refused: EvalError');
    assert.equal(onPage.violations.length, 1);
    assert.match(onPage.violations[0], /^script-src/);
    const inWorker = await runInWorker(page, SCENARIO, null, 'evaluateString');
    assert.equal(inWorker.result, 'refused: EvalError');
    assert.equal(inWorker.violations.length, 1);
    assert.match(inWorker.violations[0], /^script-src/);
    assert.ok(problems.some((problem) => /CSP violation/.test(problem)), `problems: ${JSON.stringify(problems)}`);
  });
});

const written = { storage: 'idb', item: { id: 'a', text: 'hello', tags: ['x', 'y'] }, refused: 'ConditionalCheckFailedException' };
const reloaded = { storage: 'idb', item: { id: 'a', text: 'hello', tags: ['x', 'y'] }, count: 2 };

test('under a strict CSP the page opens an idb database, writes, reads, and reads it again after a reload, with no violation', async () => {
  await withCspPage(async (page, problems) => {
    const first = await runOnPage(page, SCENARIO, { name: 'csp-page', phase: 'write' });
    assert.deepEqual(first, { result: written, violations: [] });
    await page.reload();
    await page.waitForFunction(() => Array.isArray(window.cspViolations));
    const second = await runOnPage(page, SCENARIO, { name: 'csp-page', phase: 'read' });
    assert.deepEqual(second, { result: reloaded, violations: [] });
    assert.deepEqual(problems, []);
  });
});

test('under a strict CSP a module Worker opens an idb database, writes, reads, and reads it again after a reload, with no violation', async () => {
  await withCspPage(async (page, problems) => {
    const first = await runInWorker(page, SCENARIO, { name: 'csp-worker', phase: 'write' });
    assert.deepEqual(first, { result: written, violations: [] });
    await page.reload();
    await page.waitForFunction(() => Array.isArray(window.cspViolations));
    const second = await runInWorker(page, SCENARIO, { name: 'csp-worker', phase: 'read' });
    assert.deepEqual(second, { result: reloaded, violations: [] });
    assert.deepEqual(problems, []);
  });
});

test('under a strict CSP worker mode (open({ worker: true })) writes, reads, and reads again after a reload, with no violation', async () => {
  await withCspPage(async (page, problems) => {
    const first = await runOnPage(page, SCENARIO, { name: 'csp-worker-mode', phase: 'write', worker: true });
    assert.deepEqual(first, { result: written, violations: [] });
    await page.reload();
    await page.waitForFunction(() => Array.isArray(window.cspViolations));
    const second = await runOnPage(page, SCENARIO, { name: 'csp-worker-mode', phase: 'read', worker: true });
    assert.deepEqual(second, { result: reloaded, violations: [] });
    assert.deepEqual(problems, []);
  });
});
