import { lstatSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { isProcessAlive } from '../../server/util/processAlive.js';
import { JobClient } from '../client/jobClient.js';
import type { ClientTimeouts } from '../client/timeouts.js';
import { tokenFromEnv } from '../client/token.js';
import type { BuildCliOptions } from './buildOptions.js';
import { fileIdentity, invocationEnv } from './invocationEnv.js';

/**
 * `fbuild build`'s resident server, as sccache and the Gradle daemon keep one: the first build of an
 * invocation starts `fbuild serve` in the background (detached, on the same cache dir, shared) and
 * builds in its own process meanwhile; the next builds of the same invocation ask that server, which
 * has its modules loaded and the store open, and only print what it streams. It stops after
 * FBUILD_DAEMON_IDLE seconds without a build (default 600), when its record is removed (its cache
 * dir deleted), or by `fbuild stop`. FBUILD_DAEMON=0 or `--no-daemon` turns it off.
 *
 * A server is used only by an identical invocation: the same node and fbuild, the same working
 * directory, the same environment (but the shell's bookkeeping) and the same store options. Its
 * process inherited all of these from the build that started it, so what it builds is what this
 * process would build; any other invocation has its own. It allows every directory (`--allow-root
 * /`): it acts for whoever can read its token (a 0600 file of this user), with that user's rights,
 * which is what an embedded build does in the user's own process.
 */

const RECORD_VERSION = 1;

export interface ResidentPlace {
  cacheDir: string;
  dir: string;
  /** The server's ready file (`fbuild serve --ready-file`): its url, pid and token file. */
  record: string;
  /** Made (O_EXCL) by the build that starts the server. */
  starting: string;
  /** The server's stderr. */
  log: string;
}

export interface ResidentRecord {
  url: string;
  pid: number;
  tokenFile: string;
}

/** Whether builds may use a resident server at all: FBUILD_DAEMON=0 (or false, no, off) turns it off. */
export function residentServersEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(0|false|no|off)$/i.test(env.FBUILD_DAEMON ?? '');
}

/**
 * Where this invocation's resident server is registered, or undefined when the build does not use
 * one: turned off, a server or remote tier named (the build happens there), `--no-cache` (nothing
 * to keep open), or the wrapped backend (its per-unit processes are the point of it).
 */
export function residentPlaceFor(
  opts: BuildCliOptions,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ResidentPlace | undefined {
  if (opts.noDaemon || !residentServersEnabled(env)) return undefined;
  if (opts.server !== undefined || env.FBUILD_CACHE_URL || opts.remote || opts.noCache || opts.backend !== 'embedded') return undefined;
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  // fbuild itself: its entry file, which a build of the bundle rewrites (and whose imports name
  // every chunk by its hash). Not this module's file: the client (dist/build-client.js) and the
  // full path that starts the server (a chunk) are two files and must agree.
  const self = fileIdentity(process.argv[1]);
  const vars = invocationEnv(env);
  const key = digest128(
    JSON.stringify([RECORD_VERSION, process.execPath, process.version, process.execArgv, self, cwd, vars, cacheDir, opts.maxBytes ?? null]),
  );
  const dir = join(cacheDir, 'daemons');
  return { cacheDir, dir, record: join(dir, `${key}.json`), starting: join(dir, `${key}.starting`), log: join(dir, `${key}.log`) };
}

/**
 * 128 bits of the key, as 32 hex digits, without node:crypto (loading it is 5 ms of a client that
 * takes 50 of its own): four 32-bit multiply-xorshift lanes with distinct seeds. The key names a
 * record among the few of one user's invocations; no adversary chooses it (it holds their own
 * environment), so a hash built for spreading, not for resisting attacks, is what it needs.
 */
export function digest128(text: string): string {
  let h1 = 0x9e3779b9 ^ text.length;
  let h2 = 0x85ebca6b;
  let h3 = 0xc2b2ae35;
  let h4 = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0x1b873593);
    h4 = Math.imul(h4 ^ c, 0xcc9e2d51);
  }
  const fin = (h: number, m: number) => {
    h = Math.imul(h ^ (h >>> 16), m);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  // Each lane finished with the others mixed in, so that every bit of the result depends on all four.
  return fin(h1 ^ h3, 0x85ebca6b) + fin(h2 ^ h4, 0x27d4eb2f) + fin(h3 + h1, 0x165667b1) + fin(h4 + h2, 0xd3a2646c);
}

