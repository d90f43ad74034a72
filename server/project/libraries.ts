import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DirListings } from '../util/dirListings.js';
import { UserError } from '../util/errors.js';
import { redact } from '../util/redact.js';
import { scanIncludes } from './includeScanner.js';
import { libDepKind, localPath, parseLibDep, type LibDepSpec } from './libDepsSpec.js';
import { compatible, readLibraryManifest, type LibraryManifest } from './libraryManifest.js';
import type { EnvConfig, LdfMode, ProjectDirs } from './platformioIni.js';
import { applySrcFilter, listFiles, SOURCE_EXTENSIONS } from './sourceFilter.js';
import { RequirementError, satisfiesRequirement } from './versionRequirement.js';

/** A library as PlatformIO's LibBuilder sees it: where its code and headers are, and how to build it. */
export interface Library {
  name: string;
  /** The library's directory (symlinks resolved). */
  root: string;
  version?: string;
  owner?: string;
  /** Directories put on the include path for it and for its users, in order. */
  includeDirs: string[];
  srcDir: string;
  /** Absolute paths of the translation units (the source filter applied). */
  sources: string[];
  /** library.json `build.flags` and `unflags` (its own units only). */
  flags: string[];
  unflags: string[];
  /** Linked from its own archive (`lib_archive`, or library.json `libArchive`). */
  archive: boolean;
  origin: 'project' | 'framework' | 'lib_deps';
  manifest: LibraryManifest;
}

/** PlatformIO's default library source filter. */
const LIBRARY_FILTER = ['+<*>', '-<.git/>', '-<.svn/>', '-<example/>', '-<examples/>', '-<test/>', '-<tests/>'];
const HEADER = /\.(h|hh|hpp)$/;
const BUILD_EXTENSIONS = SOURCE_EXTENSIONS;
const isSource = (f: string) => BUILD_EXTENSIONS.some((e) => f.endsWith(e));

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Which of PlatformIO's builders reads a library: library.json, Arduino (library.properties or Arduino.h), or unknown. */
function builderKind(root: string, manifest: LibraryManifest): 'platformio' | 'arduino' | 'unknown' {
  if (manifest.kind === 'library.json') return 'platformio';
  if (manifest.kind === 'library.properties' || existsSync(join(root, 'keywords.txt'))) return 'arduino';
  const arduinoInclude = /^#include\s+(<|")Arduino\.h(>|")/m;
  for (const f of listFiles(root)) {
    if (!isSource(f) && !HEADER.test(f)) continue;
    let text: string;
    try {
      text = readFileSync(join(root, f), 'latin1');
    } catch {
      continue;
    }
    if (text.includes('Arduino.h') && arduinoInclude.test(text)) return 'arduino';
  }
  return 'unknown';
}

/**
 * Reads a library directory with PlatformIO's layout rules: library.json's `build` section
 * (`srcDir`, `includeDir`, `srcFilter`, `flags`, `unflags`, `libArchive`); an Arduino library with
 * `src/` (and `include/` only when `src/` is there too), or the legacy flat layout (the root and
 * `utility/`, which is also on the include path); an unknown layout (`include/`, then `src/` or the root).
 */
