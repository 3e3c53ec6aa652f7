// The kill test: headless Chromium writes a stream of awaited writes (PutItem, and
// TransactWriteItems of a pair) to storage 'idb' from four concurrent loops, reporting each
// acknowledgement to this process, and is SIGKILLed (its whole process group) at a random moment.
// Relaunched on the same profile, the database must hold every acknowledged write, and no pair
// half-applied. Chromium is spawned here, not by Playwright, so that we own its process to kill.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startServer } from '../support/browser.mjs';

const ROUNDS = Number(process.env.PD_KILL_ROUNDS ?? 20);
// Rounds where Chromium itself lost the whole IndexedDB database are reported and replaced;
// more than this many in one run fails the test. Before the IndexedDB backend kept every value
// under 64 KB (Chromium stores larger ones as blob files, which it then found inconsistent after
// a kill and deleted the whole database), that happened about once in 150 kills.
const MAX_BROWSER_LOSSES = 1;
const PAGE = '/tests/browser/pages/persistence.html';
const NAME = 'kill-test';

async function launch(dir) {
  const child = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [...CHROMIUM_ARGS, `--user-data-dir=${dir}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const endpoint = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools endpoint: ${output}`)), 20_000);
    child.stderr.on('data', (data) => {
      output += data;
      const match = output.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then((code) => reject(new Error(`Chromium exited (${code}): ${output}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return { child, exited, browser, context: browser.contexts()[0] };
}

async function kill({ child, exited, browser }) {
  try {
    process.kill(-child.pid, 'SIGKILL'); // the browser and all its children at once
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
  await exited;
  // The browser process is gone, but its children (the storage and network services) may still
  // be exiting, holding the profile's files: a relaunch must not race them.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && groupAlive(child.pid)) await new Promise((resolve) => setTimeout(resolve, 20));
  await browser.close().catch(() => {});
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code !== 'ESRCH';
  }
}

async function openPage(context, origin, acks, round) {
  const page = context.pages()[0] ?? await context.newPage();
  await page.exposeFunction('ack', (id, kind) => {
    acks.set(id, kind);
    if (round.current !== undefined && id.startsWith(`r${round.current}-`)) round.acked += 1;
  });
  await page.goto(origin + PAGE);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

// Opens the database in the page, returns its ids and the recovery report, closes it.
const readAll = (page) => page.evaluate(async (name) => {
  const { support } = window;
  // Whether the browser still has the IndexedDB database at all (PocketDynamo never deletes one).
  const existed = (await indexedDB.databases()).some((info) => info.name === `pocketdynamo:${name}`);
  const db = await support.open({ name, storage: 'idb' });
  const tables = (await db.listTables({})).TableNames;
  const ids = tables.includes(support.TABLE) ? Object.keys(await support.contents(db)) : [];
  const report = db.recoveryReport;
  await db.close();
  return { ids, report, existed };
}, NAME);

function check(ids, acks) {
  const present = new Set(ids);
  const missing = [];
  for (const [id, kind] of acks) {
    if (kind === 'single' ? !present.has(id) : !(present.has(`${id}-a`) && present.has(`${id}-b`))) missing.push(id);
  }
  const halfPairs = ids.filter((id) => /-[ab]$/.test(id) && !present.has(id.replace(/-a$/, '-b').replace(/-b$/, '-a')));
  return { missing, halfPairs };
}

test(`kill test: ${ROUNDS} rounds of SIGKILL during a stream of awaited writes lose no acknowledged write and half-apply no transaction`,
  { timeout: 240_000 }, async () => {
    const server = await startServer();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-kill-'));
    const acks = new Map();
    const round = { current: undefined, acked: 0 };
    const stats = { rounds: 0, acknowledged: 0, unacknowledgedPresent: 0, catalogs: new Set(), problems: [], browserLost: 0, acknowledgedBefore: 0 };
    let running = null;
    try {
      for (let r = 0; r <= ROUNDS + stats.browserLost; r++) {
        running = await launch(dir);
        round.current = undefined;
        const page = await openPage(running.context, server.origin, acks, round);
        const { ids, report, existed } = await readAll(page);
        if (!existed && acks.size > 0) {
          // After a SIGKILL the relaunched Chromium no longer has the IndexedDB database at all
          // (PocketDynamo never deletes one): nothing stored is left to check. That round is
          // reported, not counted, and the count starts over.
          stats.browserLost += 1;
          console.log(`round ${r}: the relaunched browser no longer has the IndexedDB database (${acks.size} acknowledged writes with it)`);
          assert.ok(stats.browserLost <= MAX_BROWSER_LOSSES, `the browser lost the IndexedDB database ${stats.browserLost} times`);
          stats.acknowledgedBefore += acks.size;
          acks.clear();
        }
        const { missing, halfPairs } = check(ids, acks);
        if (missing.length) {
          // What recovery saw, for the record of a failure.
          const files = await page.evaluate((name) => window.storedFiles(name), NAME);
          console.log(`round ${r}: ${missing.length} of ${acks.size} acknowledged writes missing, ${ids.length} items present; `
            + `recovery report ${JSON.stringify(report)}; stored files ${JSON.stringify(files)}`);
        }
        assert.deepEqual(missing, [], `round ${r}: acknowledged writes lost`);
        assert.deepEqual(halfPairs, [], `round ${r}: transactions half-applied`);
        assert.ok(report === null || Array.isArray(report.problems));
        for (const file of await page.evaluate((name) => window.storedFiles(name), NAME)) {
          const catalog = file.match(/^catalog-(\d+)$/);
          if (catalog) stats.catalogs.add(Number(catalog[1]));
        }
        stats.problems.push(...(report?.problems ?? []));
        stats.unacknowledgedPresent = ids.length - [...acks.values()].reduce((n, kind) => n + (kind === 'pair' ? 2 : 1), 0);
        if (r === ROUNDS + stats.browserLost) break;

        round.current = r;
        round.acked = 0;
        // Values of 1.5 KB, so that the log fills and checkpoints (new partition files, a new
        // catalog, removals) happen during the rounds too, not only log appends.
        await page.evaluate(({ name, r }) => window.writeStream(name, r, 4, 1500), { name: NAME, r });
        const deadline = Date.now() + 10_000;
        while (round.acked === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
        assert.ok(round.acked > 0, `round ${r}: the stream wrote nothing`);
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 400));
        await kill(running);
        running = null;
        stats.rounds += 1;
      }
      stats.acknowledged = stats.acknowledgedBefore + acks.size;
      console.log(`kill test: ${stats.rounds} kills, ${stats.acknowledged} acknowledged writes, 0 lost, `
        + `${stats.unacknowledgedPresent} items written but not yet acknowledged at a kill (allowed); `
        + `catalogs seen: ${[...stats.catalogs].sort((a, b) => a - b).join(', ') || 'none'}; `
        + `recovery problems reported: ${stats.problems.length ? stats.problems.join(' | ') : 'none'}; `
        + `rounds where the browser lost the whole IndexedDB database: ${stats.browserLost}`);
      assert.equal(stats.rounds, ROUNDS + stats.browserLost);
    } finally {
      if (running) await kill(running);
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
