import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { isProcessAlive } from '../util/processAlive.js';

interface LockInfo {
  pid: number;
  url: string;
}

/** How long a takeover guard may stay before it is taken for the leftover of a crashed starter. */
const GUARD_STALE_MS = 5_000;
const ATTEMPTS = 200;

/**
 * One server per cache dir: a lock file holding the owner's pid and URL. A lock left by a process
 * that is gone is taken over. Both steps are atomic across processes: the lock file is created
 * complete (written aside, then hard-linked into place, which fails if one is there), and a
 * takeover happens only under a guard file created with O_EXCL, after reading the lock again, so
 * two starters that both found the same dead owner cannot both win (one would otherwise delete the
 * other's fresh lock).
 */
export class ServerLock {
  private constructor(private readonly path: string) {}

  static acquire(cacheDir: string, info: LockInfo): ServerLock {
    const dir = join(cacheDir, 'v1');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'server.lock');
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createComplete(path, JSON.stringify(info))) return new ServerLock(path);
      const seen = readText(path);
      if (seen === undefined) continue; // removed in the meantime: try again
      const holder = parseInfo(seen);
      // Our own pid counts as alive: another server in this process holds it.
      if (holder && isProcessAlive(holder.pid)) {
        throw new UserError(
          `another fbuild server (pid ${holder.pid}, ${holder.url}) holds the cache dir ${cacheDir}; use it (FBUILD_CACHE_URL=${holder.url}) or stop it (fbuild stop)`,
        );
      }
      // Dead owner, or a damaged file (never a half-written one: locks are created complete).
      underGuard(`${path}.takeover`, () => {
        if (readText(path) === seen) unlinkSync(path);
      });
    }
    throw new UserError(`could not lock the cache dir ${cacheDir} for the server; try again`);
  }

  /** Records the URL once the server listens. */
  update(info: LockInfo): void {
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

/** Creates `path` with `text` in it, or returns false if it exists. Never leaves it empty or partial. */
function createComplete(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    unlinkSync(tmp);
  }
}

/** Runs `fn` while holding an O_EXCL guard file; when another holds it, waits a little instead. */
function underGuard(guard: string, fn: () => void): void {
  if (!createComplete(guard, String(process.pid))) {
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
    } catch {
      // gone already
    }
    sleepMs(5 + Math.random() * 10);
    return;
  }
  try {
    fn();
  } finally {
    unlinkSync(guard);
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseInfo(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as LockInfo;
    return Number.isInteger(v?.pid) && v.pid > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