export function readLibrary(dir: string, origin: Library['origin'], env: Pick<EnvConfig, 'libArchive' | 'libArchiveSet'>): Library {
  const root = realpathSync(dir);
  const manifest = readLibraryManifest(root);
  const kind = builderKind(root, manifest);
  const sub = (name: string) => (isDir(join(root, name)) ? join(root, name) : undefined);
  const hasSrc = sub('src') !== undefined;
  const build = manifest.build;
  let includeDir: string | undefined;
  let srcDir: string;
  let filter: string[];
  const extraIncludes: string[] = [];
  const arduinoFilter = () => {
    if (hasSrc) return LIBRARY_FILTER;
    // The flat 1.0 layout: files at the root and under utility/ only (no .asm, as the Arduino IDE).
    const utility = sub('utility') !== undefined;
    return ['c', 'cpp', 'cc', 'cxx', 'S', 'h', 'hpp'].flatMap((ext) => [`+<*.${ext}>`, ...(utility ? [`+<utility/*.${ext}>`] : [])]);
  };
  if (kind === 'arduino') {
    includeDir = hasSrc && sub('include') ? sub('include') : undefined;
    srcDir = sub('src') ?? root;
    filter = arduinoFilter();
    if (!hasSrc && sub('utility')) extraIncludes.push(sub('utility')!);
  } else {
    includeDir = build.includeDir ? resolve(root, build.includeDir) : (sub('include') ?? sub('Include'));
    srcDir = build.srcDir ? resolve(root, build.srcDir) : (sub('src') ?? sub('Src') ?? root);
    filter = build.srcFilter ?? (kind === 'platformio' && existsSync(join(root, 'library.properties')) ? arduinoFilter() : LIBRARY_FILTER);
    // PlatformIO 2 compatibility: library.json without a build section, an Arduino flat layout.
    if (kind === 'platformio' && !manifest.build.srcDir && !hasSrc && existsSync(join(root, 'library.properties')) && sub('utility')) {
      extraIncludes.push(sub('utility')!);
    }
  }
  const flags = build.flags ?? [];
  // `-I` in a library's flags is relative to the library, and its users see it too.
  for (const f of flags) if (f.startsWith('-I') && f.length > 2) extraIncludes.push(resolve(root, f.slice(2)));
  const files = applySrcFilter(listFiles(srcDir), filter);
  const lib: Library = {
    name: manifest.name ?? basename(dir),
    root,
    includeDirs: [...(includeDir ? [includeDir] : []), srcDir, ...extraIncludes],
    srcDir,
    sources: files.filter(isSource).map((f) => join(srcDir, f)),
    // -I and -L relative to the library, as PlatformIO's ParseFlagsExtended makes them (run in the library's dir).
    flags: flags.map((f) => (/^-[IL]./.test(f) ? `${f.slice(0, 2)}${resolve(root, f.slice(2))}` : f)),
    unflags: build.unflags ?? [],
    // The env's lib_archive, when set, wins over the library's own libArchive.
    archive: env.libArchiveSet ? env.libArchive : (build.libArchive ?? env.libArchive),
    origin,
    manifest,
  };
  if (manifest.version !== undefined) lib.version = manifest.version;
  if (manifest.owner !== undefined) lib.owner = manifest.owner;
  return lib;
}

/** The libraries in one storage dir: each subfolder (symlinks followed) is one, and each `<Name>.pio-link` names one. */
export function librariesIn(dir: string, origin: Library['origin'], env: EnvConfig): Library[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    if (n.startsWith('.') || n === '__cores__') return [];
    const path = n.endsWith('.pio-link') ? pioLinkTarget(join(dir, n)) : join(dir, n);
    return path && isDir(path) ? [readLibrary(path, origin, env)] : [];
  });
}

/**
 * PlatformIO's resolve_symlink: a `.pio-link` file `{"cwd", "spec": {"uri": "symlink://path"}}`
 * names a folder, relative to `cwd` unless absolute. Undefined when unreadable.
 */
function pioLinkTarget(file: string): string | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { cwd?: string; spec?: { uri?: string } };
    const uri = data.spec?.uri;
    if (!uri?.startsWith('symlink://')) return undefined;
    return resolve(data.cwd ?? dirname(file), uri.slice('symlink://'.length));
  } catch {
    return undefined;
  }
}

export interface LibraryResolution {
  libraries: Library[];
  /** One line each: skipped incompatible libraries, modes treated as others, ignored dependencies. */
  notices: string[];
}

export interface ResolveOptions {
  projectDir: string;
  dirs: ProjectDirs;
  env: EnvConfig;
  /** The framework's libraries (`<ArduinoCore>/libraries`); none for native. */
  frameworkLibrariesDir?: string;
  /** The platform and framework the libraries must be compatible with (`atmelavr`, `arduino`). */
  platform?: string;
  framework?: string;
  /** The project's own files whose includes start the search. */
  projectFiles: string[];
  /** The project's include dirs (`include/`, `src/`): their headers are the project's, not a library's. */
  projectIncludeDirs: string[];
}

/**
 * Chooses the libraries a build needs, as PlatformIO's dependency finder does. Storages in order:
 * `lib_extra_dirs`, `lib_dir`, `<libdeps_dir>/<env>`, the framework's libraries. `lib_deps` specs
 * are satisfied from them (name, owner when known, version inside the requirement); a spec they do
 * not satisfy would need a download, which is one error naming it. Then the includes: `chain` (the
 * default) follows the project's includes into each library found, `deep` scans all of a found
 * library's files, `off` takes only lib_deps. `lib_ignore` removes libraries by name.
 */
export function resolveLibraries(opts: ResolveOptions): LibraryResolution {
  try {
    const found = findLibraries(opts);
    return { ...found, notices: found.notices.map(redact) };
  } catch (e) {
    // A lib_deps URL's credentials never reach a message.
    if (e instanceof Error) e.message = redact(e.message);
    throw e;
  }
}

