// One writer per directory in Node: a LOCK file (a name the engine never uses), created
// exclusively, holding JSON { token, pid, hostname, startedAt, processStart }. Who may take it over:
// - a LOCK of another host (a container sharing the volume, an NFS client) never: its pid means
//   nothing here, so the error says who holds it and that it may be deleted by hand;
// - a LOCK of this process (another thread, another copy of the package) never;
// - a LOCK of a dead process on this host is stale: it is removed under a second lock file, if
//   it is still the very file judged stale, and then a new LOCK is created exclusively.
// Within one thread the directory (by real path) is locked in memory first, so two opens there
// queue or fail without touching the file.
import { DatabaseLockedError } from '../errors.js';
import { toStorageError } from './files.js';
import { acquireLocalLock, lockTable } from './local-lock.js';

// Computed so that bundlers do not try to resolve Node built-ins for the browser.
const node = (name) => import(/* @vite-ignore */ /* webpackIgnore: true */ ['node', name].join(':'));
const POLL_MS = 100;
// A LOCK still empty (or torn) after this long was left by a process that died while writing it.
const EMPTY_LOCK_STALE_MS = 5000;
// Two threads of one process compute the same process start (monotonic clock) to within a few ms.
const SAME_PROCESS_MS = 100;

/**
 * @param {string} dir the database directory (exists)
 * @param {string} name the database name, for the error message
 * @param {'fail' | 'wait'} mode
 * @returns {Promise<{ release(): Promise<void> }>}
 */
export async function acquireDirectoryLock(dir, name, mode) {
  const [fs, path, os, crypto] = await Promise.all([node('fs/promises'), node('path'), node('os'), node('crypto')]);
  let real;
  try {
    real = await fs.realpath(path.resolve(dir)); // a symlinked path is the same directory
  } catch (error) {
    throw toStorageError(error, `resolving ${dir}`);
  }
  const file = path.join(real, 'LOCK');
  const me = {
    token: crypto.randomUUID(),
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStart(),
  };
  const local = await acquireLocalLock(file, mode === 'wait', lockTable('pocketdynamo.fsLocks'));
  if (!local) throw locked(name, file, null, me);
  try {
    await lockFile(fs, file, name, mode, me, crypto);
  } catch (error) {
    local.release();
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        // Only our own LOCK: a file with another token belongs to someone else.
        const found = await readLock(fs, file);
        if (found?.holder?.token === me.token) await fs.rm(file, { force: true });
      } catch {
        // Unreadable: leave it (a stale LOCK is taken over later; deleting another's is worse).
      } finally {
        local.release();
      }
    },
  };
}

async function lockFile(fs, file, name, mode, me, crypto) {
  const content = `${JSON.stringify(me)}\n`;
  for (;;) {
    if (await createLock(fs, file, content)) return;
    const found = await readLock(fs, file);
    if (!found) continue; // released meanwhile: try again
    if (isStale(found, me)) {
      await takeOver(fs, file, found, crypto);
      continue;
    }
    if (mode !== 'wait') throw locked(name, file, found.holder, me);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Creates LOCK exclusively with our content; false if it exists. */
async function createLock(fs, file, content) {
  let handle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw toStorageError(error, `locking ${file}`);
  }
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // An empty LOCK would keep everyone out until it counts as stale.
    await fs.rm(file, { force: true }).catch(() => {});
    throw toStorageError(error, `writing ${file}`);
  }
  return true;
}

/** The LOCK's text, inode and parsed holder, read through one handle (so they describe one file); null if gone. */
async function readLock(fs, file) {
  let handle;
  try {
    handle = await fs.open(file, 'r');
    const [text, stat] = [await handle.readFile('utf8'), await handle.stat()];
    return { text, ino: stat.ino, dev: stat.dev, mtimeMs: stat.mtimeMs, holder: parse(text) };
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw toStorageError(error, `reading ${file}`);
  } finally {
    await handle?.close();
  }
}

