// Pages served under a strict Content-Security-Policy (no 'unsafe-eval', no inline script), as
// Manifest V3 extensions and careful sites have, and the runners of a scenario module on such a
// page or inside a module Worker the page starts. A scenario is a module under the repository
// that exports functions; each runner imports it there and calls one with a JSON argument.
// Every CSP violation, console error and uncaught error of the page and its workers is collected.
import http from 'node:http';
import { createServer } from '../../scripts/serve.mjs';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
export const CSP_PAGE = '/tests/browser/pages/csp.html';
const WORKER_RUNNER = '/tests/browser/pages/csp-worker.js';

// The repository's static server with the policy on every response (a worker's policy comes
// from its own script's response).
export async function startCspServer(policy = STRICT_CSP) {
  const files = createServer().listeners('request')[0];
  const server = http.createServer((request, response) => {
    response.setHeader('content-security-policy', policy);
    files(request, response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

// Opens the CSP page; `problems` fills with what went wrong on it and in its workers, through
// reloads (the page's violation listener reports each violation as a console error).
export async function openCspPage(context, origin) {
  const page = await context.newPage();
  const problems = [];
  const onConsole = (where) => (message) => {
    // The browser asks for /favicon.ico, which the static server does not have.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      problems.push(`${where} console error: ${message.text()}`);
    }
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('worker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
  await page.goto(`${origin}${CSP_PAGE}`);
  await page.waitForFunction(() => Array.isArray(window.cspViolations));
  return { page, problems };
}

// Runs `scenario`'s export `name` on the page; resolves with its result and the violations the
// page saw meanwhile (all of them: it waits for their reports). Rejects with the scenario's error.
export function runOnPage(page, scenario, arg, name = 'run') {
  return page.evaluate(async ({ scenario, arg, name }) => {
    try {
      return { result: await (await import(scenario))[name](arg) };
    } finally {
      await window.cspSettle();
    }
  }, { scenario, arg, name }).then(async (answer) => ({
    ...answer, violations: await page.evaluate(() => window.cspViolations.splice(0)),
  }));
}

// The same inside a module Worker started by the page (the app's own worker); the worker is
// ended afterwards. Rejects with the scenario's error.
export function runInWorker(page, scenario, arg, name = 'run') {
  return page.evaluate(({ runner, scenario, arg, name }) => new Promise((resolve, reject) => {
    const worker = new Worker(runner, { type: 'module' });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error) reject(new Error(data.error));
      else resolve({ result: data.result, violations: data.violations });
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`worker failed: ${event.message}`));
    };
    worker.postMessage({ scenario, arg, name });
  }), { runner: WORKER_RUNNER, scenario, arg, name });
}
