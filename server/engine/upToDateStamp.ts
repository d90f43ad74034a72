import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRacy } from '../cache/fileHasher.js';
import { sha256Hex } from '../cache/hash.js';
import type { BuildEvent, JsonBuildResult } from '../protocol/wire.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { checkFingerprint, fingerprintWithConfig } from './fingerprint.js';

/**
 * The "up to date" answer without the build's machinery. An unchanged rebuild spends most of its
 * time getting to the fingerprint check (loading the engine, reading platformio.ini, resolving the
 * toolchain and the libraries), not in it. A stamp records what that work depended on, beyond the
 * fingerprint's own inputs: the config files, the board file, the tools, the folders a tool or a
 * package is looked up in. When none of them changed, the configuration key recorded with the stamp
 * is the one the build would compute, and the fingerprint check can run at once, in a process that
 * loaded only this module. The front end keys the stamp by everything else the build is told (its
 * arguments, environment, working directory and fbuild itself), and takes the full path whenever the
 * stamp is missing, stale or not allowed (a `!command` flag, a clock variable, a toolchain fallback
 * that retries: inputs that are not files).
 */

/**
 * A path as the build saw it. A file: its stat, and its hash for when the stat alone may not vouch
 * (it was racily clean). A folder: its stat (adding or removing an entry changes its mtime). Absent: it
 * must still be absent.
 */
type Watched =
  | [path: string, kind: 'absent']
  | [path: string, kind: 'dir', mtimeMs: number, ctimeMs: number, ino: number]
  | [path: string, kind: 'file', size: number, mtimeMs: number, ctimeMs: number, ino: number, hash: string | null];

/** What the build knows for a stamp: where its fingerprint is and what its configuration was read from. */
export interface UpToDateFacts {
  projectDir: string;
  /** The fingerprint file, absolute. */
  fingerprint: string;
  /** The build dir's lock: while it exists a build may be writing, and the full path waits for it. */
  lock: string;
  configKey: string;
  trees: string[];
  packageDirs: string[];
  watch: Watched[];
  /** The up-to-date build's result, as the full path reports it (durationMs is the new run's). */
  result: JsonBuildResult;
}

interface StampFile extends UpToDateFacts {
  v: typeof VERSION;
  /** What the full path prints before its result: the config's warnings. */
  events: BuildEvent[];
}

const VERSION = 1;

/**
 * Records `paths` as they are now. A path changed since `unchangedSince` (wall ms: when the build
 * started reading) may not be what the build read: its record matches nothing, and the next build
 * takes the full path (which writes a fresh stamp).
 */
export function watchPaths(paths: Iterable<string>, unchangedSince: number): Watched[] {
  const out: Watched[] = [];
  for (const path of new Set(paths)) {
    let st;
    try {
      st = statSync(path);
    } catch {
      out.push([path, 'absent']);
      continue;
    }
    const changed = st.ctimeMs >= unchangedSince;
    if (st.isDirectory()) {
      out.push([path, 'dir', st.mtimeMs, changed ? -1 : st.ctimeMs, st.ino]);
      continue;
    }
    let hash: string | null = null;
    if (!changed && isRacy(st, Date.now())) {
      try {
        hash = sha256Hex(readFileSync(path));
      } catch {
        // unreadable now: recorded as changed
      }
    }
    out.push([path, 'file', st.size, st.mtimeMs, changed ? -1 : st.ctimeMs, st.ino, hash]);
  }
  return out;
}

/** Folders a library's source tree holds that are not library content (version control, build output). */
const NOT_CONTENT = new Set(['.git', '.hg', '.svn', '.pio', '.fbuild']);

/**
 * Every folder and file under `root` (itself included), for a stamp to watch a tree the build copies
 * or reads in place (a `file://` or `symlink://` library): a file edited, added or removed anywhere in
 * it changes a record. Undefined past `limit` entries: the tree is too big to watch cheaply.
 */
export function treePaths(root: string, limit = 5000): string[] | undefined {
  const out: string[] = [root];
  const walk = (dir: string): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true; // a file, or gone: its own record says so
    }
    for (const e of entries) {
      if (e.isDirectory() && NOT_CONTENT.has(e.name)) continue;
      const path = join(dir, e.name);
      out.push(path);
      if (out.length > limit) return false;
      if (e.isDirectory() && !walk(path)) return false;
    }
    return true;
  };
  return walk(root) ? out : undefined;
}

function unchanged(w: Watched): boolean {
  let st;
  try {
    st = statSync(w[0]);
  } catch {
    return w[1] === 'absent';
  }
  if (w[1] === 'absent') return false;
  if (w[1] === 'dir') return st.isDirectory() && st.mtimeMs === w[2] && st.ctimeMs === w[3] && st.ino === w[4];
  const [path, , size, mtimeMs, ctimeMs, ino, hash] = w;
  if (!st.isFile() || st.size !== size) return false;
  if (hash === null) return st.mtimeMs === mtimeMs && st.ctimeMs === ctimeMs && st.ino === ino;
  try {
    return sha256Hex(readFileSync(path)) === hash;
  } catch {
    return false;
  }
}

/** Stamps kept per folder: one per invocation, and a shell whose environment changes each session makes new ones. */
const MAX_STAMPS = 64;

export function writeUpToDateStamp(path: string, facts: UpToDateFacts, events: BuildEvent[]): void {
  const file: StampFile = { v: VERSION, ...facts, events };
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(path, JSON.stringify(file));
  const names = readdirSync(dir);
  if (names.length <= MAX_STAMPS) return;
  const byAge = names
    .map((name) => {
      try {
        return { file: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs };
      } catch {
        return undefined; // removed by another build meanwhile
      }
    })
    .filter((e) => e !== undefined)
    .sort((x, y) => y.mtimeMs - x.mtimeMs);
  for (const old of byAge.slice(MAX_STAMPS)) {
    try {
      if (old.file !== path) unlinkSync(old.file);
    } catch {
      // removed by another build meanwhile
    }
  }
}

/** What the full path would print when nothing changed, or undefined when the full path must run. */
export function checkUpToDateStamp(path: string): { events: BuildEvent[]; result: JsonBuildResult } | undefined {
  let stamp: StampFile;
  try {
    stamp = JSON.parse(readFileSync(path, 'utf8')) as StampFile;
  } catch {
    return undefined;
  }
  if (stamp.v !== VERSION || existsSync(stamp.lock)) return undefined;
  if (!stamp.watch.every(unchanged)) return undefined;
  const fp = fingerprintWithConfig(stamp.projectDir, stamp.configKey, stamp.trees, stamp.packageDirs);
  if (!checkFingerprint(stamp.fingerprint, fp, stamp.projectDir)) return undefined;
  return { events: stamp.events, result: stamp.result };
}
