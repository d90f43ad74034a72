import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { StepCommand } from '../cache/stepsCache.js';
import { UserError } from '../util/errors.js';
import { platformioSketchOrder } from '../project/ino/sketchOrder.js';
import { mergeSketch } from '../project/inoToCpp.js';
import { resolveLibraries, type Library } from '../project/libraries.js';
import type { EnvConfig, ProjectDirs } from '../project/platformioIni.js';
import { matchSrcFiles, SOURCE_EXTENSIONS } from '../project/sourceFilter.js';

/** One translation unit: its source (workspace-relative, or absolute outside it) and compile command. */
export interface Unit {
  source: string;
  object: string;
  compiler: string;
  args: string[];
  /** The archive its object goes into (`lib<Name>.a`); undefined: linked as an object. */
  archive?: string;
}

/**
 * What differs between a board build (uno) and a host build (native): the units and their flags,
 * the link steps, what the outputs are and how big they may be. The orchestrator does the rest.
 */
export interface BuildTarget {
  /** For the start event and the fingerprint: which toolchain, from where. */
  description: string;
  /** Binaries whose change must invalidate the whole-build fingerprint. */
  tools: string[];
  /** Other things the fingerprint depends on (flags that come from the toolchain). */
  fingerprintParts: string[];
  artifacts: { elf: string; hex: string; flash?: { offset: string; file: string }[] };
  /**
   * Files made in-process from the linked ELF after every successful link, hit or miss (esp32: the
   * images fbuild writes itself). `write` gets where each file is now (outputs are staged).
   */
  afterLink?: { outputs: string[]; write(path: (file: string) => string): void };
  /** More files the link steps write that a cached link must restore (esp32: bootloader, partitions). */
  extraOutputs?: string[];
  /** More files whose content decides the link (a project's own partition table). */
  extraInputs?: string[];
  limits: { name: string; flashMax: number; ramMax: number };
  planUnits(): Unit[];
  /** The archive and link steps for the planned units, and the archives they write. */
  linkSteps(units: Unit[]): { steps: StepCommand[]; archives: string[] };
  size(linkStdout: Buffer[]): { flash: number; ram: number; flashMax: number; ramMax: number };
  /** A one-line explanation of a failed link, when the target knows better than "see above". */
  explainLinkFailure(stderr: string): string | undefined;
  /** One-line notices about the project (skipped libraries, options fbuild reads differently). */
  notices?: string[];
  /** The framework's libraries (`<framework>/libraries`): lib_deps dependencies they satisfy are not downloaded. */
  frameworkLibrariesDir?: string;
}

/** Makes one unit: the target's flags around a source, its includes and the extra flags of its group. */
export type UnitMaker = (source: string, object: string, includes: string[], extra: UnitExtra) => Unit;

/** Flags of a group of units: `build_src_flags` for the project's sources, a library's own `flags`/`unflags`. */
export interface UnitExtra {
  flags: string[];
  unflags: string[];
}

export interface ProjectSources {
  /** Workspace-relative translation units of the source dir (the converted sketch first, if any). */
  sources: string[];
  libraries: Library[];
  /** Paths for -I, workspace-relative where inside it. */
  projectIncludes: string[];
  libIncludes: string[];
  /** `build_src_flags`. */
  srcFlags: string[];
  notices: string[];
  rel(p: string): string;
  /** Where under `<build>/src/` a project source's object goes (its path from src_dir); undefined for the sketch. */
  objectName?(source: string): string | undefined;
  /** `p` relative to the project dir, `../` included (the same in every checkout of a repository). */
  fromProject(p: string): string;
}

/**
 * The project's own code: `src_dir` through `build_src_filter` (a `.ino` sketch made into one C++
 * unit in the build dir, rewritten only when it changes), and the libraries its `#include`s need.
 */
