import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';

/**
 * One server per cache dir: a lock file holding the owner's pid and URL. A lock left by a process
 * that is gone is taken over.
 */
export class ServerLock {
  private constructor(private readonly path: string) {}

  static acquire(cacheDir: string, info: { pid: number; url: string }): ServerLock {
    const dir = join(cacheDir, 'v1');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'server.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, JSON.stringify(info));
        closeSync(fd);
        return new ServerLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        let holder: { pid: number; url: string } | undefined;
        try {
          holder = JSON.parse(readFileSync(path, 'utf8'));
        } catch {
          holder = undefined; // being written, or damaged: treat as stale below if the pid is unknown
        }
        // Our own pid counts as alive: another server in this process holds it.
        if (holder && isAlive(holder.pid)) {
          throw new UserError(
            `another fbuild server (pid ${holder.pid}, ${holder.url}) holds the cache dir ${cacheDir}; use it (FBUILD_CACHE_URL=${holder.url}) or stop it (fbuild stop)`,
          );
        }
        try {
          unlinkSync(path);
        } catch {
          // someone else removed it
        }
      }
    }
    throw new UserError(`could not lock the cache dir ${cacheDir} for the server; try again`);
  }

  /** Records the URL once the server listens. */
  update(info: { pid: number; url: string }): void {
    writeFileSync(this.path, JSON.stringify(info), { mode: 0o600 });
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
