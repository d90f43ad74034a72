import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { KeyHasher, sha256Hex } from '../cache/hash.js';
import { parseDepfile } from '../cache/depfile.js';
import { packageDirs } from '../cache/unitInputs.js';
import { isRacy, sameStamp, stampOf, type StatStamp } from '../cache/fileHasher.js';
import type { EnvConfig } from '../project/platformioIni.js';
import { listFiles } from '../project/sourceFilter.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

/**
 * The whole-build fingerprint (zccache's `fp check` / `mark-success`): after a successful build we
 * record every input (each file a compile read, the project's file listing, the configuration and the
 * toolchain), and the outputs. When none changed, the next build is skipped. A file is unchanged when
 * its size, mtime, ctime and inode are (the compile cache's stat rule: `touch -r` can restore an mtime,
 * not a ctime), unless it was racily clean when recorded; otherwise when its content hash is.
 */

export interface Fingerprint {
  configKey: string;
  listing: string;
  /** The tools' installation and package directories: include dirs there are not listed (see packageDirs). */
  packageDirs?: string[];
}

/** `trusted`: 1 when the stat may vouch for the content (the file was not racily clean when hashed). */
type FileRecord = [path: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, trusted: 0 | 1, hash: string];

const VERSION = 4;

interface FingerprintFile<R> {
  v: typeof VERSION;
  configKey: string;
  listing: string;
  inputs: FileRecord[];
  outputs: FileRecord[];
  /**
   * Include directories outside the project's trees (a `-I ext/inc` or `-isystem vendor` of
   * build_flags; a `-I../shared/include` or a global library folder, absolute, unless in the tools'
   * packages), with a hash of their listing: a header added there can shadow one found further
   * down the search path, so a new file there changes the build as one in src/ does.
   */
  searchDirs: string[];
  searchListing: string;
  result: R;
}

/** The project's own trees (src, include, lib and lib_extra_dirs), where a new or deleted file changes the build. */
const DEFAULT_TREES = ['src', 'lib', 'include'];

/** The fingerprint of a build whose configuration is known to be unchanged (configKey recorded earlier): only the listing is taken now. */
export function fingerprintWithConfig(projectDir: string, configKey: string, trees: string[], packageDirs: string[]): Fingerprint {
  return { configKey, listing: projectListing(projectDir, trees), packageDirs };
}

export function buildFingerprint(opts: {
  projectDir: string;
  envConfig: EnvConfig;
  parts: string[];
  tools: string[];
  version: string;
  trees?: string[];
  /** The trees' files as listFiles gives them (in the order of `trees`), when the caller has listed them. */
  listings?: string[][];
}): Fingerprint {
  const env = opts.envConfig;
  // The options as written, and what the build made of them (a `!command`'s output, build variables).
  const resolved = JSON.stringify([env.buildFlags, env.buildSrcFlags, env.buildSrcFilter, env.libExtraDirs]);
  const h = new KeyHasher('fbuild-fingerprint-v1').field(opts.version).field(JSON.stringify(env.raw)).field(resolved).fields(opts.parts);
  for (const tool of opts.tools) {
    const st = statSync(tool);
    h.field(`${tool}:${st.size}:${st.mtimeMs}`);
  }
  return {
    configKey: h.hex(),
    listing: projectListing(opts.projectDir, opts.trees ?? DEFAULT_TREES, opts.listings),
    packageDirs: [...new Set(opts.tools.flatMap((t) => packageDirs(t)))],
  };
}

/** A hash of the files in the trees (relative to the project, or absolute): a new or deleted file changes it. */
export function projectListing(projectDir: string, trees: string[], listings?: string[][]): string {
  const h = new KeyHasher('fbuild-listing-v1');
  trees.forEach((dir, i) => h.field(dir).fields(listings?.[i] ?? listFiles(isAbsolute(dir) ? dir : join(projectDir, dir))));
  return h.hex();
}

/**
 * A file as the build saw it. One changed since `unchangedSince` (for a file the build did not write
 * itself: the build's start) may not be what the build read: it gets a hash that matches nothing, so
 * that the next build is not skipped. The ctime, as an mtime may be set to any time.
 */
function record(path: string, abs: string, unchangedSince: number, known?: KnownDigest): FileRecord | undefined {
  try {
    // Hashed already by this build (its compile session): that stat and hash, neither taken again. A
    // change since then shows as another stat at the next check, which then hashes the file.
    const d = known?.(abs);
    const st = d ?? stampOf(statSync(abs));
    if (st.ctimeMs >= unchangedSince) return [path, st.size, st.mtimeMs, st.ctimeMs, st.ino, 0, 'changed during the build'];
    const hash = d ? d.hash : sha256Hex(readFileSync(abs));
    return [path, st.size, st.mtimeMs, st.ctimeMs, st.ino, isRacy(st, Date.now()) ? 0 : 1, hash];
  } catch {
    return undefined;
  }
}

/** A file's content hash as the build already knows it, with the stat data it was hashed at. */
export type KnownDigest = (abs: string) => (StatStamp & { hash: string }) | undefined;