function findLibraries(opts: ResolveOptions): LibraryResolution {
  const { env, projectDir } = opts;
  const notices: string[] = [];
  const ignore = new Set(env.libIgnore);
  let mode: LdfMode = env.libLdfMode;
  if (mode.endsWith('+')) {
    notices.push(`lib_ldf_mode = ${mode}: fbuild does not evaluate #if conditions; libraries are found as in ${mode.slice(0, -1)} mode`);
    mode = mode.slice(0, -1) as LdfMode;
  }
  const storages: [string, Library['origin']][] = [
    ...env.libExtraDirs.map((d) => [d, 'project'] as [string, Library['origin']]),
    [opts.dirs.lib, 'project'],
    [join(opts.dirs.libdeps, env.name), 'lib_deps'],
    ...(opts.frameworkLibrariesDir ? [[opts.frameworkLibrariesDir, 'framework'] as [string, Library['origin']]] : []),
  ];
  /** Every library of the storages, admitted or not: a lib_deps URL that lib_ignore keeps out is still found installed. */
  const onDisk: Library[] = [];
  const admitted = new Map<string, boolean>();
  const candidates: Library[] = [];
  const admit = (lib: Library): boolean => {
    const known = admitted.get(lib.root);
    if (known !== undefined) return known;
    const ok = admissible(lib);
    admitted.set(lib.root, ok);
    if (ok) candidates.push(lib);
    return ok;
  };
  const admissible = (lib: Library): boolean => {
    if (ignore.has(lib.name) || ignore.has(basename(lib.root))) return false;
    const why = incompatibility(lib, env, opts);
    if (why) {
      if (lib.origin !== 'framework')
        notices.push(`skipping library ${lib.name} (${relativeTo(projectDir, lib.root)}): ${why} (lib_compat_mode = ${env.libCompatMode})`);
      return false;
    }
    return true;
  };
  for (const [dir, origin] of storages) {
    for (const lib of librariesIn(dir, origin, env)) {
      onDisk.push(lib);
      admit(lib);
    }
  }

  const used = new Map<string, Library>();
  const queue: string[] = [];
  const use = (lib: Library) => {
    if (used.has(lib.root)) return;
    used.set(lib.root, lib);
    // deep: every file of the library; chain: its sources, and the headers they reach (below).
    queue.push(...lib.sources);
    if (mode === 'deep')
      queue.push(
        ...listFiles(lib.srcDir)
          .filter((f) => HEADER.test(f))
          .map((f) => join(lib.srcDir, f)),
      );
    for (const dep of lib.manifest.kind === 'library.json' ? lib.manifest.dependencies : []) {
      const found = findLibrary(candidates, dep);
      if (found) use(found);
      else if (!ignore.has(dep.name))
        notices.push(`library ${lib.name} depends on ${dep.owner ? `${dep.owner}/` : ''}${dep.name}, which is not installed; ignored`);
    }
  };

  for (const raw of env.libDeps) {
    const spec = parseLibDep(raw, projectDir);
    const lib = satisfy(spec, candidates, onDisk, opts, admit, ignore);
    if (lib) use(lib);
  }

  if (mode !== 'off') {
    queue.unshift(...opts.projectFiles);
    const scanned = new Set<string>();
    // Each file's includes are looked for in every include dir: the same (dir, name) pairs again and
    // again (Arduino.h in every library's dirs), so each path is asked about once per resolve.
    const found = new Map<string, boolean>();
    const listed = new DirListings();
    const exists = (p: string) => {
      let known = found.get(p);
      if (known === undefined) found.set(p, (known = listed.exists(p)));
      return known;
    };
    while (queue.length) {
      const file = queue.shift()!;
      if (scanned.has(file)) continue;
      scanned.add(file);
      for (const inc of scanIncludes(file)) {
        // An include is the project's own if the file's dir or a project include dir has it.
        const local = [dirname(file), ...opts.projectIncludeDirs].map((d) => join(d, inc)).find((p) => exists(p));
        if (local) {
          queue.push(local, ...sameNamedSources(local, exists));
          continue;
        }
        const owner = [...used.values(), ...candidates].find((l) => l.includeDirs.some((d) => exists(join(d, inc))));
        if (!owner) continue;
        use(owner);
        const header = owner.includeDirs.map((d) => join(d, inc)).find((p) => exists(p))!;
        queue.push(header, ...sameNamedSources(header, exists));
      }
    }
  }
  return { libraries: [...used.values()], notices };
}

/** `foo.h` found: `foo.c` / `foo.cpp` next to it are scanned too, as PlatformIO's finder does. */
function sameNamedSources(header: string, exists: (p: string) => boolean): string[] {
  if (!HEADER.test(header)) return [];
  const stem = header.slice(0, header.lastIndexOf('.'));
  return ['.c', '.cpp', '.cc', '.cxx'].map((e) => stem + e).filter(exists);
}

