// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the repo
// served on 127.0.0.1. Each test gets a fresh, empty profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createServer, listen } from '../../scripts/serve.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function startServer() {
  const server = createServer();
  const port = await listen(server, 0);
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) };
}

// Playwright's waits (waitForFunction, click, ...) time out after this: a guard against a hang,
// long enough that a loaded machine is not taken for one (Playwright's default is 30 s).
export const WAIT_TIMEOUT_MS = 120_000;

// A persistent context on a fresh profile directory (reload and relaunch tests reuse `dir`).
export async function launchBrowser({ dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-profile-')) } = {}) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  context.setDefaultTimeout(WAIT_TIMEOUT_MS);
  return { context, dir };
}
