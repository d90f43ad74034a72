import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { isProcessAlive } from '../util/processAlive.js';

export interface LockInfo {
  pid: number;
  url: string;
  /** The 0600 file holding the server's token, so `fbuild stats`/`stop` of the same user can reach it. */
  tokenFile?: string;
}

/** The cache dir is held by a live server (or a running `fbuild cache prune`): who holds it. */
export class CacheDirHeld extends UserError {
  constructor(
    readonly cacheDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `another fbuild server (pid ${holder.pid}, ${holder.url}) holds the cache dir ${cacheDir}; use it (FBUILD_CACHE_URL=${holder.url}) or stop it (fbuild stop)`,
    );
  }
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

  static async acquire(cacheDir: string, info: LockInfo): Promise<ServerLock> {
    const dir = join(cacheDir, 'v1');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'server.lock');
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createComplete(path, JSON.stringify(info))) return new ServerLock(path);
      const seen = readText(path);
      if (seen === undefined) continue; // removed in the meantime: try again
      const holder = parseInfo(seen);
      // Our own pid counts as alive: another server in this process holds it. A live pid is not
      // enough, though: after a crash and a reboot it may belong to an unrelated process.
      if (holder && isProcessAlive(holder.pid) && (await holderIsServing(path, holder))) throw new CacheDirHeld(cacheDir, holder);
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

/**
 * The server that holds `cacheDir`, as its lock records it, when that server is alive and answers
 * /health with the lock's pid; undefined otherwise (no lock, a dead owner, a server still starting).
 */
export async function serverOfCacheDir(cacheDir: string): Promise<LockInfo | undefined> {
  const text = readText(join(cacheDir, 'v1', 'server.lock'));
  const holder = text === undefined ? undefined : parseInfo(text);
  if (!holder || !isProcessAlive(holder.pid)) return undefined;
  return (await healthPid(holder.url)) === holder.pid ? holder : undefined;
}

/**
 * A server started with --shared-cache-dir takes no lock (other jobs' servers may use the dir too)
 * but says it is there, in `v1/servers/<pid>.json`, so that what must not run under a live server
 * (`fbuild cache prune`) finds it.
 */
export class ServerPresence {
  private constructor(private readonly path: string) {}

  static announce(cacheDir: string, info: LockInfo): ServerPresence {
    const dir = join(cacheDir, 'v1', 'servers');
    mkdirSync(dir, { recursive: true });
    const presence = new ServerPresence(join(dir, `${info.pid}.json`));
    presence.update(info);
    return presence;
  }

  update(info: LockInfo): void {
    writeFileSync(this.path, JSON.stringify(info), { mode: 0o600 });
  }

  withdraw(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

/** The live servers on a cache dir: the lock's holder and the shared servers that announced themselves. */
export async function liveServersOn(cacheDir: string): Promise<LockInfo[]> {
  const records = [join(cacheDir, 'v1', 'server.lock')];
  try {
    const dir = join(cacheDir, 'v1', 'servers');
    records.push(
      ...readdirSync(dir)
        .filter((n) => /^\d+\.json$/.test(n))
        .map((n) => join(dir, n)),
    );
  } catch {
    // no shared server ever announced itself here
  }
  const live: LockInfo[] = [];
  for (const path of records) {
    const text = readText(path);
    const info = text === undefined ? undefined : parseInfo(text);
    if (info && isProcessAlive(info.pid) && (await holderIsServing(path, info))) live.push(info);
  }
  return live;
}

/** A lock this young whose server does not answer yet is taken for a server still starting. */
const STARTING_GRACE_MS = 30_000;
const HEALTH_TIMEOUT_MS = 3_000;

/**
 * Whether the lock's holder is an fbuild server: its URL answers /health with the pid the lock
 * names, or the lock was written so recently that its server may not be listening yet.
 */
async function holderIsServing(path: string, holder: LockInfo): Promise<boolean> {
  if ((await healthPid(holder.url)) === holder.pid) return true;
  try {
    return Date.now() - statSync(path).mtimeMs < STARTING_GRACE_MS;
  } catch {
    return false;
  }
}

/** The pid a server at `url` (http://127.0.0.1:port or unix://path) reports on /health, if it answers. */
function healthPid(url: string): Promise<number | undefined> {
  let target: http.RequestOptions;
  if (url.startsWith('unix://')) target = { socketPath: url.slice('unix://'.length), path: '/health' };
  else if (/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) target = { host: '127.0.0.1', port: Number(url.split(':')[2]), path: '/health' };
  else return Promise.resolve(undefined);
  return new Promise((resolveProbe) => {
    const req = http.get({ ...target, timeout: HEALTH_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body = (body + d).slice(0, 4096)));
      res.on('end', () => {
        try {
          const pid = (JSON.parse(body) as { pid?: unknown }).pid;
          resolveProbe(typeof pid === 'number' ? pid : undefined);
        } catch {
          resolveProbe(undefined);
        }
      });
      res.on('error', () => resolveProbe(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveProbe(undefined));
  });
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