/**
 * The server registered at `path`, if the record is whole, its process alive, and the record can
 * only be this user's: the file and its folder are this user's and nobody else may write them, and
 * the server is on loopback. A record another user could plant (a cache dir shared and writable by
 * others) would send this user's builds, and the token file it names, to that user's server.
 */
export function readResidentRecord(path: string): ResidentRecord | undefined {
  if (!ownedAndPrivate(path) || !ownedAndPrivate(dirname(path))) return undefined;
  let r: Partial<ResidentRecord>;
  try {
    r = JSON.parse(readFileSync(path, 'utf8')) as Partial<ResidentRecord>;
  } catch {
    return undefined;
  }
  if (typeof r.url !== 'string' || typeof r.pid !== 'number' || typeof r.tokenFile !== 'string') return undefined;
  if (!/^(http:\/\/127\.0\.0\.1:\d+|unix:\/\/\/.+)$/.test(r.url) || !ownedAndPrivate(r.tokenFile)) return undefined;
  return isProcessAlive(r.pid) ? (r as ResidentRecord) : undefined;
}

/** A file or folder of this user that no one else may write (no group or other write bit). */
export function ownedAndPrivate(path: string): boolean {
  try {
    const st = lstatSync(path);
    return (process.getuid === undefined || st.uid === process.getuid()) && (st.mode & 0o022) === 0 && !st.isSymbolicLink();
  } catch {
    return false;
  }
}

/** A client of the server a record names, with the token of the record's token file. */
export function residentClient(record: ResidentRecord, timeouts?: ClientTimeouts): JobClient {
  return new JobClient(record.url, tokenFromEnv({ FBUILD_CACHE_TOKEN_FILE: record.tokenFile }), timeouts);
}

/** Forgets a server that does not answer (killed, or its port taken by another): the next build starts another. */
export function forgetResident(place: ResidentPlace): void {
  rmSync(place.record, { force: true });
  rmSync(place.starting, { force: true });
}

/**
 * The resident servers registered in a cache dir that are alive (`fbuild stop`, `fbuild cache prune`,
 * `fbuild stats`), each with when its record was written.
 */
export function residentServersOf(cacheDir: string): (ResidentRecord & { recordedMs: number })[] {
  const dir = join(cacheDir, 'daemons');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^[0-9a-f]{32}\.json$/.test(n));
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const path = join(dir, n);
    const record = readResidentRecord(path);
    if (!record) return [];
    try {
      return [{ ...record, recordedMs: statSync(path).mtimeMs }];
    } catch {
      return []; // gone since
    }
  });
}

/**
 * Stops the cache dir's resident servers and waits for them to exit (their store flushed): `fbuild
 * stop` and `fbuild cache prune`, which must not run under a server that has the store open. A
 * server that does not answer is signalled. Returns how many were stopped.
 */
export async function stopResidentServers(cacheDir: string, mode: 'graceful' | 'force' = 'graceful'): Promise<number> {
  const servers = residentServersOf(cacheDir);
  await Promise.all(
    servers.map(async (s) => {
      const client = residentClient(s);
      try {
        await client.shutdown(mode);
      } catch {
        signal(s.pid, 'SIGTERM');
      } finally {
        await client.close();
      }
      for (let waited = 0; isProcessAlive(s.pid); waited += 20) {
        if (waited === 30_000) signal(s.pid, 'SIGKILL');
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  return servers.length;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone already
  }
}
