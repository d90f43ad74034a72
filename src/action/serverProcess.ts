import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from '../../server/util/atomicWrite.js';
import { join } from 'node:path';
import { UserError } from '../../server/util/errors.js';
import { isProcessAlive } from '../../server/util/processAlive.js';
import { childEnv } from '../../server/util/childEnv.js';

export interface DetachedServer {
  url: string;
  pid: number;
  token: string;
  tokenFile: string;
  log: string;
  startMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What the job's server is started with: its command line after `serve`, and what its environment adds. */
interface ServerOptions {
  cliPath: string;
  jobDir: string;
  cacheDir: string;
  workspace: string;
  jobs?: number;
  env?: NodeJS.ProcessEnv;
  /** The shared tier, passed through the environment (a URL with a password stays off the command line). */
  remote?: { url: string; mode: 'read' | 'read-write' };
  /** Called with the token before anything could print it (core.setSecret). */
  onToken: (token: string) => void;
}

export interface ServerStart {
  /** The store is restored: the server may open it. */
  go(): void;
  /** Resolves once the server has said its address. */
  ready(): Promise<DetachedServer>;
  abort(): void;
}

/** A fresh random token in a 0600 file (never on a command line), and the server's options. */
function serverOptions(opts: ServerOptions): { args: string[]; env: Record<string, string>; token: string; tokenFile: string } {
  mkdirSync(opts.jobDir, { recursive: true });
  const token = randomBytes(32).toString('hex');
  opts.onToken(token);
  const tokenFile = join(opts.jobDir, 'server.token');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  const args = [
    // No --min-semi-space-size here (the resident server has it, src/cli/residentStart.ts): the
    // larger young generation cost this server about 50 ms of its start, after the restore, for
    // 10-20 ms off its one build.
    '--cache-dir',
    opts.cacheDir,
    '--token-file',
    tokenFile,
    '--allow-root',
    opts.workspace,
    // Found through the job's state, never through the cache dir's lock: another job's server on the
    // same dir (a self-hosted runner's home) is no reason to refuse.
    '--shared-cache-dir',
  ];
  if (opts.jobs) args.push('--jobs', String(opts.jobs));
  const env: Record<string, string> = { FBUILD_CACHE_DIR: opts.cacheDir };
  if (opts.remote) Object.assign(env, { FBUILD_REMOTE_CACHE: opts.remote.url, FBUILD_REMOTE_CACHE_MODE: opts.remote.mode });
  return { args, env, token, tokenFile };
}

/**
 * A started server's handle: `go` lets it open the store (and starts the clock of its start), `ready`
 * waits for the ready line in its log; `exited` says whether the server is gone (and how).
 */
function serverStart(
  log: string,
  auth: { token: string; tokenFile: string },
  server: { go: () => void; exited: () => string | undefined; kill: () => void },
): ServerStart {
  let wentAt = performance.now();
  return {
    go: () => {
      wentAt = performance.now();
      server.go();
    },
    ready: async () => {
      for (let waited = 0; waited < 30_000; waited += 5) {
        const text = readLog(log);
        const line = /^\{"url":.*$/m.exec(text)?.[0];
        if (line) {
          const { url, pid } = JSON.parse(line) as { url: string; pid: number };
          return { url, pid, ...auth, log, startMs: Math.round(performance.now() - wentAt) };
        }
        const exited = server.exited();
        if (exited !== undefined) throw new UserError(`the fbuild server did not start (${exited}): ${lastLines(text, 5).join(' | ')}`);
        await sleep(5);
      }
      server.kill();
      throw new UserError(`the fbuild server did not say its address within 30 s; its log is ${log}`);
    },
    abort: () => server.kill(),
  };
}

/**
 * Starts `fbuild serve` detached from this step, so that it outlives it and serves the job's later
 * steps: loopback, the token by file, its output in a log file in the job's temp dir. The process
 * starts at once and opens the store when `go()` is called (after the restore).
 */
export function spawnDetachedServer(opts: ServerOptions): ServerStart {
  const { args, env: added, token, tokenFile } = serverOptions(opts);
  const log = join(opts.jobDir, 'server.log');
  const fd = openSync(log, 'w');
  const goFile = join(opts.jobDir, 'server.go');
  rmSync(goFile, { force: true });
  // The server needs none of the job's secrets (the runtime and GitHub tokens): it gets its token by file.
  const env: NodeJS.ProcessEnv = { ...childEnv(opts.env ?? process.env), ...added };
  const child = spawn(process.execPath, [opts.cliPath, 'serve', ...args, '--wait-for', goFile], {
    detached: true,
    stdio: ['ignore', fd, fd],
    env,
    cwd: opts.workspace,
  });
  closeSync(fd);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  if (child.pid) childExits.set(child.pid, new Promise((r) => child.once('exit', () => r())));
  child.unref();
  return serverStart(
    log,
    { token, tokenFile },
    {
      go: () => writeFileSync(goFile, ''),
      exited: () => (exited === null ? undefined : `exit ${exited}`),
      kill: () => child.kill(),
    },
  );
}

/**
 * The server the composite action's job step started beside this process (action.yml: `fbuild serve
 * --args-from`, in its own process group, its output in `dir/log`), given as `pid:dir` in
 * FBUILD_JOB_SERVER: its Node start and module load overlap this process's own instead of following
 * them. Its options go into `dir/args` at `go()`. Undefined when there is none, or it is gone
 * already (then the server is spawned as usual).
 */
export function adoptStartedServer(given: string | undefined, opts: ServerOptions): ServerStart | undefined {
  const m = /^(\d+):(.+)$/.exec(given ?? '');
  if (!m) return undefined;
  const pid = Number(m[1]);
  const dir = m[2]!;
  if (!serverAlive(pid) || !existsSync(dir)) return undefined;
  const { args, env, token, tokenFile } = serverOptions(opts);
  return serverStart(
    join(dir, 'log'),
    { token, tokenFile },
    {
      // Whole or not at all: the server reads the file as soon as it exists.
      go: () => writeFileAtomic(join(dir, 'args'), JSON.stringify({ args, env }), { mode: 0o600 }),
      exited: () => (serverAlive(pid) ? undefined : 'it exited'),
      kill: () => killServerGroup(pid),
    },
  );
}

/** The last lines of a log, for a collapsed group when something failed. */
export function lastLines(text: string, n: number): string[] {
  return text.trimEnd().split('\n').slice(-n);
}

export function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Running, not exited: a zombie (an exited child that its new parent has not reaped yet) counts as gone. */
function serverAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX]/.test(stat);
  } catch {
    // no such process, or no /proc (macOS): ask the kernel
  }
  return isProcessAlive(pid);
}

/**
 * Servers this process started: their exit is an event here (the composite action's job step starts
 * the server and stops it), where another step's process can only look for the pid.
 */
const childExits = new Map<number, Promise<void>>();

/** Whether the server's process ends within `ms` (at once when it was killed). */
export async function serverExited(pid: number, ms: number): Promise<boolean> {
  const exit = childExits.get(pid);
  if (exit && serverAlive(pid)) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((r) => (timer = setTimeout(r, ms)));
    await Promise.race([exit, late]);
    clearTimeout(timer);
    return !serverAlive(pid);
  }
  for (let waited = 0; serverAlive(pid); waited += 5) {
    if (waited >= ms) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

/**
 * Kills the server with every process of its group: it was started detached, so it leads a group
 * that its compilers belong to, and they outlive a server that was killed (writing objects into the
 * build dir that a rebuild is writing too).
 */
export function killServerGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}
