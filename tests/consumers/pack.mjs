// Puts `npm pack` of web/ into tests/consumers/node_modules/pocketdynamo, as `npm install` of the
// published tarball would: only the files the package ships, in a real folder (not a link, so
// bundlers treat it as a dependency, pre-bundling and all). Test files that run at the same time
// share one copy: a lock file serialises them, and the copy is redone only when the tarball changed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const consumersDir = fileURLToPath(new URL('.', import.meta.url));
const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
const modules = join(consumersDir, 'node_modules');
export const installedPackage = join(modules, 'pocketdynamo');

/** Installs the packed package (once per change of its files); resolves to its folder. */
export async function installPackedPackage() {
  const lock = join(modules, '.pocketdynamo-pack.lock');
  for (let tries = 0; ; tries += 1) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST' || tries > 1200) throw error;
      if (!holderAlive(lock)) rmSync(lock, { force: true }); // left by a run that was killed
      else await sleep(100);
    }
  }
  try {
    const scratch = mkdtempSync(join(modules, '.pd-pack-'));
    try {
      const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', webDir, '--json', '--pack-destination', scratch],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
      const tarball = join(scratch, filename);
      const sha = createHash('sha256').update(readFileSync(tarball)).digest('hex');
      const stamp = join(installedPackage, '.pack-sha256');
      if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sha) return installedPackage;
      execFileSync('tar', ['-xzf', tarball, '-C', scratch]);
      writeFileSync(join(scratch, 'package', '.pack-sha256'), sha);
      rmSync(installedPackage, { recursive: true, force: true });
      renameSync(join(scratch, 'package'), installedPackage);
      // A bundler's cache of the previous copy (Vite's pre-bundled deps) would hide the change.
      rmSync(join(modules, '.vite'), { recursive: true, force: true });
      return installedPackage;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } finally {
    rmSync(lock, { force: true });
  }
}

function holderAlive(lock) {
  const pid = Number(readFileSync(lock, 'utf8'));
  if (!pid) return true; // being written
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
