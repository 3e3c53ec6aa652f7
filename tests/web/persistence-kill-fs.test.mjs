// The kill test for storage 'fs' in Node: a child process writes a stream of awaited writes and
// is SIGKILLed at a random moment; reopened, the directory must hold every write the child
// acknowledged (printed), and no TransactWriteItems pair half-applied.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contents, open } from './persistence-support.mjs';

const ROUNDS = Number(process.env.PD_KILL_ROUNDS ?? 10);
const CHILD = new URL('./persistence-writer-child.mjs', import.meta.url).pathname;

function runAndKill(dir, round, acks) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let errors = '';
    let started = false;
    child.stderr.on('data', (data) => { errors += data; });
    child.stdout.on('data', (data) => {
      buffered += data;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        const [word, id, kind] = line.split(' ');
        if (word === 'ack') acks.set(id, kind);
        if (word === 'ack' && !started) {
          started = true;
          setTimeout(() => child.kill('SIGKILL'), 10 + Math.random() * 300);
        }
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${errors}`))));
  });
}

test(`fs kill test: ${ROUNDS} SIGKILLs of a writing process lose no acknowledged write and half-apply no transaction`,
  { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-kill-fs-'));
    const acks = new Map();
    try {
      for (let round = 0; round <= ROUNDS; round++) {
        // The dead child's LOCK names a process that is gone: it is taken over.
        const db = await open({ name: 'kill-fs', storage: 'fs', path: dir });
        const present = new Set((await db.listTables({})).TableNames.length ? Object.keys(await contents(db)) : []);
        await db.close();
        const missing = [...acks].filter(([id, kind]) => (kind === 'single' ? !present.has(id) : !(present.has(`${id}-a`) && present.has(`${id}-b`))));
        assert.deepEqual(missing, [], `round ${round}: acknowledged writes lost`);
        const halves = [...present].filter((id) => /-[ab]$/.test(id) && !present.has(id.replace(/-a$/, '-b').replace(/-b$/, '-a')));
        assert.deepEqual(halves, [], `round ${round}: a transaction half-applied`);
        if (round < ROUNDS) await runAndKill(dir, round, acks);
      }
      assert.ok(acks.size > ROUNDS);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
