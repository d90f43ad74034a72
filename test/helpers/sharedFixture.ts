// Read-only fixtures shared by every test process of a run (and by the next run while the sources
// they depend on are unchanged): made once, under a lock, in os.tmpdir()/fbuild-test-shared/, in a
// directory named by a hash of everything that affects them. A test never writes into one: it copies
// what it needs into its own temporary directory (copyStoreInto) or reads it.
//
// Making one twice at the same time is what the lock prevents (two test files starting together would
// both compile the Arduino core cold); a maker that dies leaves its lock with a dead pid, which the next
// taker removes. A fixture is made in `<dir>.tmp-<pid>` and renamed into place whole, so a directory
// that exists is complete.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const SHARED_ROOT = join(tmpdir(), 'fbuild-test-shared');
export const REPO = join(import.meta.dirname, '..', '..');

/** Fixtures not used for this long are removed by the next run that makes one (other checkouts' included). */
const UNUSED_FOR_MS = 3 * 24 * 3600_000;
/** A hang guard: a maker that holds the lock this long while alive is taken as stuck. */
const WAIT_LIMIT_MS = 15 * 60_000;

/** Every regular file under `path` (a file or a directory), sorted, skipping `.git` and build output. */
function filesUnder(path: string): string[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    if (name === '.git' || name === '.fbuild' || name === '.pio' || name === 'node_modules') continue;
    out.push(...filesUnder(join(path, name)));
  }
  return out;
}

/**
 * A hash of the inputs' contents and names (files or whole directories; a missing one counts as
 * missing), with Node's version: what a shared fixture's directory is named by.
 */
export function contentKey(inputs: string[], extra = ''): string {
  const h = createHash('sha256').update(`${process.version}\0${extra}\0`);
  for (const input of inputs) {
    if (!existsSync(input)) {
      h.update(`missing ${input}\0`);
      continue;
    }
    for (const file of filesUnder(input))
      h.update(`${relative(REPO, file)}\0`)
        .update(readFileSync(file))
        .update('\0');
  }
  return h.digest('hex').slice(0, 20);
}

/** What the product's behaviour comes from: its sources, the build script and the installed packages. */
export const PRODUCT_INPUTS = [
  join(REPO, 'src'),
  join(REPO, 'server'),
  join(REPO, 'scripts'),
  join(REPO, 'package.json'),
  join(REPO, 'node_modules', '.package-lock.json'),
];

/** Blocks this thread for `ms` (the fixture is needed before the test can go on anyway). */
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pruneUnused(keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(SHARED_ROOT)) {
    const p = join(SHARED_ROOT, name);
    if (p === keep || p.startsWith(`${keep}.`)) continue;
    try {
      if (name.endsWith('.lock') || name.includes('.tmp-')) continue; // someone's maker: theirs to remove
      if (now - statSync(p).mtimeMs > UNUSED_FOR_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * The directory of the shared fixture `name` for `key`, made by `make(dir)` if no process made it
 * yet. `make` gets an empty directory of its own and must leave in it only what the fixture is.
 */
export function sharedFixture(name: string, key: string, make: (dir: string) => void): string {
  mkdirSync(SHARED_ROOT, { recursive: true });
  const dir = join(SHARED_ROOT, `${name}-${key}`);
  const lock = `${dir}.lock`;
  const until = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    if (existsSync(dir)) {
      const now = new Date();
      utimesSync(dir, now, now); // in use: not pruned
      return dir;
    }
    const fd = tryCreate(lock);
    if (fd === undefined) {
      const pid = Number(readFileSafe(lock));
      // A dead maker's lock, or one whose maker died before it wrote its pid, is stale.
      if (pid > 0 ? !alive(pid) : ageMs(lock) > 30_000) rmSync(lock, { force: true });
      else if (Date.now() > until) throw new Error(`shared fixture ${name}: ${lock} held by pid ${pid} for too long`);
      else sleepSync(200);
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      if (existsSync(dir)) continue; // made while we looked at the lock
      const tmp = `${dir}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp);
      try {
        make(tmp);
        try {
          renameSync(tmp, dir);
        } catch (e) {
          // Another maker that took a stale lock at the same moment finished first: its copy serves.
          if (!existsSync(dir)) throw e;
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      pruneUnused(dir);
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

/** The new file's descriptor, or undefined when it exists already. */
function tryCreate(path: string): number | undefined {
  try {
    return openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
