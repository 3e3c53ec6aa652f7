// One writer per directory in Node: a LOCK file (a name the engine never uses) created
// exclusively and holding the owner's pid. A lock whose process is gone is stale and taken over.
// Within one process the directory is locked in memory first, so two opens there queue or fail
// without touching the file.
import { DatabaseLockedError } from '../errors.js';
import { toStorageError } from './files.js';
import { acquireLocalLock } from './local-lock.js';

const NODE_FS = ['node', 'fs/promises'].join(':');
const NODE_PATH = ['node', 'path'].join(':');
const POLL_MS = 100;
// A lock file still empty after this long was left by a process that died while creating it.
const EMPTY_LOCK_STALE_MS = 5000;

/**
 * @param {string} dir the database directory (exists)
 * @param {string} name the database name, for the error message
 * @param {'fail' | 'wait'} mode
 * @returns {Promise<{ release(): Promise<void> }>}
 */
export async function acquireDirectoryLock(dir, name, mode) {
  const fs = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS);
  const path = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_PATH);
  const file = path.join(path.resolve(dir), 'LOCK');
  const local = await acquireLocalLock(`fs:${file}`, mode === 'wait');
  if (!local) throw new DatabaseLockedError(name);
  try {
    await lockFile(fs, file, name, mode);
  } catch (error) {
    local.release();
    throw error;
  }
  return {
    async release() {
      await fs.rm(file, { force: true }).catch(() => {});
      local.release();
    },
  };
}

async function lockFile(fs, file, name, mode) {
  for (;;) {
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw toStorageError(error, `locking ${file}`);
    }
    if (await isStale(fs, file)) {
      await fs.rm(file, { force: true });
      continue;
    }
    if (mode !== 'wait') throw new DatabaseLockedError(name);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function isStale(fs, file) {
  let text;
  let stat;
  try {
    [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
  } catch (error) {
    if (error.code === 'ENOENT') return true; // released meanwhile: try again
    throw toStorageError(error, `reading ${file}`);
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid)) return Date.now() - stat.mtimeMs > EMPTY_LOCK_STALE_MS;
  // Our own pid: an earlier open in this process that could not remove it (we hold the in-memory lock).
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code !== 'EPERM';
  }
}
