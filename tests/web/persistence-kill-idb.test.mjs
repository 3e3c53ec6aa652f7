// The kill workload (tests/support/kill-workload.mjs) on storage 'idb' in Node (fake-indexeddb),
// with partitions loaded lazily, and in the background every other round, and reads and writes of
// IndexedDB delayed at random so that requests, fetches and checkpoint steps interleave. A "kill"
// freezes the backend: nothing more reaches IndexedDB (a transaction already handed over still
// completes, as one committed before a crash). Then the database is opened again and every item
// must be what the acknowledged operations left. Any writer that fails fails the test: a flush
// whose checkpoint step wanted a partition that writes made due while others were fetched once
// failed every write of the batch ("... was not fetched from storage in time").
import 'fake-indexeddb/auto';
import test from 'node:test';
import assert from 'node:assert/strict';
import { open, createTable } from './persistence-support.mjs';
import { KillModel, TABLE, runWriter, stateOf } from '../support/kill-workload.mjs';

const ROUNDS = Number(process.env.PD_KILL_ROUNDS ?? 40);
const WRITERS = 4;
const VALUE_BYTES = 4000; // so that the logs pass their 4 MB budget and steps run within the rounds

// A seeded generator (mulberry32): the same kills and delays on every run.
function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// A backend whose reads and writes wait 0 to 3 ms first, and that freezes at kill().
function killableBackend(random) {
  let dead = false;
  const never = () => new Promise(() => {});
  const delay = () => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
  return {
    kill() { dead = true; },
    wrap: (backend) => ({
      load: (options) => backend.load(options),
      close: () => backend.close(),
      async readFiles(names) {
        await delay();
        if (dead) return never();
        const files = await backend.readFiles(names);
        return dead ? never() : files;
      },
      async apply(ops) {
        await delay();
        if (dead) return never();
        await backend.apply(ops);
        if (dead) return never();
      },
    }),
  };
}

// The one process here opens the database again and again without closing what it "killed".
const heldLock = { release() {} };

async function readAll(name) {
  const db = await open({ name, storage: 'idb' }, { heldLock });
  const items = [];
  if ((await db.listTables({})).TableNames.includes(TABLE)) {
    let ExclusiveStartKey;
    do {
      const page = await db.scan({ TableName: TABLE, ExclusiveStartKey });
      for (const item of page.Items) items.push([item.id.S, stateOf(item)]);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  const report = db.recoveryReport;
  await db.close();
  return { items, report };
}

// Runs the writers until `killAfter` acknowledgements, then kills the backend; rejects when a
// writer fails before that.
async function runAndKill(name, round, model, random, killAfter) {
  const backend = killableBackend(random);
  const db = await open({ name, storage: 'idb' }, { wrapBackend: backend.wrap, heldLock, loadInBackground: round % 2 === 1 });
  if (!(await db.listTables({})).TableNames.includes(TABLE)) await createTable(db, TABLE);
  let live = true;
  let acknowledged = 0;
  await new Promise((resolve, reject) => {
    for (let writer = 0; writer < WRITERS; writer++) {
      runWriter(db, {
        round,
        writer,
        valueBytes: VALUE_BYTES,
        acknowledge: (index) => {
          if (!live) return new Promise(() => {}); // killed: this writer stops here
          model.acknowledge(writer, index);
          if (++acknowledged < killAfter) return undefined;
          live = false;
          backend.kill();
          resolve();
          return new Promise(() => {});
        },
      }).catch((error) => {
        if (!live) return;
        live = false;
        backend.kill();
        reject(new Error(`round ${round}: writer ${writer} failed: ${error.message}`));
      });
    }
  });
}

test(`simulated kills on storage 'idb' (${ROUNDS} rounds, lazy and background loading): every acknowledged write is kept`,
  { timeout: 300_000 }, async () => {
    const name = `kill-idb-${process.pid}`;
    const random = seeded(11);
    const model = new KillModel(VALUE_BYTES);
    let kills = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      const { items, report } = await readAll(name);
      assert.deepEqual(model.check(new Map(items)), [], `round ${round}: lost or changed acknowledged writes`);
      assert.deepEqual(report?.problems ?? [], [], `round ${round}: recovery found problems`);
      if (round === ROUNDS) break;
      model.startRound(round, WRITERS);
      await runAndKill(name, round, model, random, 1 + Math.floor(random() * 300));
      kills += 1;
    }
    assert.equal(kills, ROUNDS);
    for (const kind of ['insert', 'overwrite', 'add', 'delete', 'transact']) assert.ok(model.counts[kind] > 0, `some ${kind} acknowledged`);
  });