export function projectSources(opts: {
  projectDir: string;
  buildDir: string;
  env: EnvConfig;
  dirs: ProjectDirs;
  frameworkLibrariesDir?: string;
  platform?: string;
  framework?: string;
  allowIno: boolean;
}): ProjectSources {
  const { projectDir, buildDir, env, dirs } = opts;
  const rel = (p: string) => {
    const r = relative(projectDir, p);
    // The project dir itself is `.`: an empty path would make `-I` swallow the next argument.
    return r === '' ? '.' : r.startsWith('..') ? p : r.split(sep).join('/');
  };
  const srcDir = dirs.src;
  const walkNotices: string[] = [];
  // With `src_dir = .` the build dir is under the source dir: what fbuild writes there (the sketch's
  // .cpp) is never a source.
  const srcFiles = matchSrcFiles(srcDir, env.buildSrcFilter, {
    exclude: [resolve(projectDir, buildDir)],
    onSkip: (m) => walkNotices.push(`${env.buildSrcFilter.length ? 'build_src_filter' : 'src_dir'}: ${m}`),
  });
  const inoFiles = opts.allowIno ? srcFiles.filter((f) => /\.(ino|pde)$/.test(f) && !f.includes('/')) : [];
  const srcSources = srcFiles.filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)));
  if (inoFiles.length === 0 && srcSources.length === 0) {
    const where = rel(srcDir);
    throw new UserError(
      `no source files in ${srcDir}; add ${where}/main.cpp${opts.allowIno ? ' or a .ino sketch' : ''} or set src_dir in [platformio]`,
    );
  }
  const sources = srcSources.map((f) => rel(join(srcDir, f)));
  // Objects go under <build>/src/ at the path relative to src_dir; a file the filter took from
  // outside it (`+<../extra/>`) gets `_up_` for each `..`, so that its object stays in the build
  // dir and has the same path in every checkout.
  const objectNames = new Map(
    srcSources.map((f) => [rel(join(srcDir, f)), f.replace(/^(\.\.\/)+/, (ups) => '_up_/'.repeat(ups.length / 3))]),
  );
  if (inoFiles.length) {
    // PlatformIO's merge order: the file that defines setup()/loop() first (ino/sketchOrder.ts).
    const sketch = platformioSketchOrder(
      inoFiles.map((f) => ({ path: rel(join(srcDir, f)), text: readFileSync(join(srcDir, f), 'utf8') })),
    );
    const cpp = mergeSketch(sketch);
    const relPath = join(buildDir, 'sketch', `${basename(sketch[0]!.path)}.cpp`);
    const abs = join(projectDir, relPath);
    mkdirSync(dirname(abs), { recursive: true });
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== cpp) writeFileSync(abs, cpp);
    sources.unshift(relPath);
  }
  const includeDirs = [...(existsSync(dirs.include) ? [dirs.include] : []), srcDir];
  const { libraries, notices } = resolveLibraries({
    projectDir,
    dirs,
    env,
    ...(opts.frameworkLibrariesDir ? { frameworkLibrariesDir: opts.frameworkLibrariesDir } : {}),
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.framework ? { framework: opts.framework } : {}),
    projectFiles: [
      ...sources.map((p) => join(projectDir, p)),
      ...srcFiles.filter((f) => /\.(h|hpp|ino|pde)$/.test(f)).map((f) => join(srcDir, f)),
    ],
    projectIncludeDirs: includeDirs,
  });
  return {
    sources,
    libraries,
    projectIncludes: includeDirs.map((d) => `-I${rel(d)}`),
    libIncludes: [...new Set(libraries.flatMap((l) => l.includeDirs.map((d) => `-I${rel(d)}`)))],
    srcFlags: env.buildSrcFlags,
    notices: [...walkNotices, ...notices],
    rel,
    objectName: (source) => objectNames.get(source),
    fromProject: (p: string) => relative(projectDir, p).split(sep).join('/'),
  };
}

/** `build_unflags` removes default flags, as in PlatformIO (e.g. `-Wall` to see fewer warnings). */
export function unflagsOf(env: EnvConfig): Set<string> {
  return new Set((env.raw.build_unflags ?? []).flatMap((l) => l.split(/\s+/)).filter(Boolean));
}

/** Where a unit's object goes: `<build dir>/<group>/<path>.o`, as PlatformIO names them (`main.cpp.o`). */
export function objectPath(buildDir: string, group: string, relPath: string): string {
  return `${buildDir}/${group}/${relPath.replace(/^\.\.\//, '')}.o`;
}

/**
 * A library's build dir, `lib<3 hex>/<dir name>` as PlatformIO names it. PlatformIO hashes the
 * absolute path; fbuild hashes the workspace-relative one, so another checkout gets the same object
 * paths (and so the same keys).
 */
export function libraryBuildDir(buildDir: string, lib: Library, ps: Pick<ProjectSources, 'rel' | 'fromProject'>): string {
  // A project's library outside the project (`symlink://../shared/X`) by its path from the project.
  const where = lib.origin !== 'framework' && isAbsolute(ps.rel(lib.root)) ? ps.fromProject(lib.root) : ps.rel(lib.root);
  const hash = createHash('sha1').update(where).digest('hex').slice(0, 3);
  return `${buildDir}/lib${hash}/${basename(lib.root)}`;
}

export function libraryUnits(ps: ProjectSources, buildDir: string, unit: UnitMaker, extraIncludes: string[]): Unit[] {
  return ps.libraries.flatMap((lib) => {
    const dir = libraryBuildDir(buildDir, lib, ps);
    // A library sees its own include dirs first, then the others found and the framework's.
    const own = lib.includeDirs.map((d) => `-I${ps.rel(d)}`);
    const includes = [...new Set([...own, ...ps.libIncludes, ...extraIncludes])];
    const archive = lib.archive ? `${dirname(dir)}/lib${basename(lib.root)}.a` : undefined;
    return lib.sources.map((s) => {
      const u = unit(ps.rel(s), `${dir}/${relative(lib.srcDir, s).split(sep).join('/')}.o`, includes, {
        flags: lib.flags,
        unflags: lib.unflags,
      });
      return archive ? { ...u, archive } : u;
    });
  });
}

