import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PathNormalizer } from '../cache/compilerArgs.js';
import { KeyHasher } from '../cache/hash.js';
import { listedUnder, listFiles } from '../project/sourceFilter.js';
import type { CompileSession } from '../cache/compileSession.js';
import { ABSENT, CHECKOUT, EMBEDDED, SYSTEM_HEADER } from '../cache/unitInputs.js';
import { WholeBuildRecords, type WholeBuildCandidate } from '../cache/wholeBuildRecords.js';
import type { EnvConfig, ProjectDirs } from '../project/platformioIni.js';
import type { FirmwareSize } from '../protocol/wire.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

/**
 * The whole-build record of an env (issue 27): after a build whose every unit and link the cache
 * could serve to another checkout, the store keeps what it produced under a key that holds nothing of
 * the checkout's place; a later build of the same sources anywhere (another checkout, a CI runner)
 * whose local fingerprint misses finds it, checks each input's content, and writes the firmware and
 * the build dir's record of what is in the store only, without planning the units or looking each up.
 *
 * The key: fbuild's build version, the env, its resolved config and the target's fingerprint parts
 * with the workspace root replaced by `$WS`, the project and build dirs as workspace-relative
 * paths, the tools by content, and the listing of each of the project's trees (a file added or
 * removed there changes which units and libraries the build has). A candidate's inputs: every file
 * of the trees and every file a unit read (as its cache entry records them: sources, headers, system
 * headers, embedded files, places that must hold no header), platformio.ini and the extra configs,
 * by content. Files in the build dir that the build itself made (a sketch's .cpp) are left out: they
 * are made from the trees' files, which are in.
 */

/** What the record keeps besides the files: enough to report the build and write its build dir as a bytes-less build would. */
export interface RecordMeta {
  v: 1;
  /** The units in build order: source (as shown; `$WS/…` when absolute inside the workspace), object, time saved, output. */
  units: { source: string; object: string; savedMs: number; stdout?: string; stderr?: string }[];
  link: { savedMs: number; stderr?: string };
  size: FirmwareSize;
  /** The archives the link made (in the store only after a hit). */
  archives: string[];
  /** The one-line notices planning gave (skipped libraries, ...). */
  notices: string[];
  /** The units' include dirs (normalized), for the fingerprint's listing of those outside the trees. */
  searchDirs: string[];
  /** The store keys of the units and the link: a hit marks them used, as a build through them would. */
  keys: string[];
  /**
   * Directories outside the trees whose listing decides the build, with a hash of it: where units'
   * sources are (a project's own variant dir: a file added there is a unit).
   */
  listings: [string, string][];
}

/** A directory's files (recursively, as the project's trees are listed), hashed. */
export function listingHash(dir: string): string {
  return new KeyHasher('fbuild-record-listing-v1').fields(listFiles(dir)).hex();
}

/** Whether every directory listing a record names is as it was (paths resolved in this workspace). */
export function listingsHold(meta: RecordMeta, projectDir: string, workspaceRoot: string): boolean {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  return meta.listings.every(([dir, hash]) => listingHash(paths.resolve(dir)) === hash);
}

/** The workspace root as `$WS` in any string (a JSON document of the config, a path). */
function withoutRoot(text: string, root: string): string {
  return text
    .split(root + '/')
    .join('$WS/')
    .split(JSON.stringify(root))
    .join('"$WS"');
}

export interface RecordKeyInput {
  records: WholeBuildRecords;
  session: CompileSession;
  projectDir: string;
  workspaceRoot: string;
  version: string;
  envName: string;
  envConfig: EnvConfig;
  dirs: ProjectDirs;
  buildDir: string;
  parts: string[];
  tools: string[];
  extraConfigs: string[];
  trees: string[];
  /** Each tree's files (as listFiles gives them), in the order of `trees`. */
  listings: string[][];
}

