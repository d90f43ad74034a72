import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Under make, `fbuild cc` is a process per compile, so a server that is down would print its warning
 * once per file, and one that hangs would make every file wait out the timeout. A make run is named
 * by its outermost make process (pid and start time, so a reused pid is another run), and a marker
 * file for it in the runtime dir records that the warning was said, and whether the server timed out
 * (then the rest of the run compiles without asking it). Outside make, or without /proc, there is no
 * run: every call warns and asks.
 */
export class MakeRun {
  private constructor(private readonly marker: string) {}

  static current(env: NodeJS.ProcessEnv = process.env): MakeRun | undefined {
    if (env.MAKELEVEL === undefined) return undefined;
    const make = outermostMake(process.ppid);
    if (!make) return undefined;
    const dir = join(env.XDG_RUNTIME_DIR || tmpdir(), `fbuild-cc-${process.getuid?.() ?? 'user'}`);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      return undefined;
    }
    return new MakeRun(join(dir, `make-${make}`));
  }

  /** A server in this run already failed to answer in time. */
  get serverTimedOut(): boolean {
    try {
      return readFileSync(this.marker, 'utf8') === 'timeout';
    } catch {
      return false;
    }
  }

  /** Records a failure; true for the first of the run (the one to warn about). */
  recordFailure(timedOut: boolean): boolean {
    try {
      writeFileSync(this.marker, timedOut ? 'timeout' : 'failed', { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return true;
      if (timedOut) writeFileSync(this.marker, 'timeout');
      return false;
    }
    removeOldMarkers(join(this.marker, '..'));
    return true;
  }
}

/** `<pid>-<start time>` of the last make among the ancestors of `pid`, from /proc (Linux). */
function outermostMake(pid: number): string | undefined {
  let found: string | undefined;
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      break;
    }
    // `pid (comm) state ppid ...`; comm may hold spaces and parentheses; the start time is field 22.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    if (/^g?make$/.test(comm)) found = `${p}-${fields[19]}`;
    p = Number(fields[1]);
  }
  return found;
}

const DAY_MS = 24 * 3600 * 1000;

function removeOldMarkers(dir: string): void {
  for (const name of safeList(dir)) {
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > DAY_MS) rmSync(join(dir, name), { force: true });
    } catch {
      // another process removed it
    }
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