/** Why a library does not fit this build, or undefined. `soft` checks frameworks and architectures; `strict` too. */
function incompatibility(lib: Library, env: EnvConfig, opts: ResolveOptions): string | undefined {
  const mode = (lib.manifest.build.libCompatMode as EnvConfig['libCompatMode'] | undefined) ?? env.libCompatMode;
  if (mode === 'off') return undefined;
  if (opts.framework && lib.manifest.kind === 'library.json' && !compatible(lib.manifest.frameworks, opts.framework)) {
    return `its frameworks are ${lib.manifest.frameworks!.join(', ')}, not ${opts.framework}`;
  }
  if (opts.platform && !compatible(lib.manifest.platforms, opts.platform)) {
    const what = lib.manifest.kind === 'library.properties' ? 'architectures' : 'platforms';
    return `its ${what} (${lib.manifest.platforms!.join(', ')}) exclude ${opts.platform}`;
  }
  return undefined;
}

const sameName = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** A candidate matching a dependency: same name (case-insensitive), owner when both know one, version inside the requirement. */
export function findLibrary(candidates: Library[], dep: { owner?: string; name: string; version?: string }): Library | undefined {
  return candidates.find(
    (l) =>
      (sameName(l.name, dep.name) || sameName(basename(l.root), dep.name)) &&
      (!dep.owner || !l.owner || sameName(l.owner, dep.owner)) &&
      (!dep.version || satisfiesSafely(l.version, dep.version)),
  );
}

function satisfiesSafely(version: string | undefined, req: string): boolean {
  try {
    return satisfiesRequirement(version, req);
  } catch {
    return false;
  }
}

/** The library a lib_deps spec names, from what is on disk; a UserError naming the spec when it would need a download. */
function satisfy(
  spec: LibDepSpec,
  candidates: Library[],
  onDisk: Library[],
  opts: ResolveOptions,
  admit: (l: Library) => boolean,
  ignore: Set<string>,
): Library | undefined {
  const where = `${relativeTo(opts.projectDir, opts.dirs.lib)}/, ${relativeTo(opts.projectDir, join(opts.dirs.libdeps, opts.env.name))}/`;
  const notInstalled = (detail: string) =>
    new UserError(`lib_deps: ${spec.raw} is not installed (${detail}); put it in ${where} or lib_extra_dirs`);
  const kind = libDepKind(spec);
  if (kind === 'local') {
    const path = localPath(spec, opts.projectDir);
    // file://: the copy installed in the libdeps dir (its .piopm names the spec), as PlatformIO builds it.
    const copy = spec.uri!.startsWith('file://') ? onDisk.find((l) => l.manifest.uri === redact(spec.uri!)) : undefined;
    if (copy) return admit(copy) ? copy : undefined;
    if (!isDir(path)) throw new UserError(`lib_deps: ${spec.raw}: ${path} is not a directory; fix the path in platformio.ini`);
    const lib = readLibrary(path, 'lib_deps', opts.env);
    const existing = candidates.find((l) => l.root === lib.root);
    if (existing) return existing;
    return admit(lib) ? lib : undefined;
  }
  if (kind === 'vcs' || kind === 'archive') {
    // .piopm records URIs with credentials masked.
    const uri = redact(spec.uri!);
    const installed = onDisk.find((l) => l.manifest.uri !== undefined && [uri, uri.replace(/^git\+/, '')].includes(redact(l.manifest.uri)));
    // Installed but kept out by lib_ignore (a header-only package used through -I): not built, not linked.
    if (installed) return admit(installed) ? installed : undefined;
    throw notInstalled(`no library installed from ${spec.uri}`);
  }
  if (kind === 'id') throw notInstalled(`registry id ${spec.id}`);
  const name = spec.name!;
  if (ignore.has(name)) return undefined;
  if (spec.requirements) {
    try {
      satisfiesRequirement('0.0.0', spec.requirements);
    } catch (e) {
      if (e instanceof RequirementError)
        throw new UserError(`lib_deps: ${spec.raw}: ${e.message}; write a requirement like ^1.2.3 or >=1.0,<2`);
      throw e;
    }
  }
  const dep = { name, ...(spec.owner ? { owner: spec.owner } : {}), ...(spec.requirements ? { version: spec.requirements } : {}) };
  const found = findLibrary(candidates, dep);
  if (found) return found;
  const byName = candidates.find((l) => sameName(l.name, name) || sameName(basename(l.root), name));
  if (byName && spec.requirements) {
    throw notInstalled(
      `${relativeTo(opts.projectDir, byName.root)} is version ${byName.version ?? 'unknown'}, outside ${spec.requirements}`,
    );
  }
  if (byName) throw notInstalled(`${relativeTo(opts.projectDir, byName.root)} belongs to ${byName.owner}, not ${spec.owner}`);
  throw notInstalled(`no library named ${name} in ${where} or the framework`);
}

function relativeTo(projectDir: string, p: string): string {
  const r = relative(projectDir, p);
  return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? p : r;
}