/**
 * The include directories outside the project's trees, with their listing: inside the project
 * (project-relative), and outside it (absolute: a sibling `../shared/include`, a global library
 * folder) unless in the tools' installation or package directories, or a folder that holds the
 * project itself (its listing would be the project's and the build's).
 */
function searchDirsOutsideTrees(
  projectDir: string,
  dirs: string[],
  trees: string[],
  vouched: readonly string[],
): { searchDirs: string[]; searchListing: string } {
  const inside = (abs: string, dir: string) => abs === dir || abs.startsWith(dir + sep);
  const treeDirs = trees.map((t) => resolve(projectDir, t));
  const searchDirs = [
    ...new Set(
      dirs
        .map((d) => resolve(projectDir, d))
        .filter((d) => !inside(projectDir, d) && !treeDirs.some((t) => inside(d, t)))
        .filter((d) => inside(d, projectDir) || !vouched.some((v) => !inside(projectDir, v) && inside(d, v)))
        .map((d) => (inside(d, projectDir) ? relative(projectDir, d) : d)),
    ),
  ].sort();
  return { searchDirs, searchListing: projectListing(projectDir, searchDirs) };
}

function unchanged(rec: FileRecord, projectDir: string): boolean {
  const abs = isAbsolute(rec[0]) ? rec[0] : join(projectDir, rec[0]);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return false;
  }
  const [, size, mtimeMs, ctimeMs, ino, trusted, hash] = rec;
  if (st.size !== size) return false;
  if (trusted && sameStamp(st, { size, mtimeMs, ctimeMs, ino })) return true;
  try {
    return sha256Hex(readFileSync(abs)) === hash;
  } catch {
    return false;
  }
}

/** The recorded result when nothing changed, else undefined. */
export function checkFingerprint<R>(path: string, fp: Fingerprint, projectDir: string): R | undefined {
  if (!existsSync(path)) return undefined;
  let saved: FingerprintFile<R>;
  try {
    saved = JSON.parse(readFileSync(path, 'utf8')) as FingerprintFile<R>;
  } catch {
    return undefined;
  }
  if (saved.v !== VERSION || saved.configKey !== fp.configKey || saved.listing !== fp.listing) return undefined;
  if (projectListing(projectDir, saved.searchDirs) !== saved.searchListing) return undefined;
  for (const rec of [...saved.outputs, ...saved.inputs]) if (!unchanged(rec, projectDir)) return undefined;
  return saved.result;
}

/**
 * Records a successful build: its inputs (from the depfiles and the project tree) and outputs.
 * `buildStartedMs` is the wall time (ms since the epoch) the build started at.
 */
export function saveFingerprint<R>(
  path: string,
  fp: Fingerprint,
  projectDir: string,
  depfiles: string[],
  outputs: string[],
  result: R,
  buildStartedMs: number,
  more: { trees?: string[]; listings?: string[][]; files?: string[]; searchDirs?: string[]; known?: KnownDigest } = {},
): void {
  // The build dir (where the fingerprint lives) holds what the build wrote, such as the sketch's .cpp.
  const buildDir = dirname(path) + sep;
  const inputs = new Map<string, string>();
  const add = (p: string) => inputs.set(p, isAbsolute(p) ? p : join(projectDir, p));
  add('platformio.ini');
  for (const f of more.files ?? []) add(f);
  (more.trees ?? DEFAULT_TREES).forEach((dir, i) => {
    for (const f of more.listings?.[i] ?? listFiles(isAbsolute(dir) ? dir : join(projectDir, dir))) add(`${dir}/${f}`);
  });
  // Their files are inputs too: a system header there (`-isystem`) is in no `-MMD` depfile.
  const search = searchDirsOutsideTrees(
    projectDir,
    more.searchDirs ?? [],
    [...(more.trees ?? DEFAULT_TREES), buildDir],
    fp.packageDirs ?? [],
  );
  for (const dir of search.searchDirs) for (const f of listFiles(isAbsolute(dir) ? dir : join(projectDir, dir))) add(`${dir}/${f}`);
  for (const d of depfiles) {
    let text: string;
    try {
      text = readFileSync(join(projectDir, d), 'utf8');
    } catch {
      return; // without every depfile we cannot know the inputs: record nothing
    }
    for (const dep of parseDepfile(text)?.deps ?? []) add(dep);
  }
  const file: FingerprintFile<R> = {
    v: VERSION,
    configKey: fp.configKey,
    listing: fp.listing,
    inputs: [...inputs]
      // Date.now() drops the fraction of a millisecond: a file written just before the start, in the
      // same millisecond, is not one written during the build.
      .map(([p, abs]) => record(p, abs, abs.startsWith(buildDir) ? Infinity : Math.floor(buildStartedMs) + 1, more.known))
      .filter((r): r is FileRecord => r !== undefined),
    outputs: outputs.map((o) => record(o, join(projectDir, o), Infinity)).filter((r): r is FileRecord => r !== undefined),
    ...search,
    result,
  };
  writeFileAtomic(path, JSON.stringify(file));
}