/** The record's key, or undefined when the build cannot have one (a workspace at `/`). */
export function recordKey(k: RecordKeyInput): string | undefined {
  const root = resolve(k.workspaceRoot);
  if (dirname(root) === root) return undefined;
  const paths = new PathNormalizer(root, k.projectDir);
  const env = k.envConfig;
  const config = JSON.stringify([env.raw, env.buildFlags, env.buildSrcFlags, env.buildSrcFilter, env.libExtraDirs]);
  const dirs = JSON.stringify(Object.entries(k.dirs).map(([name, d]) => [name, paths.normalize(d)]));
  const parts: string[] = [
    k.version,
    k.envName,
    withoutRoot(config, root),
    dirs,
    paths.normalize(k.projectDir),
    k.buildDir,
    ...k.parts.map((p) => withoutRoot(p, root)),
    ...k.extraConfigs.map((c) => paths.normalize(c)),
    ...k.records.toolIdentities(k.tools, k.session),
  ];
  // Each tree by its place in the workspace and a hash of its listing (one field each: no file name can pass for a tree).
  k.trees.forEach((t, i) =>
    parts.push(paths.normalize(resolve(k.projectDir, t)), new KeyHasher('fbuild-tree-v1').fields(k.listings[i]!).hex()),
  );
  return WholeBuildRecords.key(parts);
}

/** One unit's part in a record: what the cache recorded for it, and what it reported. */
export interface RecordedUnit {
  source: string;
  object: string;
  files: [string, string][];
  portable: boolean;
  savedMs: number;
  stdout: string;
  stderr: string;
  contextKey: string;
}

export interface CandidateInput {
  records: WholeBuildRecords;
  session: CompileSession;
  projectDir: string;
  workspaceRoot: string;
  buildDir: string;
  units: RecordedUnit[];
  link: { savedMs: number; stderr: string; key: string };
  size: FirmwareSize;
  archives: string[];
  notices: string[];
  searchDirs: string[];
  /** Files that decide the build besides the units' (platformio.ini, extra configs, the link's extra inputs), absolute. */
  files: string[];
  trees: string[];
  listings: string[][];
  /** The firmware files the build published, project-relative. */
  outputs: string[];
  /** Reads an output (after the build published it): its bytes and mode. */
  readOutput: (path: string) => { content: Uint8Array; mode: number };
  /** Wall time (ms since the epoch) the build started at: a file changed since may not be what it read. */
  startedWall: number;
}

/**
 * The candidate a successful build makes, or why it makes none: a unit another checkout would not
 * find (keyed on the checkout, or naming it), an output outside the project, an input that changed
 * while the build ran (two units read two versions of it), an input that cannot be read now.
 */