export function sourceUnits(ps: ProjectSources, buildDir: string, srcDir: string, unit: UnitMaker, extraIncludes: string[]): Unit[] {
  const srcRel = ps.rel(srcDir);
  return ps.sources.map((s) => {
    const inSrc = s.startsWith(`${srcRel}/`) ? s.slice(srcRel.length + 1) : s;
    const name = inSrc.startsWith(`${buildDir}/sketch/`) ? inSrc.slice(`${buildDir}/sketch/`.length) : (ps.objectName?.(s) ?? inSrc);
    return unit(s, objectPath(buildDir, 'src', name), [...ps.projectIncludes, ...ps.libIncludes, ...extraIncludes], {
      flags: ps.srcFlags,
      unflags: [],
    });
  });
}

/**
 * PlatformIO's archive steps: `ar rc lib<Name>.a <objects>` then `ranlib` for each archive, in the
 * order the units come; the objects of units without an archive are linked directly. `always` are
 * made even with no members (PlatformIO always archives the core and the variant), and go last.
 * `deterministic` adds `D` (zero timestamps and ids in the archive), so the same objects give the
 * same archive bytes in every build and checkout.
 */
export function archiveSteps(
  units: Unit[],
  tools: { ar: string; ranlib?: string; deterministic?: boolean },
  always: string[] = [],
): { steps: StepCommand[]; archives: string[]; objects: string[] } {
  const { ar, ranlib, deterministic } = tools;
  const members = new Map<string, string[]>();
  const objects: string[] = [];
  for (const u of units) {
    if (!u.archive) objects.push(u.object);
    else {
      if (!members.has(u.archive)) members.set(u.archive, []);
      members.get(u.archive)!.push(u.object);
    }
  }
  for (const archive of always) {
    const objs = members.get(archive) ?? [];
    members.delete(archive);
    members.set(archive, objs);
  }
  const steps = [...members].flatMap(([archive, objs]) => [
    { command: ar, args: [deterministic ? 'rcD' : 'rc', archive, ...objs] },
    ...(ranlib ? [{ command: ranlib, args: [...(deterministic ? ['-D'] : []), archive] }] : []),
  ]);
  return { steps, archives: [...members.keys()], objects };
}

/** What a link takes from the libraries' own flags. */
export interface LibraryLinkFlags {
  linkflags: string[];
  libpath: string[];
  libs: string[];
}

/**
 * The link flags (`-Wl,…`), library dirs (`-L`) and libraries (`-l`) of the used libraries' own
 * `build.flags`: PlatformIO copies each library's LINKFLAGS, LIBPATH and LIBS into the env that links
 * (piolib's `build()`), so a library can bring a precompiled archive (`-Lsrc/atmega328p -lalgo`).
 */
export function libraryLinkFlags(libraries: Library[]): LibraryLinkFlags {
  const out: LibraryLinkFlags = { linkflags: [], libpath: [], libs: [] };
  for (const lib of libraries) {
    const own = splitBuildFlags(lib.flags);
    for (const f of own.linkflags) (f.startsWith('-L') ? out.libpath : out.linkflags).push(f);
    out.libs.push(...own.libs);
  }
  return { linkflags: [...new Set(out.linkflags)], libpath: [...new Set(out.libpath)], libs: [...new Set(out.libs)] };
}

/**
 * build_flags (or a library's flags) split the way SCons' ParseFlags sorts them for the command
 * line: defines, include dirs, link flags and libraries, and the rest (compile flags, `-std=` by language).
 */
export function splitBuildFlags(flags: string[]): {
  defines: string[];
  includes: string[];
  ccflags: string[];
  cflags: string[];
  cxxflags: string[];
  linkflags: string[];
  libs: string[];
} {
  const out = {
    defines: [] as string[],
    includes: [] as string[],
    ccflags: [] as string[],
    cflags: [] as string[],
    cxxflags: [] as string[],
    linkflags: [] as string[],
    libs: [] as string[],
  };
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (f === '-D' || f === '-I') {
      const next = flags[++i];
      if (next !== undefined) (f === '-D' ? out.defines : out.includes).push(`${f}${next}`);
    } else if (f.startsWith('-D')) out.defines.push(f);
    else if (f.startsWith('-I')) out.includes.push(f);
    else if (f.startsWith('-Wl,') || f.startsWith('-L')) out.linkflags.push(f);
    else if (f.startsWith('-l')) out.libs.push(f);
    else if (f.startsWith('-std=')) (f.includes('++') ? out.cxxflags : out.cflags).push(f);
    else if (['-include', '-imacros', '-isystem', '-iquote', '-idirafter'].includes(f) && i + 1 < flags.length)
      out.ccflags.push(f, flags[++i]!);
    else out.ccflags.push(f);
  }
  return out;
}
