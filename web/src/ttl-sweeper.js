// Time to Live in the background: DynamoDB deletes expired items by itself, so while a database
// is open here (in the tab that owns it, in the worker, in `serve`) a pass over every table with
// TTL enabled runs every `intervalMs`. A pass goes in slices: engine calls that each look at a
// few hundred items, repeated until the slice's time budget is spent, then the thread is given
// back (a timer) before the next slice, so that a large table never blocks the page. The engine
// writes the stream records DynamoDB writes for TTL deletes (userIdentity: the service).

const EXAMINE_PER_CALL = 256;

/**
 * @param {(text: string) => Promise<{ ok: boolean, body: string }>} run runs one
 *   PocketDynamo_SweepExpiredItems request body on the engine
 * @param {{ intervalMs?: number, sliceMs?: number, now?: () => number,
 *   schedule?: (fn: () => void, ms: number) => unknown, cancel?: (handle: unknown) => void }} [options]
 *   `now` is the clock in epoch milliseconds (expiry and the slice budget), `schedule`/`cancel`
 *   the timer; tests inject all three.
 */
export function startTtlSweeper(run, options = {}) {
  const {
    intervalMs = 60_000,
    sliceMs = 4,
    now = Date.now,
    schedule = (fn, ms) => {
      const timer = setTimeout(fn, ms);
      timer.unref?.(); // in Node, a pending pass does not keep the process alive
      return timer;
    },
    cancel = clearTimeout,
  } = options;
  let timer = null;
  let stopped = false;
  let cursor; // where the pass goes on: the Resume of the last call

  const later = (ms) => {
    if (!stopped) timer = schedule(slice, ms);
  };

  async function slice() {
    timer = null;
    const started = now();
    try {
      do {
        // LoadedOnly: partitions still in storage are swept once a request loads them, so that a
        // pass never reads the whole database into memory (open loads partitions lazily).
        const request = { Now: now() / 1000, Examine: EXAMINE_PER_CALL, StartAfter: cursor, LoadedOnly: true };
        const response = await run(JSON.stringify(request));
        if (stopped) return;
        if (!response.ok) throw new Error(response.body);
        cursor = JSON.parse(response.body).Resume;
      } while (cursor && now() - started < sliceMs);
    } catch {
      // The database closing under a pass, or storage failing: the next pass starts over.
      cursor = undefined;
    }
    later(cursor ? 0 : intervalMs);
  }

  later(intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer !== null) cancel(timer);
      timer = null;
    },
  };
}