export function makeCandidate(c: CandidateInput): WholeBuildCandidate | { none: string } {
  const root = resolve(c.workspaceRoot);
  const paths = new PathNormalizer(root, c.projectDir);
  const buildDirPrefix = paths.normalize(resolve(c.projectDir, c.buildDir)) + '/';
  const outside = (p: string) => isAbsolute(p) || p.startsWith('..');
  if (c.units.some((u) => !u.portable)) return { none: 'a unit is tied to its checkout' };
  if ([...c.outputs, ...c.archives, ...c.units.map((u) => u.object)].some(outside)) return { none: 'outputs outside the project' };
  const inputs = new Map<string, string>();
  const add = (path: string, hash: string): boolean => {
    const known = inputs.get(path);
    if (known !== undefined && known !== hash) return false;
    inputs.set(path, hash);
    return true;
  };
  const treeDirs = c.trees.map((t) => resolve(c.projectDir, t));
  for (const u of c.units) {
    for (const [path, hash] of u.files) {
      if (path === CHECKOUT) return { none: 'a unit names its checkout' };
      const tag = path[0];
      if (tag === ABSENT) {
        // A place in a tree: the key has the tree's listing, which a file appearing there changes.
        const abs = paths.resolve(path.slice(1));
        if (!treeDirs.some((t) => listedUnder(t, abs))) add(path, '');
        continue;
      }
      const plain = tag === SYSTEM_HEADER || tag === EMBEDDED ? path.slice(1) : path;
      // Made by the build from files that are inputs themselves (a sketch's .cpp).
      if (plain.startsWith(buildDirPrefix)) continue;
      if (!add(plain, hash)) return { none: `${plain} changed during the build` };
    }
  }
  const addFile = (abs: string): boolean => {
    const d = c.records.digest(abs, c.session);
    return d !== undefined && d.ctimeMs < c.startedWall && add(paths.normalize(abs), d.hash);
  };
  for (const f of c.files) if (!addFile(f)) return { none: `${f} cannot be read` };
  for (let i = 0; i < c.trees.length; i++) {
    const dir = treeDirs[i]!;
    for (const f of c.listings[i]!) if (!addFile(join(dir, f))) return { none: `${join(dir, f)} changed or cannot be read` };
  }
  const listed = new Map<string, string>();
  // Units' sources in the workspace but outside the trees and the build dir (a project's variant dir).
  const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + sep);
  const buildAbs = resolve(c.projectDir, c.buildDir);
  for (const u of c.units) {
    const abs = resolve(c.projectDir, u.source);
    if (!paths.normalize(abs).startsWith('$WS/') || inside(abs, buildAbs) || treeDirs.some((t) => inside(abs, t))) continue;
    const dir = dirname(abs);
    if (!listed.has(paths.normalize(dir))) listed.set(paths.normalize(dir), listingHash(dir));
  }
  const shown = (s: string) => (isAbsolute(s) ? paths.normalize(s) : s);
  const meta: RecordMeta = {
    v: 1,
    units: c.units.map((u) => ({
      source: shown(u.source),
      object: u.object,
      savedMs: u.savedMs,
      ...(u.stdout ? { stdout: u.stdout } : {}),
      ...(u.stderr ? { stderr: u.stderr } : {}),
    })),
    link: { savedMs: c.link.savedMs, ...(c.link.stderr ? { stderr: c.link.stderr } : {}) },
    size: c.size,
    archives: c.archives,
    notices: c.notices,
    searchDirs: [...new Set(c.searchDirs.map((d) => paths.normalize(d)))],
    keys: [...c.units.map((u) => u.contextKey), c.link.key],
    listings: [...listed].sort(),
  };
  const outputs = c.outputs.map((o) => {
    const { content, mode } = c.readOutput(o);
    return { path: paths.normalize(resolve(c.projectDir, o)), mode, content };
  });
  return {
    inputs: [...inputs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    outputs,
    meta: Buffer.from(JSON.stringify(meta)),
    savedMs: c.units.reduce((n, u) => n + u.savedMs, 0) + c.link.savedMs,
  };
}

/** The record's meta, or undefined when it is not one this fbuild reads. */
export function readMeta(bytes: Uint8Array): RecordMeta | undefined {
  try {
    const meta = JSON.parse(Buffer.from(bytes).toString('utf8')) as RecordMeta;
    const lists = [meta?.units, meta?.archives, meta?.keys, meta?.listings, meta?.notices, meta?.searchDirs];
    if (meta?.v !== 1 || !lists.every(Array.isArray) || !meta.size || !meta.link) return undefined;
    return meta;
  } catch {
    return undefined;
  }
}

/**
 * Writes a hit's firmware files, each whole (a temporary name, then renamed), where the record's
 * build wrote them in its own workspace; returns them project-relative. Every path must be under
 * the build dir: a record never writes elsewhere.
 */
export function writeOutputs(hit: WholeBuildCandidate, projectDir: string, workspaceRoot: string, buildDir: string): string[] | undefined {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  const under = resolve(projectDir, buildDir) + sep;
  const targets = hit.outputs.map((o) => paths.resolve(o.path));
  if (targets.some((t) => !t.startsWith(under))) return undefined;
  hit.outputs.forEach((o, i) => {
    const file = targets[i]!;
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, o.content);
    chmodSync(file, o.mode);
  });
  return targets.map((t) => relative(projectDir, t).split(sep).join('/'));
}

/** A unit's source as the build shows it in this workspace. */
export function sourceShown(source: string, projectDir: string, workspaceRoot: string): string {
  return source.startsWith('$WS') ? new PathNormalizer(resolve(workspaceRoot), projectDir).resolve(source) : source;
}

/** The input files of a hit that exist (the absent places left out), absolute, for the fingerprint. */
export function inputFiles(hit: WholeBuildCandidate, projectDir: string, workspaceRoot: string): string[] {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  return hit.inputs.filter(([p]) => p[0] !== ABSENT).map(([p]) => paths.resolve(p));
}

/** Normalized dirs back to absolute ones in this workspace. */
export function resolvedDirs(dirs: string[], projectDir: string, workspaceRoot: string): string[] {
  const paths = new PathNormalizer(resolve(workspaceRoot), projectDir);
  return dirs.map((d) => paths.resolve(d));
}
