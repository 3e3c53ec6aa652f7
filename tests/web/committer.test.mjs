// Group commit (web/src/storage/committer.js) when a flush fails after its commit reached the
// disk: every write in that commit is told it is stored, whether it arrived before the flush
// started or while the flush fetched partition files (then it is in the same commit); a write
// that arrived after the flush took the engine's operations is in no commit and is told it failed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Committer } from '../../web/src/storage/committer.js';

function gate() {
  let open;
  const opened = new Promise((resolve) => { open = resolve; });
  return { opened, open };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

// A committer whose flush waits at `fetching` (before taking the operations, as a flush that
// fetches files first), takes them as commit 7, waits at `applying`, then fails; the reload finds
// commit `durable` stored.
function failingAfterCommit(durable) {
  const fetching = gate();
  const applying = gate();
  const committer = new Committer({
    async flushOnce(batch) {
      await fetching.opened;
      batch.takeLater();
      batch.commit = 7;
      await applying.opened;
      throw new Error('a checkpoint write failed after the log append was stored');
    },
    onFailure: async () => {},
    durableCommit: () => durable,
  });
  return { committer, fetching, applying };
}

const outcome = (promise) => promise.then(() => 'stored', (error) => `failed: ${error.message}`);

test('a write that arrived while the flush fetched files shares its commit: stored when the reload finds the commit', async () => {
  const { committer, fetching, applying } = failingAfterCommit(7);
  const first = outcome(committer.afterWrite(false));
  await turn(); // the flush is fetching
  const duringFetch = outcome(committer.afterWrite(false));
  fetching.open();
  await turn(); // the operations are taken
  const afterTaken = outcome(committer.afterWrite(false));
  applying.open();
  assert.equal(await first, 'stored');
  assert.equal(await duringFetch, 'stored');
  assert.match(await afterTaken, /^failed: a checkpoint write failed/);
});

test('when the reload does not find the commit, the writes in it are told they failed', async () => {
  const { committer, fetching, applying } = failingAfterCommit(6);
  const first = outcome(committer.afterWrite(false));
  await turn();
  const duringFetch = outcome(committer.afterWrite(false));
  fetching.open();
  await turn();
  applying.open();
  assert.match(await first, /^failed/);
  assert.match(await duringFetch, /^failed/);
});

test('a relaxed write that joined a commit the reload found is not reported lost by the next flush()', async () => {
  const { committer, fetching, applying } = failingAfterCommit(7);
  const first = outcome(committer.afterWrite(false));
  await turn();
  assert.equal(committer.afterWrite(true), undefined); // relaxed: nobody waits for it
  fetching.open();
  await turn();
  applying.open();
  assert.equal(await first, 'stored');
  await committer.flush(); // would reject with the flush's error had the relaxed write been lost
});
