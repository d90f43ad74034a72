import { spawn } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../server/util/processAlive.js';
import type { BuildCliOptions } from './buildOptions.js';
import { buildBodyOf } from './buildThroughServer.js';
import { ownedAndPrivate, readResidentRecord, residentClient, type ResidentPlace } from './residentServer.js';

/** Starting a resident server (residentServer.ts): a module of its own, as only the full path starts one. */

const DEFAULT_IDLE_SECONDS = 600;
/** A start younger than this whose process lives is taken to be under way: no second server is started meanwhile. */
const STARTING_GRACE_MS = 30_000;

/**
 * Starts this invocation's server in the background, unless another build is starting it. Never
 * waits and never fails the build: a server that cannot start leaves its reason in its log.
 */
export function startResident(place: ResidentPlace, opts: BuildCliOptions, env: NodeJS.ProcessEnv = process.env): void {
  try {
    mkdirSync(place.dir, { recursive: true, mode: 0o700 });
    // A folder others may write (a shared cache dir): no server, as its records could not be trusted.
    if (!ownedAndPrivate(place.dir)) return;
    if (!claimStart(place.starting)) return;
    sweepOldFiles(place.dir);
    const idle = Number(env.FBUILD_DAEMON_IDLE);
    const idleSeconds = Number.isFinite(idle) && idle > 0 ? idle : DEFAULT_IDLE_SECONDS;
    // Never through a link: the log is truncated.
    const log = openSync(place.log, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
    try {
      const args = [
        // A young generation that holds what a build allocates (a few MB): V8 starts it at 1 MB and
        // grows it slowly, and a warm build of 240 units paid six scavenges (5-17 ms) for it. Before
        // this invocation's own Node flags, which win.
        '--min-semi-space-size=16',
        ...process.execArgv,
        process.argv[1]!,
        'serve',
        '--shared-cache-dir',
        '--cache-dir',
        place.cacheDir,
        '--allow-root',
        '/',
        '--idle-exit',
        String(idleSeconds),
        '--ready-file',
        place.record,
        ...(opts.maxBytes ? ['--max-size', String(opts.maxBytes)] : []),
      ];
      const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'ignore', log], env });
      child.on('error', () => undefined); // a spawn that fails: this build goes on in its own process
      child.unref();
      // The mark names the starting server: once it is gone (stopped, idle, failed), the mark is stale.
      if (child.pid) writeFileSync(place.starting, String(child.pid), { mode: 0o600 });
    } finally {
      closeSync(log);
    }
  } catch {
    // A cache dir that cannot hold the record: builds go on without a resident server.
  }
}

/**
 * Takes the right to start the server: the mark is new, or the server it names is gone (it exited,
 * or never started), or it is older than a start takes (a server that started and registered is
 * found by its record, not by its mark).
 */
function claimStart(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', 0o600));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    const young = Date.now() - statSync(path).mtimeMs < STARTING_GRACE_MS;
    // An empty mark is a starter between its claim and its spawn.
    if (young && (pid === 0 || isProcessAlive(pid))) return false;
    writeFileSync(path, '', { mode: 0o600 }); // renews the mark's time
    return true;
  } catch {
    return false;
  }
}

/** A day: the marks and logs of servers long gone (other terminals' environments) are removed. */
const OLD_AFTER_MS = 24 * 3600_000;

/** Removes the marks, logs and dead servers' records of other invocations that have not started a server for a day. */
function sweepOldFiles(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!/^[0-9a-f]{32}\.(json|log|starting)$/.test(name)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs < OLD_AFTER_MS) continue;
      // A live server's record stays, however old (it is rewritten only at its start).
      if (name.endsWith('.json') && readResidentRecord(path)) continue;
      rmSync(path, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * After the build that started the server, when the server is ready by then (a long build): the same
 * request once more, silently, as a lookup only (BuildBody.lookupOnly). The server reads the project,
 * checks it is up to date, and hashes its inputs against the whole-build record this build saved,
 * as a build from another checkout would; it builds and writes nothing. So its code for all of that
 * has run once when the next build asks.
 */
export async function rehearseResident(place: ResidentPlace, opts: BuildCliOptions): Promise<void> {
  const record = readResidentRecord(place.record);
  if (!record) return;
  const client = residentClient(record, {
    connectMs: 2_000,
    // A warm-up never holds the command up for long: an up-to-date check answers in well under this.
    idleMs: 2_000,
  });
  try {
    for await (const e of client.build({ ...buildBodyOf(opts), force: false, keepObjects: false, lookupOnly: true }))
      if (e.type === 'done') break;
  } catch {
    // only a warm-up lost
  } finally {
    await client.close();
  }
}
