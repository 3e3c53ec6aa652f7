// The kill test for storage 'fs' in Node: a child process runs the kill workload (puts of new
// items, overwrites, ADD updates, deletes and transactions; tests/support/kill-workload.mjs) and is
// SIGKILLed at a random moment; reopened, every item must be what the acknowledged operations
// left (plus maybe each writer's next operation, in flight at the kill, wholly or not at all).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open } from './persistence-support.mjs';
import { KillModel, TABLE, stateOf } from '../support/kill-workload.mjs';

const ROUNDS = Number(process.env.PD_KILL_ROUNDS ?? 10);
const WRITERS = 4;
const VALUE_BYTES = 4000; // so that the log fills (4 MB) and checkpoints happen during the rounds too
const CHILD = new URL('./persistence-writer-child.mjs', import.meta.url).pathname;

// Runs one round in a child and kills it after a random number of acknowledged operations
// (counted, not timed, so that a slow machine runs as many), while its writers go on; every line
// it printed is read (until its stdout closes), so no acknowledgement is missed.
function runAndKill(dir, round, model) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, String(round), String(VALUE_BYTES)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let errors = '';
    let acknowledged = 0;
    const killAfter = 1 + Math.floor(Math.random() * 400);
    let failure = null;
    child.stderr.on('data', (data) => { errors += data; });
    child.stdout.on('data', (data) => {
      buffered += data;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        const [word, writer, index] = line.split(' ');
        if (word !== 'ack') continue;
        try {
          model.acknowledge(Number(writer), Number(index));
        } catch (error) {
          failure ??= error;
        }
        acknowledged += 1;
        if (acknowledged === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('close', (code, signal) => {
      if (failure) reject(failure);
      else if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited ${code}: ${errors}`));
    });
  });
}

async function readAll(dir) {
  // The dead child's LOCK names a process that is gone: it is taken over.
  const db = await open({ name: 'kill-fs', storage: 'fs', path: dir });
  const observed = new Map();
  if ((await db.listTables({})).TableNames.includes(TABLE)) {
    let ExclusiveStartKey;
    do {
      const page = await db.scan({ TableName: TABLE, ExclusiveStartKey });
      for (const item of page.Items) observed.set(item.id.S, stateOf(item));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  const report = db.recoveryReport;
  await db.close();
  return { observed, report };
}

test(`fs kill test: ${ROUNDS} SIGKILLs of a process writing, overwriting, updating and deleting leave every item as acknowledged`,
  { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-kill-fs-'));
    const model = new KillModel(VALUE_BYTES);
    const catalogs = new Set();
    try {
      for (let round = 0; round <= ROUNDS; round++) {
        const { observed, report } = await readAll(dir);
        const problems = model.check(observed);
        assert.deepEqual(problems, [], `round ${round}: the reopened database is not what was acknowledged `
          + `(recovery report ${JSON.stringify(report)})`);
        for (const file of fs.readdirSync(dir)) if (/^catalog-/.test(file)) catalogs.add(file);
        if (round === ROUNDS) break;
        model.startRound(round, WRITERS);
        await runAndKill(dir, round, model);
      }
      console.log(`fs kill test: ${ROUNDS} kills, ${model.acknowledged} acknowledged operations ${JSON.stringify(model.counts)}, `
        + `${model.size} items at the end; catalogs seen: ${[...catalogs].sort().join(', ')}`);
      for (const kind of ['insert', 'overwrite', 'add', 'delete', 'transact']) assert.ok(model.counts[kind] > 0, `some ${kind} acknowledged`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