function parse(text) {
  let holder = null;
  if (/^\d+\s*$/.test(text)) {
    holder = { pid: Number.parseInt(text, 10) }; // older versions wrote just the pid
  } else {
    try {
      holder = JSON.parse(text);
    } catch {
      // Empty or torn: its creator is writing it or died doing so.
    }
  }
  return holder && Number.isSafeInteger(holder.pid) && holder.pid > 0 ? holder : null;
}

function isStale({ holder, mtimeMs }, me) {
  if (!holder) return Date.now() - mtimeMs > EMPTY_LOCK_STALE_MS;
  if (holder.hostname !== undefined && holder.hostname !== me.hostname) return false;
  if (holder.pid === me.pid) {
    // Our pid but another process start: an earlier process had our pid (a restarted container is
    // pid 1 again). Otherwise it is this process, alive by definition.
    return typeof holder.processStart === 'number' && Math.abs(holder.processStart - me.processStart) > SAME_PROCESS_MS;
  }
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH'; // EPERM: alive, someone else's
  }
}

// Takeovers are serialized by a second file, LOCK.takeover: under it LOCK is read again and
// removed only if it is still the file judged stale. Only a taker ever removes a LOCK it does not
// own, so two processes that both judged one LOCK stale cannot remove each other's new LOCK.
async function takeOver(fs, file, found, crypto) {
  const mutex = `${file}.takeover`;
  if (!(await createLock(fs, mutex, `${process.pid}\n`))) {
    // Another process is taking over (for milliseconds), or died doing so and left the file.
    const other = await readLock(fs, mutex);
    if (other && Date.now() - other.mtimeMs > EMPTY_LOCK_STALE_MS) await removeIfSame(fs, mutex, other, crypto);
    else await new Promise((resolve) => setTimeout(resolve, 5));
    return;
  }
  try {
    const again = await readLock(fs, file);
    if (again && sameFile(again, found)) await fs.rm(file, { force: true });
  } finally {
    await fs.rm(mutex, { force: true }).catch(() => {});
  }
}

// Removes a stale LOCK.takeover without the mutex that guards LOCK: moves it aside, checks that the
// moved file is the one judged stale, and puts it back if not.
async function removeIfSame(fs, file, found, crypto) {
  const aside = `${file}-${crypto.randomUUID()}`;
  try {
    await fs.rename(file, aside);
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw toStorageError(error, `removing ${file}`);
  }
  const moved = await readLock(fs, aside);
  if (!moved || !sameFile(moved, found)) {
    try {
      await fs.link(aside, file); // put back, never over one created meanwhile
    } catch (error) {
      if (error.code !== 'EEXIST') await fs.rename(aside, file).catch(() => {}); // no hard links here
    }
  }
  await fs.rm(aside, { force: true }).catch(() => {});
}

const sameFile = (a, b) => a.text === b.text && a.ino === b.ino && a.dev === b.dev;

function processStart() {
  return Number(process.hrtime.bigint()) / 1e6 - process.uptime() * 1000;
}

// In Node the other holder is a process (a server, an app) or another open() in this one: the
// message speaks of the folder and who holds it, not of tabs. `holder` is kept on the error.
function locked(name, file, holder, me) {
  const folder = file.slice(0, -'LOCK'.length - 1);
  let message = `PocketDynamo database "${name}": the folder ${folder} is in use`;
  if (holder?.hostname !== undefined && holder.hostname !== me.hostname) {
    message += `: held by process ${holder.pid} on host "${holder.hostname}" since ${holder.startedAt};`
      + ` a lock of another host is never taken over: if that server is gone, delete the LOCK file by hand (${file})`;
  } else {
    if (!holder || holder.pid === me.pid) message += ` by process ${me.pid}, this one (another open() here or in a worker thread)`;
    else message += ` by process ${holder.pid} (another server or app)`;
    message += "; close it there, or open with lock: 'wait' to wait for it";
  }
  const error = new DatabaseLockedError(name, message);
  error.holder = holder ?? { pid: me.pid, hostname: me.hostname };
  return error;
}
